"""The fault proxy against a tiny local HTTP server."""

from __future__ import annotations

import http.client
import http.server
import threading
import time

import pytest
import requests

from tests.faults.proxy import CUT, DROP_RESPONSE, REFUSE, FaultProxy

BODY = b"x" * 5000


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the http.server hook name
        self._answer(BODY)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        data = self.rfile.read(length)
        self.server.received.append(data)
        self._answer(b"got " + data)

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence stderr
        pass


@pytest.fixture
def backend():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def proxy(backend):
    started = FaultProxy(backend.server_address[1]).start()
    try:
        yield started
    finally:
        started.stop()


def test_pass_through_keeps_connection(proxy):
    with requests.Session() as http_session:
        for _ in range(3):
            response = http_session.get(proxy.url + "/a", timeout=10)
            assert response.status_code == 200
            assert response.content == BODY
        posted = http_session.post(proxy.url + "/p", data=b"hello", timeout=10)
    assert posted.content == b"got hello"
    assert [e.path for e in proxy.exchanges] == ["/a", "/a", "/a", "/p"]


def test_delay_holds_the_request(proxy, backend):
    proxy.delay(400)
    started = time.monotonic()
    response = requests.get(proxy.url + "/slow", timeout=10)
    assert response.content == BODY
    assert time.monotonic() - started >= 0.4


def test_refuse_forwards_nothing(proxy, backend):
    proxy.refuse()
    with pytest.raises(requests.ConnectionError):
        requests.post(proxy.url + "/p", data=b"lost", timeout=10)
    assert backend.received == []
    assert proxy.faulted(REFUSE)

    proxy.pass_through()
    assert requests.post(proxy.url + "/p", data=b"ok", timeout=10).content == b"got ok"


def test_refuse_by_path_spares_others(proxy, backend):
    proxy.refuse(path_prefix="/push")
    assert requests.get(proxy.url + "/pull", timeout=10).status_code == 200
    with pytest.raises(requests.ConnectionError):
        requests.post(proxy.url + "/push", data=b"no", timeout=10)
    assert backend.received == []


def test_cut_response_midway(proxy, backend):
    # Past the headers (about 150 bytes), inside the 5,000-byte body.
    proxy.cut_response(1000)
    connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
    try:
        connection.request("GET", "/big")
        response = connection.getresponse()
        assert response.status == 200
        with pytest.raises(http.client.IncompleteRead):
            response.read()
    finally:
        connection.close()
    assert proxy.faulted(CUT, "/big")


def test_drop_response_after_server_processed(proxy, backend):
    proxy.drop_response(times=1)
    with pytest.raises(requests.ConnectionError):
        requests.post(proxy.url + "/p", data=b"committed", timeout=10)
    # The server received the request and sent a response, which only the client lost.
    assert backend.received == [b"committed"]
    dropped = proxy.faulted(DROP_RESPONSE)
    assert [(e.path, e.response_status) for e in dropped] == [("/p", 200)]

    # `times=1` used up: the next exchange passes.
    assert requests.post(proxy.url + "/p", data=b"again", timeout=10).content == b"got again"


def test_stop_closes_open_connections(backend):
    proxy = FaultProxy(backend.server_address[1]).start()
    http_session = requests.Session()
    try:
        assert http_session.get(proxy.url + "/a", timeout=10).status_code == 200
    finally:
        proxy.stop()
    with pytest.raises(requests.ConnectionError):
        http_session.get(proxy.url + "/a", timeout=5)
    http_session.close()
