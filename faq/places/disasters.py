"""Disaster mode: the disasters residents should hear about (framework-free).

Disaster mode lives in the database (table ``disasters``) so that reviewers can declare, edit and end a
disaster from the staff console and every worker sees the change at once: readers query the table on each
call (it holds a handful of rows) rather than caching it. The table starts as a copy of
``bot/disasters.yml`` (taken from official documents; author ``seed``), made once while it is empty. An
ended disaster is archived, never deleted, so the console can still list it.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from sqlalchemy import Boolean, Column, Date, DateTime, String, Text, select
from sqlalchemy.exc import IntegrityError

from faq.content.store import Base, FaqStore
from faq.content.versions import REVIEWER, SEED, Actor, WorkflowError
from faq.errors import FaqError, FaqNotFound
from faq.places.directory import KikumimiDirectory
from faq.settings import PROJECT_ROOT

DISASTERS_FILE = PROJECT_ROOT / "bot" / "disasters.yml"
ACTIVE, ENDED = "active", "ended"
# What staff may set (the API and the console send a subset; the seed may also send ``guidebook``).
FIELDS = (
    "name",
    "prefectures",
    "municipalities",
    "start_date",
    "relief_act_applied",
    "guidebook_from",
    "guidebook_url",
    "special_consultation",
    "dial",
    "events",
    "guidebook",
)
EVENT_FIELDS = ("time", "place", "specialists")  # what every 特別行政相談所 event must say
EVENT_EXTRAS = ("name", "reservation", "contact", "ref")  # printed in the seed's sources; kept when given
MAX_EVENTS = 30
MAX_TEXT = 200
_LIST_SEPARATORS = re.compile(r"[,，、\s]+")
_EVENT_SEPARATOR = re.compile(r"[｜|]")
_PHONE = re.compile(r"[0-9]+(?:-[0-9]+)*")
_ID = re.compile(r"[a-z0-9][a-z0-9-]{2,99}")

Problem = Callable[[str, str], None]


class DisasterInvalid(FaqError):
    """Fields a disaster cannot be declared or edited with; ``problems`` lists every one ({field, reason})."""

    def __init__(self, problems: list[dict[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{p['field']}: {p['reason']}" for p in problems))


@dataclass(frozen=True)
class Disaster:
    id: str
    name: str
    prefectures: tuple[str, ...]
    relief_act_applied: str = ""
    guidebook_from: str = ""
    special_consultation: bool = False
    status: str = ACTIVE  # active | ended
    guidebook: dict = field(default_factory=dict)  # the printed guidebook's block (seed data)
    events: tuple[dict, ...] = ()  # 特別行政相談所: {time, place, specialists} (+ EVENT_EXTRAS)
    municipalities: dict[str, str] = field(default_factory=dict)  # town → prefecture
    dial: dict = field(default_factory=dict)  # a dedicated number: {name, phone, hours}
    start_date: date | None = None
    guidebook_url: str = ""
    updated_by: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    ended_at: datetime | None = None

    @property
    def active(self) -> bool:
        """In disaster mode: residents of its prefectures hear about it."""
        return self.status == ACTIVE


# -- reading --------------------------------------------------------------------------------------------


def load_disasters(store: FaqStore) -> tuple[Disaster, ...]:
    """Every disaster, active and ended, newest first."""
    with store.session() as session:
        rows = session.execute(
            select(DisasterRow).order_by(DisasterRow.created_at.desc(), DisasterRow.id)
        ).scalars()
        return tuple(_from_row(row) for row in rows)


def get_disaster(store: FaqStore, disaster_id: str) -> Disaster:
    """One disaster; raises FaqNotFound."""
    with store.session() as session:
        row = session.get(DisasterRow, disaster_id)
        if row is None:
            raise FaqNotFound(f"disaster {disaster_id}")
        return _from_row(row)


def active_disasters(store: FaqStore, prefecture: str | None) -> list[Disaster]:
    """Disasters in disaster mode for ``prefecture`` (``None``: every one in disaster mode), newest first."""
    with store.session() as session:
        rows = session.execute(
            select(DisasterRow)
            .where(DisasterRow.status == ACTIVE)
            .order_by(DisasterRow.created_at.desc(), DisasterRow.id)
        ).scalars()
        found = [_from_row(row) for row in rows]
    return [d for d in found if prefecture is None or prefecture in d.prefectures]


# -- seeding --------------------------------------------------------------------------------------------


def seed_disasters(store: FaqStore, path: Path = DISASTERS_FILE) -> int:
    """Copy ``path`` into the table while it is empty (author ``seed``); returns how many were added.

    Once staff have the table, the file is never read again: ended disasters stay as rows, so the table
    does not become empty. Two workers starting together may both try; the second finds the rows there.
    """
    with store.session() as session:
        if session.execute(select(DisasterRow.id).limit(1)).first() is not None:
            return 0
    if not Path(path).is_file():
        return 0
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    now = _now()
    rows = []
    for raw in data.get("disasters") or []:
        row = DisasterRow(
            id=raw["id"],
            status=ACTIVE if raw.get("active") else ENDED,
            created_at=now,
            updated_at=now,
            updated_by=SEED.username,
        )
        _fill(row, validated(_seed_fields(raw)))
        rows.append(row)
    try:
        with store.session() as session, session.begin():
            session.add_all(rows)
    except IntegrityError:
        return 0
    return len(rows)


def _seed_fields(raw: dict) -> dict[str, Any]:
    """The YAML's shape as staff fields: a town list belongs to the only prefecture; ``date`` is ``time``."""
    prefectures = list(raw.get("prefectures") or ())
    towns = raw.get("municipalities") or {}
    if isinstance(towns, list):
        towns = {town: prefectures[0] for town in towns}
    events = [{("time" if k == "date" else k): v for k, v in e.items()} for e in raw.get("events") or ()]
    return {
        **{k: raw[k] for k in FIELDS if k in raw},
        "prefectures": prefectures,
        "municipalities": towns,
        "events": events,
    }


