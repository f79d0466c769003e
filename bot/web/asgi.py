"""The shape every pure ASGI middleware here shares: HTTP requests go to ``handle``, the rest pass through.

Pure ASGI (not Starlette's BaseHTTPMiddleware) keeps each request on one task: no extra task switch per
middleware on the hot path.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from starlette.types import ASGIApp, Receive, Scope, Send


class HttpMiddleware(ABC):
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    @abstractmethod
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one HTTP request; call ``self.app`` to pass it on."""
