"""Named points where a test can make the client process die, as a crash of the process would.

Set the environment variable KAIDAN_KILL_AT to a point's name, or to
`name:N` for its N-th hit in the process (the first by default). When the
process reaches that hit, it logs one line, flushes stdout and stderr, and
exits at once with KILL_EXIT_CODE through os._exit. No `finally` block, no
SQLite commit or rollback and no atexit handler runs, so the files on disk
are what a crash would leave. Without the variable, kill_point only reads the
environment and returns.

The points, in the order a sync reaches them:

- after_local_write: a command and its outbox entry are committed locally,
  nothing has been sent.
- after_push_response: the server committed a pushed batch and its response
  arrived, but the results are not recorded: the outbox entries are still
  pending.
- mid_pull_page: a table's rows of a pulled page are written inside the
  page's SQLite transaction, and the page's later tables are not. Each
  table written is one hit.
- before_cursor_moves: all rows of a pulled page are written inside its
  transaction and the cursor is not yet moved. The cursor moves in the same
  transaction as the rows, so no committed state has a page without its
  cursor. This point and after_page_commit are the two sides of that commit.
- after_page_commit: a page and its cursor are committed and the next page
  is not applied. Its request may already be in flight, because the engine
  fetches the next page while it applies the current one.
"""

from __future__ import annotations

import collections
import logging
import os
import sys

log = logging.getLogger(__name__)

ENV_VAR = "KAIDAN_KILL_AT"
# Not a code any other failure of `kaidan` uses, so a test can tell the kill apart.
KILL_EXIT_CODE = 77

POINTS = (
    "after_local_write",
    "after_push_response",
    "mid_pull_page",
    "before_cursor_moves",
    "after_page_commit",
)

_hits: collections.Counter[str] = collections.Counter()


def parse_target(value: str) -> tuple[str, int]:
    """Split a KAIDAN_KILL_AT value into (point name, hit number); raise ValueError when it is invalid."""
    name, _, count = value.strip().partition(":")
    if name not in POINTS:
        raise ValueError(f"invalid {ENV_VAR} point {name!r}; expected one of {', '.join(POINTS)}")
    if not count:
        return name, 1
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"invalid {ENV_VAR} hit number {count!r} in {value!r}; expected an integer of 1 or more")
    return name, int(count)


def kill_point(name: str) -> None:
    """Exit the process here when KAIDAN_KILL_AT names this point and hit; otherwise return."""
    if name not in POINTS:
        raise ValueError(f"unknown kill point {name!r}; add it to sync.killpoints.POINTS")
    value = os.environ.get(ENV_VAR)
    if not value:
        return
    target, hit = parse_target(value)
    if target != name:
        return
    _hits[name] += 1
    if _hits[name] != hit:
        return
    log.warning("kill point %s reached (hit %d); exiting with code %d", name, hit, KILL_EXIT_CODE)
    # os._exit skips the flush of Python's buffers, and a test reads the progress printed so far.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(KILL_EXIT_CODE)
