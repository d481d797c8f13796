"""Progress of a pull: rows done, the total when known, the rate and the time left."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable


@dataclasses.dataclass(frozen=True)
class PullProgress:
    """Figures of one pull after a page, for the CLI line and the desktop.

    rows_done counts rows written by this pull, so a resumed first sync
    starts again from 0. rows_total is the server's estimate of the rows in
    the user's scope, which the server sends only with a pull from cursor 0;
    without it the fraction comes from change numbers.
    """

    rows_done: int
    rows_total: int | None
    pages: int
    # Change numbers: where this pull started, where its cursor is now, and the server's latest.
    start_cursor: int
    cursor: int
    server_seq: int
    elapsed_s: float
    # Rows per second since the pull started; None before any time has passed.
    rate: float | None
    # Seconds left at the current rate; None when it cannot be estimated.
    eta_s: float | None

    @property
    def fraction(self) -> float:
        """Share of the pull done, 0 to 1."""
        if self.rows_total:
            return min(1.0, self.rows_done / self.rows_total)
        span = self.server_seq - self.start_cursor
        if span <= 0:
            return 1.0
        return min(1.0, max(0.0, (self.cursor - self.start_cursor) / span))

    @property
    def percent(self) -> int:
        return int(self.fraction * 100)

    def describe(self) -> str:
        """Return the English line that `kaidan sync` prints for this progress."""
        if self.rows_total:
            text = f"pulled {self.rows_done} of about {self.rows_total} rows ({self.percent} %)"
        else:
            text = f"pulled {self.rows_done} rows, change {self.cursor} of {self.server_seq} ({self.percent} %)"
        if self.rate is not None:
            text += f", {self.rate:.0f} rows/s"
        if self.eta_s is not None:
            text += f", {format_time_left(self.eta_s)}"
        return text


def format_time_left(seconds: float) -> str:
    """Return e.g. "about 40 s left" or "about 3 min left" (minutes from 120 s on, rounded up)."""
    if seconds < 120:
        return f"about {max(0, round(seconds))} s left"
    return f"about {-(-int(seconds) // 60)} min left"


class PullProgressMeter:
    """Build a PullProgress after each page from the pull's start time and counts."""

    def __init__(self, start_cursor: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.start_cursor = start_cursor
        self.clock = clock
        self.started = clock()
        # Only a page from cursor 0 carries an estimate; later pages keep its scale.
        self.rows_total: int | None = None

    def after_page(self, *, rows_done: int, pages: int, cursor: int, server_seq: int,
                   total_estimate: int | None) -> PullProgress:
        if total_estimate:
            self.rows_total = total_estimate
        elapsed = self.clock() - self.started
        rate = rows_done / elapsed if elapsed > 0 else None
        progress = PullProgress(
            rows_done=rows_done, rows_total=self.rows_total, pages=pages, start_cursor=self.start_cursor,
            cursor=cursor, server_seq=server_seq, elapsed_s=elapsed, rate=rate, eta_s=None,
        )
        return dataclasses.replace(progress, eta_s=self._eta(progress))

    @staticmethod
    def _eta(progress: PullProgress) -> float | None:
        fraction = progress.fraction
        if fraction >= 1.0:
            return 0.0
        if progress.rows_total and progress.rate:
            return (progress.rows_total - progress.rows_done) / progress.rate
        if fraction <= 0 or progress.elapsed_s <= 0:
            return None
        # By change numbers: assumes the rest of the changes hold as many rows per change as those done.
        return progress.elapsed_s * (1 - fraction) / fraction
