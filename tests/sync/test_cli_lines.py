"""Single lines of CliMessages in both languages: separators in counts, no change numbers, no "0 s left",
plural forms of the rejected-command summary."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from desktop import i18n
from desktop.cli_messages import CliMessages
from sync.progress import PullProgress


@pytest.fixture
def messages(qapp):
    yield CliMessages()
    i18n.install_translations(QCoreApplication.instance(), "en")


def _progress(rows_total: int | None, eta_s: float | None) -> PullProgress:
    return PullProgress(rows_done=12112, rows_total=rows_total, pages=3, start_cursor=0, cursor=30, server_seq=90,
                        elapsed_s=6.0, rate=2018.7, eta_s=eta_s)


def test_pull_progress_english(messages):
    i18n.install_translations(QCoreApplication.instance(), "en")
    assert messages.pull_progress(_progress(48000, 18.0)) == (
        "pulled 12,112 of about 48,000 rows (25 %), 2,019 rows/s, about 18 s left"
    )
    # Without a row total the line shows the share done, never the change numbers (cursor 30 of 90).
    by_changes = messages.pull_progress(_progress(None, 0.4))
    assert by_changes.startswith("pulled 12,112 rows (")
    assert "change" not in by_changes
    assert "30" not in by_changes
    assert "90" not in by_changes
    assert by_changes.endswith(", almost done")
    assert messages.index_progress(1200, 2212, 3.0).startswith("search index: 1,200 of 2,212 records (54 %)")


def test_pull_progress_chinese(messages):
    i18n.install_translations(QCoreApplication.instance(), "zh_CN")
    line = messages.pull_progress(_progress(48000, 0.2))
    assert line == "已拉取 12,112 行，共约 48,000 行（25 %），2,019 行/秒，即将完成"
    assert "0 秒" not in line


def test_problems_summary_plural(messages):
    i18n.install_translations(QCoreApplication.instance(), "en")
    assert "It was not applied." in messages.problems_summary(1, 0)
    assert "discard it." in messages.problems_summary(1, 0)
    assert "None of them was applied." in messages.problems_summary(2, 0)
    assert "None of them was applied." in messages.problems_summary(1, 1)
    i18n.install_translations(QCoreApplication.instance(), "zh_CN")
    assert "上述命令没有生效" in messages.problems_summary(1, 0)
