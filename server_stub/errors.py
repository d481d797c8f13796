"""Errors the API returns, always as ErrorBody {code, params}."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import ErrorBody

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An HTTP error response with a code the client translates."""

    def __init__(self, status: int, code: str, **params: Any) -> None:
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.params = params


def error_response(status: int, code: str, **params: Any) -> JSONResponse:
    return JSONResponse(status_code=status, content=ErrorBody(code=code, params=params).model_dump())


_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    415: "unsupported_media_type",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, **exc.params)

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": ".".join(str(part) for part in err.get("loc", ())), "message": err.get("msg", "")}
            for err in exc.errors()
        ]
        return error_response(422, "invalid_request", errors=errors[:50])

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, _STATUS_CODES.get(exc.status_code, "http_error"))

    @app.exception_handler(OperationalError)
    async def on_database_error(request: Request, exc: OperationalError) -> JSONResponse:
        # A locked SQLite file or a lost PostgreSQL connection: the client retries later.
        log.error("database error on %s %s: %s", request.method, request.url.path, exc.orig)
        return error_response(503, "database_unavailable")

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error")
