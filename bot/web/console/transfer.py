"""Import and export of FAQ entries as CSV or YAML: the console's 取込・書出 page and the JSON API.

An import is all or nothing. The file is parsed and validated completely first (:mod:`faq.content.transfer`);
only a file without a single problem reaches :meth:`EntryVersions.import_entries`, which writes it in one
transaction. Imported entries become drafts, or published versions when a reviewer asks; after a publish
the live search index is rebuilt so residents get the new answers at once.

Exports hold the working version of every entry (what editors see), so export → edit → import is the
bulk-edit loop; re-importing an untouched export changes nothing.
"""

from __future__ import annotations

import base64
import logging
import zlib
from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.web.auth import Staff, editor_api, editor_page
from bot.web.console.rendering import TOKYO, confirm_page, redirect, render
from bot.web.console.schemas import ImportCountsPublic
from bot.web.deps import get_faq_service
from faq.content.cp932 import cp932_damage, cp932_unsafe
from faq.content.permissions import EntryAction, may
from faq.content.transfer import (
    MAX_BYTES,
    WHOLE_FILE,
    ParseResult,
    Problem,
    export_csv,
    export_yaml,
    parse_csv,
    parse_yaml,
)
from faq.content.versions import EntryVersions, PermissionDenied, WorkflowError, says_the_same
from faq.model import FaqEntry
from faq.service import FaqService

logger = logging.getLogger(__name__)
pages = APIRouter(prefix="/console/transfer", include_in_schema=False)
api = APIRouter(prefix="/api/staff/entries", tags=["staff"])  # the entries' import and export

PARSERS: dict[str, Callable[[bytes], ParseResult]] = {"csv": parse_csv, "yaml": parse_yaml}
EXPORTERS: dict[str, tuple[Callable[[list[FaqEntry]], bytes], str]] = {
    "csv": (export_csv, "text/csv; charset=utf-8"),
    "yaml": (export_yaml, "application/yaml; charset=utf-8"),
}
FORMAT_OF_SUFFIX = {".csv": "csv", ".yml": "yaml", ".yaml": "yaml"}
FORMAT_OF_MEDIA_TYPE = {
    "text/csv": "csv",
    "application/csv": "csv",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
}
SHOWN_PROBLEMS = 200  # a page listing thousands of rows helps nobody; the count says how many more
COUNT_KEYS = ("added", "changed", "unchanged")


# -- console ---------------------------------------------------------------------------------------------
@pages.get("")
def transfer_page(request: Request, staff: Staff = editor_page):
    return render(
        request,
        "transfer.html",
        staff,
        title="取込・書出",
        counts=_counts_after_redirect(request),
        **_cp932_report(get_faq_service(request)),
    )


def _cp932_report(service: FaqService) -> dict:
    """Cells a Shift_JIS save would corrupt, so staff know why the page insists on 「CSV UTF-8」."""
    unsafe = cp932_unsafe(version.entry for version in EntryVersions(service.store).working_all())
    return {"unsafe": unsafe, "unsafe_entries": len({entry_id for entry_id, _, _ in unsafe})}


@pages.post("/import")
async def import_from_console(
    request: Request,
    staff: Staff = editor_page,
    file: Annotated[UploadFile | None, File()] = None,
    reason: Annotated[str, Form()] = "",
    publish: Annotated[bool, Form()] = False,
    staged: Annotated[str, Form()] = "",
    staged_format: Annotated[str, Form()] = "",
    confirmed: Annotated[str, Form()] = "",
):
    """Drafts are written at once; publishing asks first (what residents will get), carrying the checked
    file in the confirmation form (compressed) so that it need not be chosen again."""
    if publish and not staff.is_reviewer:
        raise HTTPException(403, "公開しての取り込みはレビュー担当だけができます")
    if staged and staged_format in PARSERS:
        data, file_format = _unstage(staged), staged_format
    else:
        if file is None or not file.filename:
            problems = [Problem(WHOLE_FILE, "file", "取り込むファイルを選んでください")]
            return _report_page(request, staff, problems, reason, publish)
        found_format = FORMAT_OF_SUFFIX.get(_suffix(file.filename)) or FORMAT_OF_MEDIA_TYPE.get(
            _media_type(file.content_type)
        )
        if found_format is None:
            why = "拡張子が .csv / .yml / .yaml のファイルを選んでください"
            return _report_page(request, staff, [Problem(WHOLE_FILE, "file", why)], reason, publish)
        file_format = found_format
        data = await file.read(MAX_BYTES + 1)  # one byte over the limit is enough for the parser to refuse it
    service = get_faq_service(request)
    if publish and confirmed != "yes":
        preview, problems = await run_in_threadpool(_check, service, file_format, data, reason)
        if problems:
            return _report_page(request, staff, problems, reason, publish)
        return _publish_confirm(request, staff, preview, data, file_format, reason)
    counts, problems = await run_in_threadpool(_import, service, staff, file_format, data, reason, publish)
    if problems:
        return _report_page(request, staff, problems, reason, publish)
    assert counts is not None
    query = "&".join(f"{key}={counts[key]}" for key in COUNT_KEYS)
    return redirect(f"/console/transfer?{query}", "imported")


