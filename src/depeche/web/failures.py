"""Every error of the API in one JSON shape (``depeche.errors.error_body``), with its HTTP status.

``{"error": {"code": "...", "input": "...", "reason": "..."}}``: a bad parameter (422
``bad-parameter``), a bad query (400, the record's own code: ``bad-query``), nothing there
(404 ``not-found``), a wrong method (405), a query over its time limit (503 ``timeout``), a
refused host or too large a request (``safety``), and anything unforeseen (500 ``internal``,
logged, its details never sent).
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from ..errors import DepecheError, error_body
from ..record import QueryTimeout

log = logging.getLogger("depeche.web")
HTTP_CODES = {404: "not-found", 405: "method-not-allowed", 400: "bad-request", 413: "too-large"}


class ApiError(Exception):
    """An error the API answers with: its HTTP status, code, reason and the input it names."""

    def __init__(self, status: int, code: str, reason: str, input: str | None = None):
        super().__init__(reason)
        self.status, self.code, self.reason, self.input = status, code, reason, input


class ErrorDetail(BaseModel):
    code: str
    input: str | None
    reason: str


class ErrorBody(BaseModel):
    """The shape of every error."""

    error: ErrorDetail


ERRORS = {status: {"model": ErrorBody, "description": text} for status, text in (
    (400, "A query the record cannot answer"), (404, "Nothing there"),
    (422, "A parameter out of its bounds"), (503, "A query over its time limit"))}


def error_response(status: int, code: str, reason: str, input: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, reason, input), status_code=status, headers=headers)


def _parameter_name(loc: tuple | list) -> str | None:
    names = [str(x) for x in loc if x not in ("query", "path", "body", "header")]
    return ".".join(names) or None


def install(app: FastAPI) -> None:
    """Route every error of ``app`` to the one shape."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.reason, exc.input)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        return error_response(422, "bad-parameter", str(first.get("msg", "invalid")),
                              _parameter_name(first.get("loc", ())))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, "bad-request" if exc.status_code < 500 else "internal")
        reason = exc.detail if isinstance(exc.detail, str) else code
        if exc.status_code == 404:
            reason = f"no such path: {request.url.path}"
        return error_response(exc.status_code, code, reason, request.url.path, headers=exc.headers)

    @app.exception_handler(QueryTimeout)
    async def timeout(request: Request, exc: QueryTimeout) -> JSONResponse:
        return error_response(503, exc.code, str(exc), request.url.path, headers={"Retry-After": "5"})

    @app.exception_handler(DepecheError)
    async def depeche_error(request: Request, exc: DepecheError) -> JSONResponse:
        return error_response(400, exc.code, str(exc), request.url.path)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "internal", "the server failed on this request (logged)", request.url.path)
