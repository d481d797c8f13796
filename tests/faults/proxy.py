"""A loopback TCP proxy for HTTP/1.1 that injects network faults, switchable at run time.

    proxy = FaultProxy(server_port).start()
    proxy.drop_response(path_prefix="/api/v1/sync/push", times=1)
    ...                                  # talk to proxy.url instead of the server
    proxy.stop()

The proxy reads each request in full (Content-Length or chunked), sends it to
the server on a fresh upstream connection, reads the response in full, and
then applies the current fault:

- pass: send the response unchanged;
- delay: wait before forwarding the request;
- refuse: close the client connection with a reset, forwarding nothing;
- cut: send only the first K bytes of the response, then close cleanly;
- drop_response: the server has processed the request (and committed), but
  the client connection is reset without a byte of the response.

A fault can be limited to paths with a prefix, to requests that a
predicate over the raw request accepts (`when`), and to the next N matching
exchanges, after which the proxy passes traffic through again. Only
127.0.0.1 is used, on both sides.
"""

from __future__ import annotations

import dataclasses
import logging
import socket
import struct
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
MAX_CONNECTIONS = 64
MAX_HEADER_BYTES = 64 * 1024
SOCKET_TIMEOUT_S = 120.0
RECV_SIZE = 65536

PASS = "pass"
DELAY = "delay"
REFUSE = "refuse"
CUT = "cut"
DROP_RESPONSE = "drop_response"


class ProtocolError(Exception):
    """The bytes on a connection are not an HTTP/1.x message this proxy can frame."""


@dataclasses.dataclass
class Fault:
    """The behaviour applied to matching exchanges. With `times` None it lasts until the next set_fault."""

    kind: str = PASS
    delay_ms: int = 0
    cut_after_bytes: int = 0
    path_prefix: str = ""
    times: int | None = None
    # Called with the raw request (head and body); the fault applies only when it returns True.
    when: Callable[[bytes], bool] | None = None


@dataclasses.dataclass(frozen=True)
class Exchange:
    """One request seen by the proxy and the fault that was applied to it."""

    method: str
    path: str
    fault: str
    response_status: int | None


