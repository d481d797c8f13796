"""The HTTP API (FastAPI). Every error body is ErrorBody {code, params}."""

from __future__ import annotations

import logging

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import text

from domain.commands.framework import load_handlers
from domain.models import User
from domain.types import utcnow
from server_stub import auth, devices
from server_stub.admin_api import install_admin_routes
from server_stub.changes import current_change_seq
from server_stub.checksums import checksums as compute_checksums
from server_stub.db import Database, database_id, ensure_server_rows
from server_stub.due_prices import DuePriceAdjustments
from server_stub.errors import ApiError, error_response, install_error_handlers
from server_stub.executor import Executor
from server_stub.limits import BodySizeLimit
from server_stub.pull import pull as read_pull
from sync.protocol import (
    MIN_CLIENT_SCHEMA_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_HEADER,
    SCHEMA_VERSION,
    ChecksumRequest,
    ChecksumResponse,
    DeviceInfo,
    DeviceRegistration,
    ErrorBody,
    LoginRequest,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    RefreshRequest,
    ServerInfo,
    TokenPair,
)

log = logging.getLogger(__name__)

API = "/api/v1"
# Paths that any client may call, whatever its versions.
VERSION_FREE_PATHS = frozenset({f"{API}/health", f"{API}/info"})
# Paths that change or read replicated data: a client must send its versions.
VERSIONED_PATHS = frozenset({f"{API}/sync/push", f"{API}/sync/pull", f"{API}/sync/checksums"})

ERROR_RESPONSES = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 413, 422, 426, 429, 500)
}


def version_error(protocol: str | None, schema: str | None, required: bool) -> JSONResponse | None:
    """Return the 4xx answer for a client whose versions this server cannot serve, else None."""
    if protocol is None or schema is None:
        if required:
            return error_response(400, "version_headers_missing", headers=[PROTOCOL_HEADER, SCHEMA_HEADER])
        return None
    try:
        protocol_version, schema_version = int(protocol), int(schema)
    except ValueError:
        return error_response(400, "invalid_version_header", protocol=protocol, schema=schema)
    params = {
        "protocol_version": PROTOCOL_VERSION,
        "min_schema_version": MIN_CLIENT_SCHEMA_VERSION,
        "schema_version": SCHEMA_VERSION,
    }
    if protocol_version < PROTOCOL_VERSION or schema_version < MIN_CLIENT_SCHEMA_VERSION:
        return error_response(426, "update_required", **params)
    if protocol_version > PROTOCOL_VERSION or schema_version > SCHEMA_VERSION:
        # The client is newer than this server: the server needs the update.
        return error_response(426, "server_update_required", **params)
    return None


def create_app(db: Database) -> FastAPI:
    """Build the API on `db`. The database must be migrated (`kaidan-server migrate`)."""
    load_handlers()
    ensure_server_rows(db)
    executor = Executor(db)
    due_prices = DuePriceAdjustments(db)
    due_prices.run_if_new_day()
    app = FastAPI(
        title="Kaidan server",
        version=f"protocol {PROTOCOL_VERSION}, schema {SCHEMA_VERSION}",
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        responses=ERROR_RESPONSES,
    )
    app.state.db = db
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit)

    @app.middleware("http")
    async def check_versions(request: Request, call_next):
        path = request.url.path
        if path.startswith(API + "/") and path not in VERSION_FREE_PATHS:
            refusal = version_error(
                request.headers.get(PROTOCOL_HEADER),
                request.headers.get(SCHEMA_HEADER),
                required=path in VERSIONED_PATHS,
            )
            if refusal is not None:
                log.info("refused %s: client versions %s/%s", path,
                         request.headers.get(PROTOCOL_HEADER), request.headers.get(SCHEMA_HEADER))
                return refusal
        return await call_next(request)

    bearer = HTTPBearer(auto_error=False)

    def current_user(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> User:
        token = credentials.credentials if credentials is not None else None
        with db.read() as session:
            user, _ = auth.authenticate(session, token)
            return user

    @app.get(f"{API}/health")
    def health() -> dict[str, str]:
        try:
            with db.read() as session:
                session.execute(text("SELECT 1"))
        except Exception:
            log.exception("health check: database unreachable")
            raise ApiError(503, "database_unavailable") from None
        return {"status": "ok"}

    @app.get(f"{API}/info", response_model=ServerInfo)
    def info() -> ServerInfo:
        with db.read() as session:
            return ServerInfo(
                database_id=database_id(session),
                server_seq=current_change_seq(session),
                server_time=utcnow().isoformat(),
                protocol_version=PROTOCOL_VERSION,
                schema_version=SCHEMA_VERSION,
                min_client_schema_version=MIN_CLIENT_SCHEMA_VERSION,
            )

    @app.post(f"{API}/auth/login", response_model=TokenPair)
    def login(body: LoginRequest) -> TokenPair:
        try:
            with db.write() as session:
                return auth.sign_in(session, body.username, body.password, body.device_id)
        except ApiError as exc:
            if exc.code == "invalid_credentials":
                # The failed-attempt count was rolled back with the transaction; record it.
                with db.write() as session:
                    auth.record_failed_sign_in(session, body.username)
            raise

    @app.post(f"{API}/auth/refresh", response_model=TokenPair)
    def refresh(body: RefreshRequest) -> TokenPair:
        with db.write() as session:
            return auth.refresh_tokens(session, body.refresh_token)

    @app.post(f"{API}/auth/logout", status_code=204)
    def logout(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        with db.write() as session:
            user, token = auth.authenticate(session, credentials.credentials if credentials else None)
            auth.revoke_device_tokens(session, user.id, token.device_id)

    @app.post(f"{API}/devices/register", response_model=DeviceInfo)
    def register_device(body: DeviceRegistration, user: User = Depends(current_user)) -> DeviceInfo:
        with db.write() as session:
            return devices.register_device(session, user, body)

    @app.post(f"{API}/sync/push", response_model=PushResponse)
    def push(body: PushRequest, user: User = Depends(current_user)) -> PushResponse:
        # Due price adjustments apply before the first command of a new day, so it sees the day's prices.
        due_prices.run_if_new_day()
        return executor.push(user.id, body)

    @app.post(f"{API}/sync/pull", response_model=PullResponse)
    def pull(body: PullRequest, user: User = Depends(current_user)) -> Response:
        due_prices.run_if_new_day()
        page = read_pull(db, user.id, body)
        # Serialized by pydantic in one pass. FastAPI's own response handling
        # dumps, validates again and encodes with the json module, which took
        # 0.46 s instead of 0.13 s for a page of 10,200 customers (one run on
        # the loaded 2-core machine of docs/benchmarks.md). The JSON is the same.
        return Response(page.model_dump_json(), media_type="application/json")

    install_admin_routes(app, db, current_user, API)

    @app.post(f"{API}/sync/checksums", response_model=ChecksumResponse)
    def checksums(body: ChecksumRequest, user: User = Depends(current_user)) -> ChecksumResponse:
        return compute_checksums(db, user.id, body)

    return app
