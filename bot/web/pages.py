"""The demo pages (a municipal site embedding the widget): the national one at / and one per municipality
that has local supplements (/demo/<file stem of faq/data/supplements>), and the widget's static files."""

from __future__ import annotations

from pathlib import Path

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles

from bot.web.console.rendering import TEMPLATES
from faq.content.organisations import six_digit_code
from faq.content.supplement_versions import SupplementVersions
from faq.errors import FaqNotFound

STATIC_DIR = Path(__file__).resolve().parent / "static"
router = APIRouter(include_in_schema=False)


@router.get("/")
def demo_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "demo.html", media_type="text/html; charset=utf-8")


@router.get("/demo/{slug}")
def municipality_demo_page(slug: str, request: Request) -> HTMLResponse:
    """The widget as a municipality's page embeds it (``data-municipality``): its local windows show."""
    service = request.app.state.faq_service
    path = service.settings.supplements_dir / f"{slug}.yml"
    if not slug.isascii() or not slug.replace("-", "").isalnum() or not path.is_file():
        raise HTTPException(status_code=404)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    code = six_digit_code(str(data.get("municipality", "")))
    place = request.app.state.directory.place_of(code)
    if place is None or place.municipality is None:
        raise HTTPException(status_code=404)
    town = {"code": code, "name": place.municipality.name, "prefecture": place.municipality.prefecture}
    questions = []
    for supplement in SupplementVersions(service.store).published_for(code):
        if not supplement.offered_on():  # a past event, or one whose day has no year: not shown in the chat
            continue
        try:
            questions.append(service.store.get(supplement.entry_id).question)
        except FaqNotFound:
            continue
    return TEMPLATES.TemplateResponse(request, "demo/municipality.html", {"town": town, "entries": questions})


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