# -- staff operations -----------------------------------------------------------------------------------


def declare(store: FaqStore, fields: Mapping[str, Any], actor: Actor) -> Disaster:
    """Switch disaster mode on for a new disaster (reviewers only); raises DisasterInvalid.

    ``fields``: name, prefectures (a list, or one text separated by , or 、), start_date, guidebook_url,
    dial {name, phone, hours}, events [{time, place, specialists}] (or lines 「日時｜場所｜専門家」), and
    optionally id, municipalities {town: prefecture}, relief_act_applied, guidebook_from,
    special_consultation (implied by events).
    """
    actor.require(REVIEWER, "declaring a disaster")
    values, problems = _validate(fields)
    wanted = str(fields.get("id") or "").strip()
    if wanted and not _ID.fullmatch(wanted):
        problems.append({"field": "id", "reason": "IDは英小文字・数字・ハイフンで3～100文字にしてください。"})
    if problems:
        raise DisasterInvalid(problems)
    now = _now()
    with store.session() as session, session.begin():
        disaster_id = wanted or _new_id(session, values["start_date"] or now.date())
        if session.get(DisasterRow, disaster_id) is not None:
            raise DisasterInvalid([{"field": "id", "reason": f"ID {disaster_id} は既に使われています。"}])
        row = DisasterRow(
            id=disaster_id, status=ACTIVE, created_at=now, updated_at=now, updated_by=actor.username
        )
        _fill(row, values)
        session.add(row)
    return get_disaster(store, disaster_id)


def update(store: FaqStore, disaster_id: str, fields: Mapping[str, Any], actor: Actor) -> Disaster:
    """Change an active disaster (reviewers only); fields left out keep their value.

    An event whose date, place and specialists are unchanged keeps what only the seed's sources say of it
    (its name, reservation, contact). Towns of a prefecture no longer listed are dropped with it.
    """
    actor.require(REVIEWER, "editing a disaster")
    with store.session() as session, session.begin():
        row = _active_row(session, disaster_id)
        current = _from_row(row)
        merged = {**_fields_of(current), **{k: v for k, v in fields.items() if k in FIELDS}}
        values, problems = _validate(merged, drop_stray_towns="municipalities" not in fields)
        if problems:
            raise DisasterInvalid(problems)
        values["events"] = _with_known_extras(values["events"], current.events)
        _fill(row, values)
        row.updated_at = _now()
        row.updated_by = actor.username
    return get_disaster(store, disaster_id)