def _publish_confirm(
    request: Request, staff: Staff, preview: dict[str, list[str]], data: bytes, file_format: str, reason: str
):
    added, changed = preview["added"], preview["changed"]
    effects = [
        f"{len(added)} 件のエントリを追加し、{len(changed)} 件の回答を書き換えて、"
        "すぐに住民への回答に使います"
        f"（内容が同じ {len(preview['unchanged'])} 件はそのままです）。",
    ]
    if changed:
        effects.append(
            "書き換わるエントリ：" + "、".join(changed[:20]) + (" ほか" if len(changed) > 20 else "")
        )
    return confirm_page(
        request,
        staff,
        heading="取り込んだエントリを公開しますか？",
        effects=effects,
        undo="公開した後も、各エントリの画面の「元に戻す」で、直前に公開していた版に戻せます。"
        "公開せずに確かめるには、「公開する」のチェックを外して下書きとして取り込んでください。",
        action="/console/transfer/import",
        confirm_label=f"{len(added) + len(changed)} 件を公開する",
        back="/console/transfer",
        hidden={
            "staged": _stage(data),
            "staged_format": file_format,
            "reason": reason,
            "publish": "true",
        },
    )


def _stage(data: bytes) -> str:
    return base64.b64encode(zlib.compress(data, 6)).decode("ascii")


def _unstage(staged: str) -> bytes:
    try:
        return zlib.decompress(base64.b64decode(staged, validate=True), bufsize=MAX_BYTES + 1)[
            : MAX_BYTES + 1
        ]
    except (ValueError, zlib.error) as exc:
        raise HTTPException(422, "確認画面のデータが壊れています。もう一度ファイルを選んでください") from exc


def _check(
    service: FaqService, file_format: str, data: bytes, reason: str
) -> tuple[dict[str, list[str]], list[Problem]]:
    """What an import would do, entry ids by added / changed / unchanged, without writing anything."""
    problems: list[Problem] = []
    if not reason.strip():
        problems.append(Problem(WHOLE_FILE, "reason", "取り込みの理由を入力してください"))
    entries, found = PARSERS[file_format](data)
    problems.extend(found)
    preview: dict[str, list[str]] = {"added": [], "changed": [], "unchanged": []}
    if problems:
        return preview, problems
    working = {v.entry.id: v.entry for v in EntryVersions(service.store).working_all()}
    problems.extend(cp932_damage(data, entries, working))
    for entry in entries:
        before = working.get(entry.id)
        kind = "added" if before is None else "unchanged" if says_the_same(before, entry) else "changed"
        preview[kind].append(entry.id)
    return preview, problems


@pages.get("/export.csv")
def export_csv_from_console(request: Request, staff: Staff = editor_page) -> Response:
    return _export(get_faq_service(request), staff, "csv")


@pages.get("/export.yaml")
def export_yaml_from_console(request: Request, staff: Staff = editor_page) -> Response:
    return _export(get_faq_service(request), staff, "yaml")


# -- JSON API --------------------------------------------------------------------------------------------
@api.post("/import", response_model=ImportCountsPublic)
async def import_from_api(
    request: Request,
    staff: Staff = editor_api,
    file_format: str | None = Query(
        None, alias="format", pattern="^(csv|yaml)$", description="csv or yaml; default: from Content-Type"
    ),
    publish: bool = Query(False, description="publish at once (reviewers only); otherwise drafts"),
    reason: str = Query("", description="why; kept with every version written (first 2,000 characters)"),
) -> JSONResponse:
    """Import the request body (a CSV or YAML file, at most 5 MB): all entries, or none on any problem.

    200 ``{"added", "changed", "unchanged"}``; 422 ``{"problems": [{"row", "field", "reason"}]}``.
    """
    if publish and not staff.is_reviewer:
        raise HTTPException(403, "公開しての取り込みはレビュー担当だけができます")
    file_format = file_format or FORMAT_OF_MEDIA_TYPE.get(_media_type(request.headers.get("content-type")))
    if file_format is None:
        why = "?format=csv か yaml、または Content-Type に text/csv か application/yaml を指定してください"
        return _problems_json([Problem(WHOLE_FILE, "format", why)])
    data = await _body_within_limit(request)
    counts, problems = await run_in_threadpool(
        _import, get_faq_service(request), staff, file_format, data, reason, publish
    )
    if problems:
        return _problems_json(problems)
    return JSONResponse(counts)


