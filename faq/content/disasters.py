"""Disaster mode: the disasters residents should hear about (framework-free).

Disaster mode lives in the database (table ``disasters``) so that reviewers can declare, edit and end a
disaster from the staff console and every worker sees the change at once: readers query the table on each
call (it holds a handful of rows) rather than caching it. The table starts as a copy of
``faq/data/disasters.yml`` (taken from official documents; author ``seed``), made once while it is empty. An
ended disaster is archived, never deleted, so the console can still list it.

Each disaster has an owner (:mod:`faq.content.permissions` decides who may change it): ``national`` (the
seed, and what 総務省 declares) reaches the residents of its prefectures; a municipality's
(``municipality:<団体コード>``, its area always that municipality alone) reaches that municipality's
residents only — never a neighbouring town's, nor a resident whose municipality is not known.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from faq.content.disaster_fields import (
    FIELDS,
    ID_PATTERN,
    DisasterInvalid,
    validate_fields,
    validated,
    with_known_extras,
)
from faq.content.organisations import NATIONAL, municipality_id, parse_org_id
from faq.content.permissions import disaster_owner, owner_area, require_switch_disaster
from faq.content.store import FaqStore
from faq.content.versions import REVIEWER, SEED, Actor, WorkflowError
from faq.errors import FaqNotFound
from faq.model import TextEnum
from faq.places.directory import KikumimiDirectory
from faq.settings import PROJECT_ROOT
from faq.tables import DisasterRow

DISASTERS_FILE = PROJECT_ROOT / "faq" / "data" / "disasters.yml"


class DisasterStatus(TextEnum):
    """In disaster mode (residents of its prefectures hear about it) or ended (archived, kept)."""

    ACTIVE = "active"
    ENDED = "ended"


ACTIVE, ENDED = DisasterStatus.ACTIVE, DisasterStatus.ENDED


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
    owner: str = NATIONAL  # national | municipality:<6-digit code>: who may change it, whom it reaches
    updated_by: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    ended_at: datetime | None = None

    @property
    def active(self) -> bool:
        """In disaster mode: its residents hear about it (:meth:`reaches`)."""
        return self.status == ACTIVE

    def reaches(self, prefecture: str | None, municipality: str | None) -> bool:
        """Whether a resident of ``prefecture`` (None: any) and ``municipality`` (a 6-digit 団体コード;
        None: not known) hears of it: a national disaster in its prefectures, a municipality's only there."""
        if prefecture is not None and prefecture not in self.prefectures:
            return False
        return self.owner == NATIONAL or (
            municipality is not None and self.owner == municipality_id(municipality)
        )


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


def in_disaster_mode(store: FaqStore) -> list[Disaster]:
    """Every disaster in disaster mode, whoever it reaches, newest first (staff's views, the counts)."""
    with store.session() as session:
        rows = session.execute(
            select(DisasterRow)
            .where(DisasterRow.status == ACTIVE)
            .order_by(DisasterRow.created_at.desc(), DisasterRow.id)
        ).scalars()
        return [_from_row(row) for row in rows]


def active_disasters(
    store: FaqStore, prefecture: str | None, municipality: str | None = None
) -> list[Disaster]:
    """The disasters in disaster mode a resident of ``prefecture`` (``None``: any) and ``municipality`` (the
    page's or the turn's 6-digit 団体コード; ``None``: not known) hears about, newest first: the national
    ones of the prefecture, and the municipality's own (:meth:`Disaster.reaches`)."""
    return [d for d in in_disaster_mode(store) if d.reaches(prefecture, municipality)]


# -- whom to call ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisasterContact:
    """The number a resident is given for a disaster: its dedicated dial, or the きくみみ centre."""

    name: str
    phone: str
    hours: str
    prefecture: str  # the prefecture it was chosen for
    dedicated: bool  # True: the disaster's own dial; False: the centre serving the prefecture

    @property
    def tel(self) -> str:
        return "tel:" + self.phone.replace("-", "")


