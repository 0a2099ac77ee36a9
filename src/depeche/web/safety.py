"""What keeps the server safe by default: a Host check, bounded requests, strict headers.

``Guard`` is the outermost ASGI layer: it refuses a request whose Host header is not one
of the allowed names (DNS rebinding), whose URL is too long or whose body is too large,
and adds to every response a Content-Security-Policy of ``default-src 'self'`` (the page
loads nothing from elsewhere and runs no inline script) with the usual companions.
"""
from __future__ import annotations

import ipaddress
import json

from ..errors import error_body

MAX_URL = 4096
MAX_BODY = 16 * 1024
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
HEADERS = [
    (b"content-security-policy", b"default-src 'self'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(bound: str, extra: tuple[str, ...] = ()) -> set[str]:
    """Host names a request may carry: the loopback names, the bound address, and ``extra``."""
    names = {*LOOPBACK_NAMES, bound, *extra}
    return {n.strip("[]").lower() for n in names if n and n not in ("0.0.0.0", "::")}


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    """ASGI middleware: the Host check, request bounds, and security headers on every answer."""

    def __init__(self, app, hosts: set[str]):
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if _host_name(host) not in self.hosts:
            await _refuse(send, 400, "bad-host", f"host {host[:100]!r} is not served here", "Host")
            return
        if len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") > MAX_URL:
            await _refuse(send, 414, "too-long", f"the URL is over {MAX_URL} bytes", "url")
            return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await _refuse(send, 413, "too-large", f"the request body is over {MAX_BODY} bytes", "body")
            return

        async def bounded_receive():
            message = await receive()
            if message["type"] == "http.request":
                bounded_receive.size += len(message.get("body", b""))
                if bounded_receive.size > MAX_BODY:
                    raise TooLarge()
            return message
        bounded_receive.size = 0

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        try:
            await self.app(scope, bounded_receive, send_with_headers)
        except TooLarge:
            await _refuse(send, 413, "too-large", f"the request body is over {MAX_BODY} bytes", "body")


class TooLarge(Exception):
    pass


async def _refuse(send, status: int, code: str, reason: str, input: str) -> None:
    body = json.dumps(error_body(code, reason, input)).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *HEADERS]})
    await send({"type": "http.response.body", "body": body})