def end(store: FaqStore, disaster_id: str, actor: Actor) -> Disaster:
    """Switch disaster mode off (reviewers only); the disaster stays, archived, in the ended list."""
    actor.require(REVIEWER, "ending a disaster")
    with store.session() as session, session.begin():
        row = _active_row(session, disaster_id)
        now = _now()
        row.status, row.ended_at, row.updated_at, row.updated_by = ENDED, now, now, actor.username
    return get_disaster(store, disaster_id)


def reopen(store: FaqStore, disaster_id: str, actor: Actor) -> Disaster:
    """Undo an end (reviewers only): disaster mode goes on again for its prefectures, as it was."""
    actor.require(REVIEWER, "reopening a disaster")
    with store.session() as session, session.begin():
        row = session.get(DisasterRow, disaster_id)
        if row is None:
            raise FaqNotFound(f"disaster {disaster_id}")
        if row.status == ACTIVE:
            raise WorkflowError(f"{disaster_id} is already in disaster mode")
        row.status, row.ended_at, row.updated_at, row.updated_by = ACTIVE, None, _now(), actor.username
    return get_disaster(store, disaster_id)


def _active_row(session, disaster_id: str) -> DisasterRow:
    """The row of a disaster still in disaster mode; an ended one is kept as it was."""
    row = session.get(DisasterRow, disaster_id)
    if row is None:
        raise FaqNotFound(f"disaster {disaster_id}")
    if row.status != ACTIVE:
        raise WorkflowError(f"{disaster_id} has already ended; an ended disaster is kept as it was")
    return row


def validated(fields: Mapping[str, Any]) -> dict[str, Any]:
    """``fields`` checked and normalised (prefectures by their full names); raises DisasterInvalid."""
    values, problems = _validate(fields)
    if problems:
        raise DisasterInvalid(problems)
    return values


def event_lines(events: tuple[dict, ...] | list[dict]) -> str:
    """Events as the console's textarea shows them: one 「日時｜場所｜専門家」 per line."""
    return "\n".join("｜".join(str(e.get(k, "")) for k in EVENT_FIELDS) for e in events)


# -- validation -----------------------------------------------------------------------------------------


def _validate(
    fields: Mapping[str, Any], drop_stray_towns: bool = False
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    problems: list[dict[str, str]] = []

    def problem(name: str, reason: str) -> None:
        problems.append({"field": name, "reason": reason})

    name = _text(fields.get("name"))
    if not name:
        problem("name", "名称を入力してください。")
    prefectures = _prefectures(fields.get("prefectures"), problem)
    towns = _towns(fields.get("municipalities"), prefectures, drop_stray_towns, problem)
    events = _events(fields.get("events"), problem)
    values: dict[str, Any] = {
        "name": name,
        "prefectures": prefectures,
        "municipalities": towns,
        "start_date": _date(fields.get("start_date"), problem),
        "relief_act_applied": _text(fields.get("relief_act_applied")),
        "guidebook_from": _text(fields.get("guidebook_from")),
        "guidebook_url": _https_url(fields.get("guidebook_url"), problem),
        "special_consultation": bool(fields.get("special_consultation")) or bool(events),
        "dial": _dial(fields.get("dial"), problem),
        "events": events,
        "guidebook": _guidebook(fields.get("guidebook"), problem),
    }
    limits = {"name": MAX_TEXT, "relief_act_applied": 40, "guidebook_from": 40}
    for key, limit in limits.items():
        if len(values[key]) > limit:
            problem(key, f"{limit}文字以内にしてください（今は{len(values[key])}文字）。")
    return values, problems


def _text(value: Any) -> str:
    return str(value if value is not None else "").strip()


def _prefectures(value: Any, problem: Problem) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or ())
    words = [w for item in items for w in _LIST_SEPARATORS.split(_text(item)) if w]
    if not words:
        problem("prefectures", "対象の都道府県を1つ以上入力してください。")
    directory = KikumimiDirectory.default()
    found: list[str] = []
    for word in words:
        prefecture = directory.find_prefecture(word)
        if prefecture is None:
            problem("prefectures", f"「{word[:20]}」は都道府県名として見つかりません。")
        elif prefecture not in found:
            found.append(prefecture)
    return tuple(found)


