"""Security headers, HEAD and an upper bound on the request target, for every answer of the app
(API, explorer pages, static files, errors, 304s): one ASGI middleware outside all others.

- `Content-Security-Policy`: the explorer's own scripts, styles and images only (its pages have
  no inline script or style; JSON data blocks are not scripts). The Swagger UI page (/docs)
  starts itself with an inline script, allowed by its SHA-256 hash and nothing else.
  `frame-ancestors 'none'` and `X-Frame-Options: DENY` (older browsers): never framed.
- `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, and no `server` header
  (uvicorn's banner is off in `SERVER_OPTIONS`, which `budgetbook serve` runs with).
- `HEAD` is answered wherever `GET` is: the GET answer's status and headers, without its body.
- A path and query longer than `MAX_TARGET` bytes: 414 (the error JSON under /api, the
  explorer's error page elsewhere), before any route runs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from fastapi import FastAPI, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import errors

MAX_TARGET = 8192  # bytes of path and query string, as common servers and proxies allow
DOCS_PATH = "/docs"

# What `budgetbook serve` gives uvicorn: no `server: uvicorn` banner; h11 (its limits are the
# ones below, whatever else is installed); and room to read a request line of up to 1 MiB
# whole, so that an over-long one gets the 414 below instead of a reset connection (past
# 1 MiB h11 answers 400 and closes).
SERVER_OPTIONS: dict[str, Any] = {
    "server_header": False,
    "http": "h11",
    "h11_max_incomplete_event_size": 1 << 20,
}

_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # base.html's empty icon, Swagger UI's CSS icons
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
_OURS = {b"content-security-policy", b"server", *(k for k, _ in _HEADERS)}
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


def policy(*script_hashes: str) -> str:
    """The Content-Security-Policy, allowing also the inline scripts of these hashes."""
    rules = dict(_POLICY)
    rules["script-src"] = " ".join([rules["script-src"], *script_hashes])
    return "; ".join(f"{k} {v}" for k, v in rules.items())


def _hashes(html: bytes) -> list[str]:
    return ["'sha256-" + base64.b64encode(hashlib.sha256(m).digest()).decode() + "'"
            for m in _INLINE_SCRIPT.findall(html)]


def _secured(message: Message, csp: str) -> Message:
    headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _OURS]
    if message["status"] == 405:  # HEAD is answered wherever GET is (below): say so
        headers = [(k, v + b", HEAD" if k.lower() == b"allow" and b"GET" in v.split(b", ")
                    and b"HEAD" not in v else v) for k, v in headers]
    return {**message, "headers": [*headers, (b"content-security-policy", csp.encode()),
                                   *_HEADERS]}


class SecurityMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        docs = scope["path"] == DOCS_PATH
        inner = dict(scope)
        if head:  # answered as GET; the body is dropped below
            inner["method"] = "GET"
        if docs:  # read uncompressed, to hash its inline script (a page of 1 KB)
            inner["headers"] = [(k, v) for k, v in scope.get("headers", [])
                                if k.lower() != b"accept-encoding"]
        target = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string", b""))
        app = self.app if target <= MAX_TARGET else _too_long(target)
        start: Message | None = None
        body: list[bytes] = []

        async def secured(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if docs:  # its CSP needs the hash of its body: held until the end
                    start = message
                else:
                    await send(_secured(message, policy()))
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            more = message.get("more_body", False)
            if docs:
                body.append(message.get("body", b""))
                if more:
                    return
                assert start is not None
                await send(_secured(start, policy(*_hashes(b"".join(body)))))
                message = {**message, "body": b"".join(body)}
            if head:
                if not more:  # the headers (Content-Length too) stay those of GET
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await app(inner, receive, secured)


def _too_long(length: int) -> ASGIApp:
    async def answer(scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        response = errors.request_error(
            request, 414, "uri_too_long",
            f"the request's path and query are {length:,} bytes; at most {MAX_TARGET:,}")
        await response(scope, receive, send)

    return answer


def install(app: FastAPI) -> None:
    """Put `SecurityMiddleware` outside the app's whole middleware stack, Starlette's error
    middleware included, so that every answer (a 500 too) carries the headers, whatever
    middleware is added before or after this call."""
    build = app.build_middleware_stack

    def build_secured() -> ASGIApp:
        return SecurityMiddleware(build())

    app.build_middleware_stack = build_secured  # type: ignore[method-assign]
