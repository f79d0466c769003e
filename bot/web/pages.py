"""The demo page at / (a municipal site embedding the widget) and the widget's static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent / "static"
router = APIRouter(include_in_schema=False)


@router.get("/")
def demo_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "demo.html", media_type="text/html; charset=utf-8")


class WidgetFiles(StaticFiles):
    """The widget's files; browsers revalidate them (ETag) so a fix reaches residents at once."""

    async def get_response(self, path: str, scope):  # type: ignore[override]
        if "\x00" in path:  # 「widget.js%00.png」: the file system refuses the name; no such file
            raise HTTPException(status_code=404)
        response = await super().get_response(path, scope)
        response.headers.setdefault("cache-control", "no-cache")
        return response


def static_files() -> StaticFiles:
    return WidgetFiles(directory=STATIC_DIR)
