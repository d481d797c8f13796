"""Fetching the next pull page while the current one is written to the replica.

The server builds a page in its own process, so requesting page n+1 before
page n is applied lets both processes work at the same time. The prefetched
page is used only when the next request equals the request sent ahead.
Otherwise it is dropped and the page is fetched again.
"""

from __future__ import annotations

import concurrent.futures
import logging

from sync import protocol
from sync.transport import Transport

log = logging.getLogger(__name__)


class PagePrefetcher:
    """Send at most one pull request ahead, on a worker thread.

    The transport is used by one thread at a time: `take` waits for the
    request sent ahead before it sends another one, and `close` waits for it
    before the caller goes on.
    """

    def __init__(self, transport: Transport) -> None:
        self.transport = transport
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._request: protocol.PullRequest | None = None
        self._future: concurrent.futures.Future | None = None

    def start(self, request: protocol.PullRequest) -> None:
        """Send `request` on the worker thread; its page is kept for `take`."""
        self._discard()
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull-prefetch")
        self._request = request
        self._future = self._executor.submit(self.transport.pull, request)

    def take(self, request: protocol.PullRequest) -> protocol.PullResponse:
        """Return the page for `request`: the prefetched one when it matches, else a new fetch.

        An error of the matching prefetched request is raised here, as a direct
        fetch would raise it.
        """
        future, sent = self._future, self._request
        self._future, self._request = None, None
        if future is not None:
            if sent == request:
                return future.result()
            # Wait for it, so the transport is free, and drop whatever it returned.
            concurrent.futures.wait([future])
            log.debug("dropped the page prefetched for cursor %s; fetching cursor %s", sent.cursor, request.cursor)
        return self.transport.pull(request)

    def close(self) -> None:
        """Wait for a request still on its way and stop the worker thread."""
        self._discard()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def _discard(self) -> None:
        if self._future is not None:
            concurrent.futures.wait([self._future])
        self._future, self._request = None, None
