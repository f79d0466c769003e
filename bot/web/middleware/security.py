"""Response headers every page and API answer carries, and the origins allowed to embed the widget."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web.asgi import HttpMiddleware
from bot.web.settings import get_settings

# Pages (the demo page, the widget's files): only this origin's scripts, styles and API; nothing inline.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# JSON answers are never rendered as documents.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
# FastAPI's own /docs page loads Swagger UI from a CDN, so it keeps the browser's default.
_UNPOLICED = ("/docs", "/redoc")
_PAGES = ("/static/", "/console", "/demo/")  # /demo/<municipality>: the demo pages
# Staff pages, exports and the staff API show unpublished drafts and residents' (redacted) questions: no
# browser or proxy may keep a copy.
_PRIVATE = ("/console", "/api/staff")


class SecurityHeaders(HttpMiddleware):
    """Adds CSP, nosniff and the referrer policy to every answer, and HSTS to those over TLS."""

    def __init__(self, app: ASGIApp, behind_tls: bool | None = None, hsts_max_age: int | None = None):
        super().__init__(app)
        settings = get_settings()
        self.behind_tls = settings.behind_tls if behind_tls is None else behind_tls
        max_age = settings.hsts_max_age_seconds if hsts_max_age is None else hsts_max_age
        # Not includeSubDomains: other hosts of a municipality's domain may not serve https yet.
        self.hsts = f"max-age={max_age}".encode() if max_age > 0 else b""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        # Browsers ignore HSTS over plain http; behind a TLS proxy the scheme is https only when the proxy
        # is trusted (GOVBOT_TRUSTED_PROXIES) or the deployment says so (GOVBOT_BEHIND_TLS).
        over_tls = bool(self.hsts) and (scope.get("scheme") == "https" or self.behind_tls)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                if over_tls:
                    extra.append((b"strict-transport-security", self.hsts))
                if path.startswith(_PRIVATE):
                    headers = [(n, v) for n, v in headers if n.lower() != b"cache-control"]
                    names.discard(b"cache-control")
                    extra.append((b"cache-control", b"no-store"))
                if not path.startswith(_UNPOLICED) and b"content-security-policy" not in names:
                    policy = PAGE_POLICY if path == "/" or path.startswith(_PAGES) else API_POLICY
                    extra.append((b"content-security-policy", policy.encode()))
                message["headers"] = headers + [h for h in extra if h[0] not in names]
            await send(message)

        await self.app(scope, receive, with_headers)
