"""The figures and the English line of a pull's progress."""

from __future__ import annotations

from sync.progress import PullProgressMeter, format_time_left


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_with_row_total():
    clock = _Clock()
    meter = PullProgressMeter(0, clock=clock)
    clock.now += 2.0
    first = meter.after_page(rows_done=2000, pages=1, cursor=7, server_seq=70, total_estimate=10000)
    assert first.rows_total == 10000
    assert first.rate == 1000.0
    assert first.eta_s == 8.0
    assert first.percent == 20
    assert first.describe() == "pulled 2000 of about 10000 rows (20 %), 1000 rows/s, about 8 s left"

    # Later pages carry no estimate; the first page's total stays.
    clock.now += 2.0
    second = meter.after_page(rows_done=4000, pages=2, cursor=14, server_seq=70, total_estimate=None)
    assert second.rows_total == 10000
    assert second.percent == 40
    assert second.eta_s == 6.0


def test_progress_by_change_numbers():
    clock = _Clock()
    # A resumed pull: the server sends no row total after cursor 0.
    meter = PullProgressMeter(40, clock=clock)
    clock.now += 10.0
    progress = meter.after_page(rows_done=3000, pages=1, cursor=60, server_seq=140, total_estimate=None)
    assert progress.rows_total is None
    assert progress.fraction == 0.2
    assert progress.rate == 300.0
    assert progress.eta_s == 40.0
    assert progress.describe() == "pulled 3000 rows, change 60 of 140 (20 %), 300 rows/s, about 40 s left"


def test_progress_finished_has_no_time_left():
    clock = _Clock()
    meter = PullProgressMeter(0, clock=clock)
    clock.now += 1.0
    progress = meter.after_page(rows_done=500, pages=1, cursor=9, server_seq=9, total_estimate=500)
    assert progress.fraction == 1.0
    assert progress.eta_s == 0.0


def test_time_left_units():
    assert format_time_left(0.4) == "about 0 s left"
    assert format_time_left(119) == "about 119 s left"
    assert format_time_left(120) == "about 2 min left"
    assert format_time_left(121) == "about 3 min left"