def _towns(value: Any, prefectures: tuple[str, ...], drop_stray: bool, problem: Problem) -> dict[str, str]:
    """{市区町村 or 団体コード: 都道府県} → {市区町村: 都道府県}, each town found by the one resolver (the
    prefecture given settles a shared name such as 伊達市)."""
    if not value:
        return {}
    if not isinstance(value, Mapping):
        problem("municipalities", "市区町村は {市区町村: 都道府県} の形で指定してください。")
        return {}
    towns: dict[str, str] = {}
    directory = KikumimiDirectory.default()
    for town, named in value.items():
        town = _text(town)
        found = directory.municipality(town, within=directory.find_prefecture(_text(named)))
        if found is None:
            problem("municipalities", f"「{town[:20]}」は市区町村名・団体コードとして見つかりません。")
        elif found.prefecture in prefectures:
            towns[found.name] = found.prefecture
        elif not drop_stray:
            problem("municipalities", f"{found.name}（{found.prefecture}）が対象の都道府県にありません。")
    return towns


def _date(value: Any, problem: Problem) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problem("start_date", "開始日は 2025-11-16 のように年月日で入力してください。")
        return None


def _https_url(value: Any, problem: Problem) -> str:
    url = _text(value)
    if not url:
        return ""
    if len(url) > 2000:
        problem("guidebook_url", "URLが長すぎます（2000文字まで）。")
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. a broken [IPv6] host
        host = None
    if not host or parts.scheme != "https" or "@" in parts.netloc or re.search(r"\s", url):
        problem("guidebook_url", "ガイドブックのURLは https:// で始まるアドレスにしてください。")
    return url


def _dial(value: Any, problem: Problem) -> dict[str, str]:
    if not value:
        return {}
    if not isinstance(value, Mapping):
        problem("dial", "専用ダイヤルは名称・電話番号・受付時間で指定してください。")
        return {}
    dial = {key: _text(value.get(key)) for key in ("name", "phone", "hours")}
    if not any(dial.values()):
        return {}
    if not dial["name"]:
        problem("dial", "専用ダイヤルの名称を入力してください。")
    digits = dial["phone"].replace("-", "")
    if not _PHONE.fullmatch(dial["phone"]) or not 10 <= len(digits) <= 11:
        problem(
            "dial",
            "専用ダイヤルの電話番号は数字とハイフンだけで、市外局番から入力してください（例：0570-090110）。",
        )
    if len(dial["name"]) > 100 or len(dial["hours"]) > 100:
        problem("dial", "専用ダイヤルの名称・受付時間は100文字以内にしてください。")
    return dial


def _events(value: Any, problem: Problem) -> tuple[dict, ...]:
    if isinstance(value, str):
        raw: list[Any] = []
        for number, line in enumerate((ln for ln in value.splitlines() if ln.strip()), start=1):
            parts = [p.strip() for p in _EVENT_SEPARATOR.split(line)]
            if len(parts) != len(EVENT_FIELDS):
                problem("events", f"{number}行目：「日時｜場所｜専門家」のように｜で3つに区切ってください。")
                continue
            raw.append(dict(zip(EVENT_FIELDS, parts, strict=True)))
    else:
        raw = list(value or ())
    if len(raw) > MAX_EVENTS:
        problem("events", f"開催は{MAX_EVENTS}件までにしてください。")
    events = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            problem("events", f"{number}件目：日時・場所・専門家を指定してください。")
            continue
        event = {k: _text(item.get(k)) for k in EVENT_FIELDS}
        event.update({k: _text(item[k]) for k in EVENT_EXTRAS if _text(item.get(k))})
        if not all(event[k] for k in EVENT_FIELDS):
            problem("events", f"{number}件目：日時・場所・専門家をすべて書いてください。")
        elif any(len(v) > MAX_TEXT for v in event.values()):
            problem("events", f"{number}件目：各項目は{MAX_TEXT}文字以内にしてください。")
        events.append(event)
    return tuple(events)