@api.get(
    "/export",
    response_class=Response,
    responses={
        200: {
            "description": "the entries as a file",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                # A YAML list of entries (clients that parse YAML read it so).
                "application/yaml": {"schema": {"type": "array", "items": {"type": "object"}}},
            },
        }
    },
)
def export_from_api(
    request: Request,
    staff: Staff = editor_api,
    file_format: str = Query("csv", alias="format", pattern="^(csv|yaml)$"),
) -> Response:
    """The working version of every entry the account may see (national entries and its organisation's;
    all for the national admin) as a CSV (UTF-8 with BOM, formula-safe) or YAML file."""
    return _export(get_faq_service(request), staff, file_format)


# -- shared ----------------------------------------------------------------------------------------------
def _import(
    service: FaqService, staff: Staff, file_format: str, data: bytes, reason: str, publish: bool
) -> tuple[dict[str, int] | None, list[Problem]]:
    """Validate everything, then write everything; returns the counts, or the problems and no write."""
    problems: list[Problem] = []
    if not reason.strip():
        problems.append(Problem(WHOLE_FILE, "reason", "取り込みの理由を入力してください"))
    entries, found = PARSERS[file_format](data)
    problems.extend(found)
    if not problems:
        working = {v.entry.id: v.entry for v in EntryVersions(service.store).working_all()}
        problems.extend(cp932_damage(data, entries, working))
    if problems:
        return None, problems
    try:
        counts = EntryVersions(service.store).import_entries(entries, staff.actor, reason, publish)
    except PermissionDenied as exc:
        raise HTTPException(403, str(exc)) from exc
    except WorkflowError as exc:
        return None, [Problem(WHOLE_FILE, "-", str(exc))]
    logger.info(
        "import by %s format=%s publish=%s added=%d changed=%d unchanged=%d",
        staff.actor.username,
        file_format,
        publish,
        counts["added"],
        counts["changed"],
        counts["unchanged"],
    )
    if publish:
        service.follow_published()
    return counts, []


def _export(service: FaqService, staff: Staff, file_format: str) -> Response:
    versions = EntryVersions(service.store)
    entries = [v.entry for v in versions.working_all() if may(staff.actor, EntryAction.EXPORT, v.entry.owner)]
    exporter, media_type = EXPORTERS[file_format]
    filename = f"faq-entries-{datetime.now(TOKYO):%Y%m%d}.{file_format}"  # the day in Japan
    return Response(
        exporter(entries),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


async def _body_within_limit(request: Request) -> bytes:
    """The raw body, refused with 413 as soon as it is known to exceed the limit (declared or streamed)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise HTTPException(413, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BYTES:
            raise HTTPException(413, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        chunks.append(chunk)
    return b"".join(chunks)


def _report_page(request: Request, staff: Staff, problems: list[Problem], reason: str, publish: bool):
    return render(
        request,
        "transfer.html",
        staff,
        status_code=422,
        title="取込・書出",
        **_cp932_report(get_faq_service(request)),
        error=f"取り込めませんでした。{len(problems)} 件の問題があります。何も書き込んでいません。",
        problems=problems[:SHOWN_PROBLEMS],
        hidden_problems=max(0, len(problems) - SHOWN_PROBLEMS),
        reason=reason,
        publish=publish,
    )


def _problems_json(problems: list[Problem]) -> JSONResponse:
    return JSONResponse({"problems": [problem._asdict() for problem in problems]}, status_code=422)


def _counts_after_redirect(request: Request) -> dict[str, int] | None:
    """The counts the import put in the redirect's query: numbers only, never echoed text."""
    values = [request.query_params.get(key, "") for key in COUNT_KEYS]
    if not all(value.isdigit() for value in values):
        return None
    return {key: int(value) for key, value in zip(COUNT_KEYS, values, strict=True)}


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot >= 0 else ""


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()