class _Stream:
    """Buffered reads from a socket, for framing HTTP messages."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> bool:
        data = self.sock.recv(RECV_SIZE)
        if not data:
            return False
        self.buffer += data
        return True

    def read_until(self, marker: bytes, limit: int) -> bytes | None:
        """Return bytes up to and including `marker`, or None on a clean EOF before any byte."""
        while marker not in self.buffer:
            if len(self.buffer) > limit:
                raise ProtocolError(f"no {marker!r} within {limit} bytes")
            if not self._fill():
                if self.buffer:
                    raise ProtocolError("connection closed in the middle of a message")
                return None
        index = self.buffer.index(marker) + len(marker)
        data, self.buffer = self.buffer[:index], self.buffer[index:]
        return data

    def read_exact(self, count: int) -> bytes:
        while len(self.buffer) < count:
            if not self._fill():
                raise ProtocolError(f"connection closed after {len(self.buffer)} of {count} body bytes")
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def read_to_eof(self) -> bytes:
        while self._fill():
            pass
        data, self.buffer = self.buffer, b""
        return data


def _headers(head: bytes) -> dict[str, str]:
    lines = head.decode("iso-8859-1").split("\r\n")[1:]
    headers: dict[str, str] = {}
    for line in lines:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return headers


def _read_chunked(stream: _Stream) -> bytes:
    """Return a chunked body as it was on the wire, trailers included."""
    parts: list[bytes] = []
    while True:
        size_line = stream.read_until(b"\r\n", MAX_HEADER_BYTES)
        if size_line is None:
            raise ProtocolError("connection closed before a chunk size")
        parts.append(size_line)
        size = int(size_line.split(b";", 1)[0].strip(), 16)
        if size == 0:
            while True:
                trailer = stream.read_until(b"\r\n", MAX_HEADER_BYTES)
                if trailer is None:
                    raise ProtocolError("connection closed in the trailers")
                parts.append(trailer)
                if trailer == b"\r\n":
                    return b"".join(parts)
        parts.append(stream.read_exact(size + 2))


def read_request(stream: _Stream) -> tuple[bytes, str, str] | None:
    """Return (raw request, method, path), or None when the client closed the connection."""
    head = stream.read_until(b"\r\n\r\n", MAX_HEADER_BYTES)
    if head is None:
        return None
    request_line = head.split(b"\r\n", 1)[0].decode("iso-8859-1")
    parts = request_line.split(" ")
    if len(parts) != 3:
        raise ProtocolError(f"invalid request line {request_line!r}")
    method, path = parts[0], parts[1]
    headers = _headers(head)
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _read_chunked(stream)
    else:
        body = stream.read_exact(int(headers.get("content-length", "0")))
    return head + body, method, path


def read_response(stream: _Stream, method: str) -> tuple[bytes, int]:
    """Return the raw response and its status. A body without a length ends at EOF."""
    head = stream.read_until(b"\r\n\r\n", MAX_HEADER_BYTES)
    if head is None:
        raise ProtocolError("the server closed the connection without a response")
    status_line = head.split(b"\r\n", 1)[0].decode("iso-8859-1")
    try:
        status = int(status_line.split(" ")[1])
    except (IndexError, ValueError):
        raise ProtocolError(f"invalid status line {status_line!r}") from None
    headers = _headers(head)
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        body = b""
    elif "chunked" in headers.get("transfer-encoding", "").lower():
        body = _read_chunked(stream)
    elif "content-length" in headers:
        body = stream.read_exact(int(headers["content-length"]))
    else:
        body = stream.read_to_eof()
    return head + body, status


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset (SO_LINGER 0), as a crashed peer or a dropped route would."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


class FaultProxy:
    """Forward 127.0.0.1:`port` to 127.0.0.1:`target_port`, applying the current Fault."""

    def __init__(self, target_port: int, *, max_connections: int = MAX_CONNECTIONS) -> None:
        self.target_port = target_port
        self.max_connections = max_connections
        self.exchanges: list[Exchange] = []
        self._fault = Fault()
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max_connections)
        self._clients: set[socket.socket] = set()
        self._threads: set[threading.Thread] = set()
        self._stopping = threading.Event()
        self._listener: socket.socket | None = None
        self._accept_thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    # -- control ---------------------------------------------------------

    def set_fault(self, fault: Fault) -> None:
        with self._lock:
            self._fault = fault
        log.info("proxy on port %s: %s", self.port, fault)

    def pass_through(self) -> None:
        self.set_fault(Fault())

    def delay(self, milliseconds: int, *, path_prefix: str = "", times: int | None = None) -> None:
        self.set_fault(Fault(DELAY, delay_ms=milliseconds, path_prefix=path_prefix, times=times))

    def refuse(self, *, path_prefix: str = "", times: int | None = None) -> None:
        self.set_fault(Fault(REFUSE, path_prefix=path_prefix, times=times))

    def cut_response(
        self, after_bytes: int, *, path_prefix: str = "", times: int | None = None,
        when: Callable[[bytes], bool] | None = None,
    ) -> None:
        self.set_fault(Fault(CUT, cut_after_bytes=after_bytes, path_prefix=path_prefix, times=times, when=when))

    def drop_response(self, *, path_prefix: str = "", times: int | None = None) -> None:
        self.set_fault(Fault(DROP_RESPONSE, path_prefix=path_prefix, times=times))

    def faulted(self, kind: str, path_prefix: str = "") -> list[Exchange]:
        """Return the exchanges that received fault `kind`, on paths starting with `path_prefix`."""
        with self._lock:
            return [e for e in self.exchanges if e.fault == kind and e.path.startswith(path_prefix)]

    def _take_fault(self, path: str | None, raw_request: bytes | None = None) -> str | Fault:
        """Return the fault for this exchange and count it against `times`.

        `path` None means a new connection before any request: only a fault
        without a path prefix or `when` applies there, and only "refuse" acts on it.
        """
        with self._lock:
            fault = self._fault
            if fault.kind == PASS:
                return fault
            if path is None:
                if fault.path_prefix or fault.when is not None or fault.kind != REFUSE:
                    return Fault()
            elif not path.startswith(fault.path_prefix):
                return Fault()
            elif fault.when is not None and not fault.when(raw_request or b""):
                return Fault()
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self._fault = Fault()
            return dataclasses.replace(fault)

    # -- life cycle ------------------------------------------------------

    def start(self) -> "FaultProxy":
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((LOOPBACK, 0))
        listener.listen(self.max_connections)
        # A timeout lets the accept loop notice stop() on every platform.
        listener.settimeout(0.2)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._accept_thread = threading.Thread(target=self._accept_loop, name=f"proxy-{self.port}", daemon=True)
        self._accept_thread.start()
        log.info("proxy listening on %s, forwarding to port %s", self.url, self.target_port)
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._accept_thread is not None:
            self._accept_thread.join(timeout=5)
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            clients = list(self._clients)
            threads = list(self._threads)
        for client in clients:
            try:
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in threads:
            thread.join(timeout=5)
        log.info("proxy on port %s stopped after %d exchange(s)", self.port, len(self.exchanges))

    def __enter__(self) -> "FaultProxy":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                client, _address = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            if not self._slots.acquire(blocking=False):
                log.warning("proxy on port %s is at its limit of %d connections; resetting a new one",
                            self.port, self.max_connections)
                _reset(client)
                continue
            if self._take_fault(None).kind == REFUSE:
                with self._lock:
                    self.exchanges.append(Exchange("", "", REFUSE, None))
                self._slots.release()
                _reset(client)
                continue
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            with self._lock:
                self._clients.add(client)
                self._threads.add(thread)
            thread.start()

    # -- one client connection -------------------------------------------

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(SOCKET_TIMEOUT_S)
        stream = _Stream(client)
        try:
            while not self._stopping.is_set():
                request = read_request(stream)
                if request is None:
                    break
                if not self._exchange(client, *request):
                    break
        except (OSError, ProtocolError) as exc:
            if not self._stopping.is_set():
                log.info("proxy connection closed: %s", exc)
        finally:
            with self._lock:
                self._clients.discard(client)
                self._threads.discard(threading.current_thread())
            client.close()
            self._slots.release()

    def _exchange(self, client: socket.socket, raw_request: bytes, method: str, path: str) -> bool:
        """Carry one request and its response; return False when the client connection is done."""
        fault = self._take_fault(path, raw_request)
        if fault.kind == REFUSE:
            self._record(method, path, REFUSE, None)
            _reset(client)
            return False
        if fault.kind == DELAY:
            time.sleep(fault.delay_ms / 1000)

        with socket.create_connection((LOOPBACK, self.target_port), timeout=SOCKET_TIMEOUT_S) as upstream:
            upstream.sendall(raw_request)
            raw_response, status = read_response(_Stream(upstream), method)
        self._record(method, path, fault.kind, status)

        if fault.kind == DROP_RESPONSE:
            _reset(client)
            return False
        if fault.kind == CUT:
            client.sendall(raw_response[: fault.cut_after_bytes])
            # A clean FIN, not a reset: a reset would discard the bytes already
            # sent from the client's receive buffer.
            client.shutdown(socket.SHUT_WR)
            return False
        client.sendall(raw_response)
        return True

    def _record(self, method: str, path: str, kind: str, status: int | None) -> None:
        with self._lock:
            self.exchanges.append(Exchange(method, path, kind, status))
        if kind != PASS:
            log.info("proxy applied %s to %s %s (server status %s)", kind, method, path, status)