def _guidebook(value: Any, problem: Problem) -> dict[str, str]:
    if not value:
        return {}
    if not isinstance(value, Mapping):
        problem("guidebook", "guidebook は {name, dial, ...} の形で指定してください。")
        return {}
    return {str(k): _text(v) for k, v in value.items()}


def _with_known_extras(events: tuple[dict, ...], before: tuple[dict, ...]) -> tuple[dict, ...]:
    known = {tuple(e.get(k) for k in EVENT_FIELDS): e for e in before}
    return tuple({**known.get(tuple(e[k] for k in EVENT_FIELDS), {}), **e} for e in events)


def _fields_of(disaster: Disaster) -> dict[str, Any]:
    return {
        "name": disaster.name,
        "prefectures": list(disaster.prefectures),
        "municipalities": dict(disaster.municipalities),
        "start_date": disaster.start_date,
        "relief_act_applied": disaster.relief_act_applied,
        "guidebook_from": disaster.guidebook_from,
        "guidebook_url": disaster.guidebook_url,
        "special_consultation": disaster.special_consultation,
        "dial": dict(disaster.dial),
        "events": [dict(e) for e in disaster.events],
        "guidebook": dict(disaster.guidebook),
    }


def _new_id(session, day: date) -> str:
    while True:
        candidate = f"d{day:%Y%m%d}-{secrets.token_hex(2)}"
        if session.get(DisasterRow, candidate) is None:
            return candidate


def _now() -> datetime:
    return datetime.now(timezone.utc)


# -- rows -----------------------------------------------------------------------------------------------


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _fill(row: DisasterRow, values: dict[str, Any]) -> None:
    """Write validated values."""
    row.name = values["name"]
    row.prefectures = _dumps(list(values["prefectures"]))
    row.municipalities = _dumps(values["municipalities"])
    row.start_date = values["start_date"]
    row.relief_act_applied = values["relief_act_applied"]
    row.guidebook_from = values["guidebook_from"]
    row.guidebook_url = values["guidebook_url"]
    row.special_consultation = values["special_consultation"]
    row.dial = _dumps(values["dial"])
    row.guidebook = _dumps(values["guidebook"] or {})
    row.events = _dumps(list(values["events"]))


def _from_row(row: DisasterRow) -> Disaster:
    return Disaster(
        id=row.id,
        name=row.name,
        prefectures=tuple(json.loads(row.prefectures or "[]")),
        relief_act_applied=row.relief_act_applied or "",
        guidebook_from=row.guidebook_from or "",
        special_consultation=bool(row.special_consultation),
        status=row.status,
        guidebook=json.loads(row.guidebook or "{}"),
        events=tuple(json.loads(row.events or "[]")),
        municipalities=json.loads(row.municipalities or "{}"),
        dial=json.loads(row.dial or "{}"),
        start_date=row.start_date,
        guidebook_url=row.guidebook_url or "",
        updated_by=row.updated_by or "",
        created_at=row.created_at,
        updated_at=row.updated_at,
        ended_at=row.ended_at,
    )


class DisasterRow(Base):
    """A disaster in disaster mode (``status`` active) or archived (``ended``)."""

    __tablename__ = "disasters"

    id = Column(String(100), primary_key=True)
    name = Column(Text, nullable=False)
    prefectures = Column(Text, nullable=False, default="[]")  # JSON list
    municipalities = Column(Text, nullable=False, default="{}")  # JSON {town: prefecture}
    start_date = Column(Date, nullable=True)
    relief_act_applied = Column(String(40), nullable=False, default="")
    guidebook_from = Column(String(40), nullable=False, default="")
    guidebook_url = Column(Text, nullable=False, default="")
    special_consultation = Column(Boolean, nullable=False, default=False)
    dial = Column(Text, nullable=False, default="{}")  # JSON {name, phone, hours}
    guidebook = Column(
        Text, nullable=False, default="{}", server_default="{}"
    )  # the printed guidebook's block
    events = Column(Text, nullable=False, default="[]")  # JSON list of 特別行政相談所 events
    status = Column(String(20), nullable=False, default="active", index=True)  # active | ended
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    updated_by = Column(String(64), nullable=False, default="")
    ended_at = Column(DateTime(timezone=True), nullable=True)
