"""A push whose response is cut midway is retried like a lost one.

A body cut after the headers raises requests' ChunkedEncodingError rather
than a ConnectionError, and a cut inside the headers arrives as a 200 with
an empty body; the transport must retry both.
"""

from __future__ import annotations

from tests.faults.proxy import CUT
from tests.faults.test_hard_cases import PUSH_PATH, _assert_orders
from tests.faults.world import assert_oracle, clients, running_server, seed_world


def test_cut_push_response_is_retried(database_url, tmp_path):
    world = seed_world(database_url, {"mgr_a": "manager"})
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        numbers = [client.create_order(world, "1")[2] for _ in range(3)]

        # Past the status line and headers (about 150 bytes), inside the JSON body.
        proxy.cut_response(300, path_prefix=PUSH_PATH, times=1)
        result = client.sync(proxy.url)

        assert len(proxy.faulted(CUT, PUSH_PATH)) == 1
        assert result.push.acknowledged == 3
        _assert_orders(database_url, numbers)
        assert_oracle(database_url, proxy.url, [client])


def test_response_cut_in_headers_is_retried(database_url, tmp_path):
    world = seed_world(database_url, {"mgr_a": "manager"})
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        client.create_order(world, "1")

        # 20 bytes hold the status line and part of the first header, so the
        # client sees a 200 without a Content-Length and an empty body.
        proxy.cut_response(20, path_prefix=PUSH_PATH, times=1)
        result = client.sync(proxy.url)

        assert len(proxy.faulted(CUT, PUSH_PATH)) == 1
        assert result.push.acknowledged == 1
        assert_oracle(database_url, proxy.url, [client])
