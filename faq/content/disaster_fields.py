"""The fields of a disaster as staff set them (console form, staff API, the seed file): checked and
normalised in one place, every problem reported at once in Japanese for the console."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from faq.errors import FaqError
from faq.places.directory import KikumimiDirectory

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
LIST_SEPARATORS = re.compile(r"[,，、\s]+")
EVENT_SEPARATOR = re.compile(r"[｜|]")
PHONE = re.compile(r"[0-9]+(?:-[0-9]+)*")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{2,99}")

Problem = Callable[[str, str], None]


class DisasterInvalid(FaqError):
    """Fields a disaster cannot be declared or edited with; ``problems`` lists every one ({field, reason})."""

    def __init__(self, problems: list[dict[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{p['field']}: {p['reason']}" for p in problems))


def validated(fields: Mapping[str, Any]) -> dict[str, Any]:
    """``fields`` checked and normalised (prefectures by their full names); raises DisasterInvalid."""
    values, problems = validate_fields(fields)
    if problems:
        raise DisasterInvalid(problems)
    return values


def event_lines(events: tuple[dict, ...] | list[dict]) -> str:
    """Events as the console's textarea shows them: one 「日時｜場所｜専門家」 per line."""
    return "\n".join("｜".join(str(e.get(k, "")) for k in EVENT_FIELDS) for e in events)


def validate_fields(
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
    words = [w for item in items for w in LIST_SEPARATORS.split(_text(item)) if w]
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


def _mapping(value: Any, field: str, expected: str, problem: Problem) -> Mapping | None:
    """``value`` when it is a mapping; nothing for an empty value, a problem for any other shape."""
    if not value:
        return None
    if not isinstance(value, Mapping):
        problem(field, expected)
        return None
    return value


def _dial(value: Any, problem: Problem) -> dict[str, str]:
    given = _mapping(value, "dial", "専用ダイヤルは名称・電話番号・受付時間で指定してください。", problem)
    if given is None:
        return {}
    dial = {key: _text(given.get(key)) for key in ("name", "phone", "hours")}
    if not any(dial.values()):
        return {}
    if not dial["name"]:
        problem("dial", "専用ダイヤルの名称を入力してください。")
    digits = dial["phone"].replace("-", "")
    if not PHONE.fullmatch(dial["phone"]) or not 10 <= len(digits) <= 11:
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
            parts = [p.strip() for p in EVENT_SEPARATOR.split(line)]
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
    given = _mapping(value, "guidebook", "guidebook は {name, dial, ...} の形で指定してください。", problem)
    return {} if given is None else {str(k): _text(v) for k, v in given.items()}


def with_known_extras(events: tuple[dict, ...], before: tuple[dict, ...]) -> tuple[dict, ...]:
    known = {tuple(e.get(k) for k in EVENT_FIELDS): e for e in before}
    return tuple({**known.get(tuple(e[k] for k in EVENT_FIELDS), {}), **e} for e in events)
