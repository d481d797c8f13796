"""Fixtures shared by every test package."""

from __future__ import annotations

import gc
import logging
import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def postgres_url():
    """URL of a fresh, empty PostgreSQL database, dropped after the test."""
    from tests.pg import temporary_database

    with temporary_database() as url:
        yield url


@pytest.fixture(autouse=True)
def close_qt_leftovers():
    """Close every window and app context a test left open, once the test ends.

    A context's sync timer or a background task that outlives its test would
    otherwise fire later, inside another test, against deleted widgets.
    """
    yield
    if "desktop.context" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext

    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.close()
    for obj in gc.get_objects():
        if isinstance(obj, AppContext):
            try:
                obj.close()
            except (RuntimeError, ValueError) as exc:  # already closed or its C++ side deleted
                logging.getLogger(__name__).debug("app context already closed: %s", exc)
    for widget in app.topLevelWidgets():
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()

