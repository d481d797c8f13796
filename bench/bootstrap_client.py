"""The client side of the bootstrap benchmark, run in its own process so its peak RSS is its own.

Usage: python -m bench.bootstrap_client DATA_DIR SERVER_URL USERNAME, with the
password on standard input. Prints one JSON object: seconds (the sync, up to
the last page committed), search_ready_s (that plus building the search
index), rows, pages and the process's own peak RSS in MB.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from sync import search_index
from sync.client import open_replica, run_sync, sign_in


def main() -> None:
    data_dir, server_url, username = sys.argv[1:4]
    password = sys.stdin.readline().rstrip("\n")
    replica = open_replica(data_dir)
    try:
        connection = sign_in(replica, server_url, username, password)
        try:
            started = time.perf_counter()
            result = run_sync(connection)
            seconds = time.perf_counter() - started
            # The desktop and `kaidan sync` build the index after the sync, while the replica is already usable.
            search_index.build_index(replica)
            search_ready_s = time.perf_counter() - started
        finally:
            connection.close()
    finally:
        replica.close()
    # ru_maxrss is in kilobytes on Linux.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rows": result.pull.rows, "pages": result.pull.pages, "peak_rss_mb": peak_mb,
                      "search_ready_s": search_ready_s}))


if __name__ == "__main__":
    main()