def disaster_contact(disaster: Disaster, region: str | None, directory: KikumimiDirectory) -> DisasterContact:
    """Whom a resident of ``region`` calls about ``disaster``: the one decision banner and chat share.

    The disaster's dedicated dial when staff set one; otherwise the きくみみ centre serving the prefecture.
    A region the disaster does not cover is read as the disaster's first prefecture.
    """
    prefecture = region if region in disaster.prefectures else disaster.prefectures[0]
    if disaster.dial:
        dial = disaster.dial
        return DisasterContact(dial["name"], dial["phone"], dial.get("hours", ""), prefecture, True)
    centre = directory.for_prefecture(prefecture)
    return DisasterContact(f"{centre.name}（総務省 行政相談センター）", centre.phone, "", prefecture, False)


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
            owner=NATIONAL,
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

    Its owner is the actor's organisation; a municipality's disaster has that municipality as its area,
    whatever ``fields`` say. A centre declares none (PermissionDenied).

    ``fields``: name, prefectures (a list, or one text separated by , or 、), start_date, guidebook_url,
    dial {name, phone, hours}, events [{time, place, specialists}] (or lines 「日時｜場所｜専門家」), and
    optionally id, municipalities {town: prefecture}, relief_act_applied, guidebook_from,
    special_consultation (implied by events).
    """
    actor.require(REVIEWER, "declaring a disaster")
    owner = disaster_owner(actor)  # a centre declares none
    values, problems = validate_fields({**fields, **(_area_of(owner) or {})})
    wanted = str(fields.get("id") or "").strip()
    if wanted and not ID_PATTERN.fullmatch(wanted):
        problems.append({"field": "id", "reason": "IDは英小文字・数字・ハイフンで3～100文字にしてください。"})
    if problems:
        raise DisasterInvalid(problems)
    now = _now()
    with store.session() as session, session.begin():
        disaster_id = wanted or _new_id(session, values["start_date"] or now.date())
        if session.get(DisasterRow, disaster_id) is not None:
            raise DisasterInvalid([{"field": "id", "reason": f"ID {disaster_id} は既に使われています。"}])
        row = DisasterRow(id=disaster_id, owner=owner, status=ACTIVE, created_at=now, updated_at=now)
        row.updated_by = actor.username
        _fill(row, values)
        session.add(row)
    return get_disaster(store, disaster_id)


def update(store: FaqStore, disaster_id: str, fields: Mapping[str, Any], actor: Actor) -> Disaster:
    """Change an active disaster (its owner's reviewers, or the admin); fields left out keep their value; a
    municipality's disaster keeps its municipality as its area.

    An event whose date, place and specialists are unchanged keeps what only the seed's sources say of it
    (its name, reservation, contact). Towns of a prefecture no longer listed are dropped with it.
    """
    actor.require(REVIEWER, "editing a disaster")
    with store.session() as session, session.begin():
        row = _active_row(session, disaster_id, actor, "災害の編集")
        current = _from_row(row)
        given = {k: v for k, v in fields.items() if k in FIELDS}
        merged = {**fields_of(current), **given, **(_area_of(current.owner) or {})}
        values, problems = validate_fields(merged, drop_stray_towns="municipalities" not in fields)
        if problems:
            raise DisasterInvalid(problems)
        values["events"] = with_known_extras(values["events"], current.events)
        _fill(row, values)
        row.updated_at = _now()
        row.updated_by = actor.username
    return get_disaster(store, disaster_id)


def end(store: FaqStore, disaster_id: str, actor: Actor) -> Disaster:
    """Switch disaster mode off (its owner's reviewers, or the admin); the disaster stays, archived."""
    actor.require(REVIEWER, "ending a disaster")
    with store.session() as session, session.begin():
        row = _active_row(session, disaster_id, actor, "災害モードの終了")
        now = _now()
        row.status, row.ended_at, row.updated_at, row.updated_by = ENDED, now, now, actor.username
    return get_disaster(store, disaster_id)


def reopen(store: FaqStore, disaster_id: str, actor: Actor) -> Disaster:
    """Undo an end (its owner's reviewers, or the admin): disaster mode goes on again, as it was."""
    actor.require(REVIEWER, "reopening a disaster")
    with store.session() as session, session.begin():
        row = session.get(DisasterRow, disaster_id)
        if row is None:
            raise FaqNotFound(f"disaster {disaster_id}")
        require_switch_disaster(actor, row.owner, disaster_id, "災害モードの再開")
        if row.status == ACTIVE:
            raise WorkflowError(f"{disaster_id} is already in disaster mode")
        row.status, row.ended_at, row.updated_at, row.updated_by = ACTIVE, None, _now(), actor.username
    return get_disaster(store, disaster_id)


def _active_row(session, disaster_id: str, actor: Actor, doing: str) -> DisasterRow:
    """The row of a disaster still in disaster mode that ``actor`` may change; an ended one is kept."""
    row = session.get(DisasterRow, disaster_id)
    if row is None:
        raise FaqNotFound(f"disaster {disaster_id}")
    require_switch_disaster(actor, row.owner, disaster_id, doing)
    if row.status != ACTIVE:
        raise WorkflowError(f"{disaster_id} has already ended; an ended disaster is kept as it was")
    return row


def fields_of(disaster: Disaster) -> dict[str, Any]:
    """The fields staff set (:data:`FIELDS`), as :func:`update` takes them."""
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


def _area_of(owner: str) -> dict[str, Any] | None:
    """The area a disaster of ``owner`` must have (None: any), from the gazetteer."""
    if owner == NATIONAL:
        return None
    place = KikumimiDirectory.default().place_of(parse_org_id(owner).key)
    return owner_area(owner, place.municipality if place else None)


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
        owner=row.owner or NATIONAL,
        updated_by=row.updated_by or "",
        created_at=row.created_at,
        updated_at=row.updated_at,
        ended_at=row.ended_at,
    )
