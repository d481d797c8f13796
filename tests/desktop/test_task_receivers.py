"""A background task's result is dropped when the widget that asked for it was deleted meanwhile."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel

from desktop.tasks import TaskRunner


def _run_after_deletion(qtbot, make_callback):
    """Start a task, delete the label its callback uses before the task ends, and return what the callback saw."""
    runner = TaskRunner(None)
    release = threading.Event()
    label = QLabel()
    seen: list[str] = []
    callback = make_callback(label, seen)
    handle = runner.run(lambda control: release.wait(5) and "done", on_result=callback)
    label.deleteLater()
    qtbot.waitUntil(lambda: not _alive(label), timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: handle.result is not None, timeout=5_000)
    qtbot.wait(50)
    return seen


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_closure_over_deleted_widget_not_called(qtbot):
    def make(label, seen):
        def shown(value):
            label.setText(value)  # would raise RuntimeError on the deleted label
            seen.append(value)
        return shown

    assert _run_after_deletion(qtbot, make) == []


def test_callback_without_widget_still_called(qtbot):
    def make(_label, seen):
        return seen.append

    assert _run_after_deletion(qtbot, make) == ["done"]
