"""Counting a page's open records off the GUI thread, for the count in the navigation."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.orm import Session

from desktop.context import AppContext

log = logging.getLogger(__name__)


class OpenCount:
    """A background count of open records: runs `count(session)` in a task and passes each result to `on_count`.

    A request made while a count runs is not lost: one more count runs after
    it, because a record may have changed after that count read it.
    """

    def __init__(self, context: AppContext, count: Callable[[Session], int], on_count: Callable[[int], None],
                 what: str) -> None:
        self.context = context
        self.count = count
        self.on_count = on_count
        # For the log: "open flags", "open duplicate tasks".
        self.what = what
        self._running = False
        self._again = False

    def refresh(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        context, count = self.context, self.count

        def work(control) -> int:
            with context.read_session() as session:
                return count(session)

        def counted(value: int) -> None:
            self._running = False
            self.on_count(value)
            if self._again:
                self._again = False
                self.refresh()

        def failed(error: BaseException) -> None:
            self._running = False
            log.error("counting %s failed", self.what, exc_info=(type(error), error, error.__traceback__))

        context.tasks.run(work, on_result=counted, on_error=failed)
