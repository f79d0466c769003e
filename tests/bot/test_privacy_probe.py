"""A personal-data probe over a real server: every format residents type, then every store and the log."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
import urllib.error
import urllib.request
import uuid

import pytest

from tests.server import Server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# Values a resident may type, in the layouts a probe of the old redaction found stored raw.
PROBE = [
    "090ー1234ー5678",
    "０９０－２２３４－５６７８",
    "080−3234−5678",
    "070‐4234‐5678",
    "090―5234―5678",
    "090〜6234〜5678",
    "090.7234.5678",
    "090 8234 5678",
    "09092345678",
    "(03)5234-9876",
    "03(6234)9876",
    "+81 90 1334 5678",
    "+81-80-1434-5678",
    "+81(0)70-1534-5678",
    "＋８１ ９０ １６３４ ５６７８",
    "0120-345-678",
    "0570-456-789",
    "050-1734-5678",
    "2345-6789-0123",
    "345 678 901 234",
    "４５６７８９０１２３４５",
    "hanako.yamada@example.co.jp",
    "taro＠example",
    "jiro@localhost",
    "〒812-0013",
    "〒８１２ー００１４",
    "博多駅東3ー12ー7",
    "中央五丁目七番九号",
    "字中原1234番地の5",
]


def _stored_text(server: Server) -> str:
    stored: list[str] = []
    for path in (server.tracker_db, server.database):
        with sqlite3.connect(path) as db:
            for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'"):
                stored += [str(value) for row in db.execute(f'SELECT * FROM "{table}"') for value in row]
    return "\n".join(stored)


def _forms(value: str) -> set[str]:
    """How a value could appear once stored: as typed, normalised, and JSON-escaped (Rasa's events)."""
    forms = {value, unicodedata.normalize("NFKC", value)}
    return forms | {json.dumps(form)[1:-1] for form in forms}


def _post(server: Server, path: str, body: dict) -> int:
    request = urllib.request.Request(
        server.base + path, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_no_probe_value_reaches_a_store_or_the_log(server: Server) -> None:
    sender = "probe-" + uuid.uuid4().hex
    for value in PROBE:
        server.say(sender, f"助けてください、連絡先は{value}です")
        server.say(sender, f"/ask_faq 電話は{value}")
    server.say(sender, '/inform{"contact_method": "電話 090-9999-8888"}')
    assert (
        _post(
            server,
            "/api/feedback",
            {
                "sender": sender,
                "faq_id": "center-what-is",
                "helpful": False,
                "question": "連絡先 " + " ".join(PROBE[:10]),
            },
        )
        == 201
    )
    dump, log = _stored_text(server), server.log.read_text(encoding="utf-8", errors="replace")
    leaked = [v for v in [*PROBE, "090-9999-8888"] for form in _forms(v) if form in dump or form in log]
    assert leaked == []
    assert "[電話番号]" in dump or json.dumps("[電話番号]")[1:-1] in dump  # the turns were stored, redacted
    assert sender not in dump and sender not in log  # the sender id is kept only as a one-way key
