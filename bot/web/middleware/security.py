"""Response headers every page and API answer carries, and the origins allowed to embed the widget."""

from __future__ import annotations

from starlette.types import Message, Receive, Scope, Send

from bot.web.asgi import HttpMiddleware

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
    """Adds CSP, nosniff and the referrer policy to every answer."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
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
