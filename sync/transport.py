"""HTTP transport to the server: versions headers, timeouts, retries and token refresh."""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
import urllib.parse
from collections.abc import Callable
from typing import Any, TypeVar

import pydantic
import requests

from domain.types import utcnow
from sync import protocol
from sync.errors import (
    AuthRequired,
    InvalidServerAddress,
    ServerError,
    ServerTooOld,
    ServerUnreachable,
    UpdateRequired,
    UserInactive,
)

log = logging.getLogger(__name__)

# Failures where the request may or may not have reached the server; all are retried.
# ChunkedEncodingError is a response cut off midway, after its headers arrived.
RETRYABLE_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)

Model = TypeVar("Model", bound=pydantic.BaseModel)

SERVER_URL_EXAMPLE = "http://127.0.0.1:8765"

CONNECT_TIMEOUT_S = 5.0
# A pull page of 20,000 rows or a push of 500 commands can take a while to build.
READ_TIMEOUT_S = 120.0


class Transport:
    """Talks to one server. Retries connection errors and 5xx responses with
    exponential backoff and full jitter; every endpoint is safe to repeat
    (pushes are deduplicated by mutation id and device sequence)."""

    def __init__(
        self,
        server_url: str,
        *,
        max_attempts: int = 5,
        backoff_base_s: float = 0.5,
        backoff_max_s: float = 8.0,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
        on_tokens: Callable[[protocol.TokenPair], None] | None = None,
    ) -> None:
        self.server_url = check_server_url(server_url)
        self.max_attempts = max_attempts
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.timeout = timeout
        self.on_tokens = on_tokens
        self.access_token: str | None = None
        self.refresh_token: str | None = None
        self.device_id: str | None = None
        # Server clock minus this computer's clock in seconds, from the
        # response with the shortest round trip; None before any response
        # carried server_time.
        self.clock_skew_s: float | None = None
        self._skew_round_trip_s: float | None = None
        # Local time when the last request was sent and its round trip in seconds.
        self._last_timing: tuple[dt.datetime, float] | None = None
        self.http = requests.Session()
        self.http.headers.update(
            {
                protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION),
                protocol.SCHEMA_HEADER: str(protocol.SCHEMA_VERSION),
                "Accept": "application/json",
            }
        )

    def close(self) -> None:
        self.http.close()

    # -- sign-in ---------------------------------------------------------

    def login(self, username: str, password: str, device_id: str | None = None) -> protocol.TokenPair:
        body = protocol.LoginRequest(username=username, password=password, device_id=device_id)
        try:
            tokens = self._call("POST", "/api/v1/auth/login", body, protocol.TokenPair, authenticated=False)
        except ServerError as exc:
            if exc.code == "user_inactive":
                raise UserInactive(f"user {username!r} is deactivated; ask an administrator") from None
            if exc.status in (401, 403):
                raise AuthRequired(f"sign-in as {username!r} failed ({exc.code}); check the user name and password") from None
            raise
        self._accept_tokens(tokens)
        return tokens

    def refresh(self) -> protocol.TokenPair:
        if not self.refresh_token:
            raise AuthRequired("no sign-in token is stored; sign in with your password")
        body = protocol.RefreshRequest(refresh_token=self.refresh_token)
        try:
            tokens = self._call("POST", "/api/v1/auth/refresh", body, protocol.TokenPair, authenticated=False)
        except ServerError as exc:
            if exc.status in (401, 403):
                self.refresh_token = None
                if exc.code == "user_inactive":
                    raise UserInactive(_inactive_text(exc.params)) from None
                raise AuthRequired(f"the server rejected the stored sign-in token ({exc.code}); sign in with your password") from None
            raise
        self._accept_tokens(tokens)
        return tokens

    def _accept_tokens(self, tokens: protocol.TokenPair) -> None:
        self.access_token = tokens.access_token
        self.refresh_token = tokens.refresh_token
        if self.on_tokens is not None:
            self.on_tokens(tokens)

    # -- endpoints -------------------------------------------------------

    def register_device(self, name: str, device_id: str | None = None) -> protocol.DeviceInfo:
        body = protocol.DeviceRegistration(name=name, device_id=device_id)
        return self._call("POST", "/api/v1/devices/register", body, protocol.DeviceInfo)

    def push(self, request: protocol.PushRequest) -> protocol.PushResponse:
        return self._call("POST", "/api/v1/sync/push", request, protocol.PushResponse)

    def pull(self, request: protocol.PullRequest) -> protocol.PullResponse:
        return self._call("POST", "/api/v1/sync/pull", request, protocol.PullResponse)

    def checksums(self, request: protocol.ChecksumRequest) -> protocol.ChecksumResponse:
        return self._call("POST", "/api/v1/sync/checksums", request, protocol.ChecksumResponse)

    def set_user_password(self, user_id: str, password: str) -> protocol.PasswordSet:
        """Set another user's password (administrators only); never logged, never queued."""
        body = protocol.PasswordSetRequest(password=password)
        path = f"/api/v1/admin/users/{urllib.parse.quote(user_id, safe='')}/password"
        return self._call("POST", path, body, protocol.PasswordSet)

    def info(self) -> protocol.ServerInfo:
        return self._call("GET", "/api/v1/info", None, protocol.ServerInfo, authenticated=False)

    # -- plumbing --------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        body: pydantic.BaseModel | None,
        model: type[Model],
        *,
        authenticated: bool = True,
    ) -> Model:
        refreshed = False
        while True:
            response = self._send(method, path, body, authenticated)
            if response.status_code == 401 and authenticated:
                error = _error_body(response)
                if error.code == "token_expired" and not refreshed and self.refresh_token:
                    log.info("access token expired; refreshing once")
                    refreshed = True
                    self.refresh()
                    continue
                if error.code == "user_inactive":
                    raise UserInactive(_inactive_text(error.params))
                raise AuthRequired(f"the server rejected the sign-in ({error.code}); sign in again")
            parsed = self._parse(response, model)
            server_time = getattr(parsed, "server_time", None)
            if isinstance(server_time, str) and self._last_timing is not None:
                self._note_server_time(server_time, *self._last_timing)
            return parsed

    def _note_server_time(self, server_time: str, sent_at: dt.datetime, round_trip_s: float) -> None:
        """Update clock_skew_s from one response's server_time.

        The server is assumed to stamp server_time half way through the round
        trip, so an estimate is off by at most half its round trip. The
        estimate with the shortest round trip is kept for that reason.
        """
        try:
            server_now = dt.datetime.fromisoformat(server_time)
        except ValueError:
            log.info("ignored an invalid server_time %r", server_time)
            return
        if server_now.tzinfo is None:
            log.info("ignored a server_time without a time zone: %r", server_time)
            return
        if self._skew_round_trip_s is not None and round_trip_s > self._skew_round_trip_s:
            return
        local_midpoint = sent_at + dt.timedelta(seconds=round_trip_s / 2)
        self.clock_skew_s = (server_now - local_midpoint).total_seconds()
        self._skew_round_trip_s = round_trip_s

    def _send(self, method: str, path: str, body: pydantic.BaseModel | None, authenticated: bool) -> requests.Response:
        url = self.server_url + path
        headers: dict[str, str] = {}
        if authenticated and self.access_token:
            headers["Authorization"] = f"Bearer {self.access_token}"
        if self.device_id:
            headers[protocol.DEVICE_HEADER] = self.device_id
        data = body.model_dump_json() if body is not None else None
        if data is not None:
            headers["Content-Type"] = "application/json"
        last_problem = ""
        refused = False
        for attempt in range(1, self.max_attempts + 1):
            try:
                # utcnow() is the clock the client stamps its commands with, so
                # the skew is measured on that clock.
                sent_at, started = utcnow(), time.monotonic()
                response = self.http.request(method, url, data=data, headers=headers, timeout=self.timeout)
                self._last_timing = (sent_at, time.monotonic() - started)
            except requests.exceptions.SSLError as exc:
                # A TLS handshake that failed fails the same way on every
                # attempt, so it is not retried.
                raise _tls_failure(self.server_url, exc) from None
            except RETRYABLE_ERRORS as exc:
                # Every endpoint may be repeated: a push replayed after its
                # response was lost is answered from the server's command log.
                refused = _is_connection_refused(exc)
                last_problem = "connection refused" if refused else f"{type(exc).__name__}: {exc}"
            else:
                refused = False
                if response.status_code < 300 and not response.content:
                    # A response cut inside its headers arrives as a 200 with
                    # no body, because http.client takes the closed connection
                    # for the end of the headers. Every endpoint returns a JSON
                    # body, so this is retried like a dropped connection.
                    last_problem = f"HTTP {response.status_code} with an empty body"
                elif response.status_code < 500:
                    return response
                else:
                    last_problem = f"HTTP {response.status_code} {_error_body(response).code}"
            if attempt == self.max_attempts:
                break
            delay = random.uniform(0, min(self.backoff_max_s, self.backoff_base_s * 2 ** (attempt - 1)))
            # INFO, not WARNING: the final failure is raised to the caller,
            # which reports it once.
            log.info(
                "%s %s failed (attempt %d of %d, %s); retrying in %.1f s",
                method, path, attempt, self.max_attempts, last_problem, delay,
            )
            time.sleep(delay)
        if refused:
            raise ServerUnreachable(
                f"could not connect to the server at {self.server_url} (connection refused) after "
                f"{self.max_attempts} attempts; check that the server runs and the address is right, then sync again",
                server_url=self.server_url, reason="refused",
            )
        raise ServerUnreachable(
            f"the server at {self.server_url} did not respond to {method} {path} after "
            f"{self.max_attempts} attempts ({last_problem}); check the address and the network, then sync again",
            server_url=self.server_url, reason="no_response",
        )

    @staticmethod
    def _parse(response: requests.Response, model: type[Model]) -> Model:
        if response.status_code == 426:
            error = _error_body(response)
            if error.code == "server_update_required":
                raise ServerTooOld(
                    f"the server runs an older Kaidan than this client (schema {error.params.get('schema_version')}, "
                    f"this client {protocol.SCHEMA_VERSION}); ask the administrator to update the server, then sync again"
                )
            raise UpdateRequired(
                f"the server requires a newer Kaidan ({error.code} {error.params}); update this client, then sync again"
            )
        if response.status_code >= 400:
            error = _error_body(response)
            raise ServerError(response.status_code, error.code, error.params)
        try:
            return model.model_validate_json(response.content)
        except pydantic.ValidationError as exc:
            raise ServerError(response.status_code, "invalid_response", {"model": model.__name__, "error": str(exc)[:500]}) from None


def _inactive_text(params: dict) -> str:
    """Return the message of a UserInactive raised when the server rejects a deactivated user's token."""
    return f"user {params.get('username', '')!r} was deactivated by an administrator; ask an administrator"


def _error_body(response: requests.Response) -> protocol.ErrorBody:
    """Return the {code, params} body of an error response; FastAPI's {"detail": ...} is unwrapped too."""
    try:
        data: Any = response.json()
    except ValueError:
        return protocol.ErrorBody(code=f"http_{response.status_code}")
    if isinstance(data, dict) and isinstance(data.get("detail"), dict):
        data = data["detail"]
    if isinstance(data, dict) and isinstance(data.get("code"), str):
        params = data.get("params") if isinstance(data.get("params"), dict) else {}
        return protocol.ErrorBody(code=data["code"], params=params)
    return protocol.ErrorBody(code=f"http_{response.status_code}", params={"body": str(data)[:200]})


def check_server_url(server_url: str) -> str:
    """Return `server_url` without a trailing slash; raise InvalidServerAddress unless it is http(s)://HOST…."""
    parts = urllib.parse.urlsplit(server_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidServerAddress(
            f"invalid server address {server_url!r}; expected http:// or https:// and a host, "
            f"e.g. {SERVER_URL_EXAMPLE}",
            address=server_url, problem="scheme",
        )
    try:
        parts.port
    except ValueError:
        raise InvalidServerAddress(
            f"invalid port in the server address {server_url!r}; expected e.g. {SERVER_URL_EXAMPLE}",
            address=server_url, problem="port",
        ) from None
    return server_url.strip().rstrip("/")


def _exception_chain(exc: BaseException) -> list[BaseException]:
    """List `exc` and the errors it wraps: requests and urllib3 keep the cause in args, reason and __cause__."""
    seen: list[BaseException] = []
    pending: list[BaseException] = [exc]
    while pending and len(seen) < 20:
        current = pending.pop()
        if any(current is known for known in seen):
            continue
        seen.append(current)
        wrapped = [getattr(current, "reason", None), current.__cause__, current.__context__, *current.args]
        pending.extend(item for item in wrapped if isinstance(item, BaseException))
    return seen


def _is_connection_refused(exc: BaseException) -> bool:
    return any(isinstance(item, ConnectionRefusedError) for item in _exception_chain(exc))


def _tls_failure(server_url: str, exc: requests.exceptions.SSLError) -> ServerUnreachable:
    text = " ".join(str(item) for item in _exception_chain(exc))
    if "WRONG_VERSION_NUMBER" in text or "wrong version number" in text:
        return ServerUnreachable(
            f"the server at {server_url} does not speak HTTPS; use http:// or configure TLS on the server",
            server_url=server_url, reason="not_https",
        )
    return ServerUnreachable(
        f"the TLS connection to the server at {server_url} failed ({exc}); check the address and the server's certificate",
        server_url=server_url, reason="tls_failed",
    )
