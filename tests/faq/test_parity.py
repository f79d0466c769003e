"""Kana-only and half-width messages reach the answer their kanji form gets (issue 26, item 4).

``tests/data/parity``: 100 questions about facts in the sources, each written by a writer who never saw
the code in three forms as residents type them — with kanji, in hiragana only, and in half-width katakana
as older phones produce (each typed, not converted: particles dropped, small typos). Split by a hash: 38
tuning, 62 held out. A form reaches parity when the search answers it with the entry its kanji form is
answered with.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faq.model import Outcome
from faq.text.normalize import kana_typed_in_katakana

DATA = Path(__file__).resolve().parents[1] / "data" / "parity"


def _parity(service, split: str, form: str) -> tuple[int, int]:
    """(messages of ``form`` answered with the kanji form's answer, kanji forms answered)."""
    same = answered = 0
    for line in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        kanji, other = service.search(row["kanji"], 3), service.search(row[form], 3)
        if kanji.outcome is not Outcome.ANSWER:
            continue
        answered += 1
        same += other.outcome is Outcome.ANSWER and other.hits[0].entry.id == kanji.hits[0].entry.id
    return same, answered


@pytest.mark.integration
@pytest.mark.parametrize(("form", "at_least"), [("halfwidth", 45), ("kana", 44)])
def test_a_kana_or_half_width_message_gets_its_kanji_forms_answer(
    built_service, form: str, at_least: int
) -> None:
    """Held-out floors at the measured figures (2026-12-07): half-width 48 of the 57 questions whose kanji
    form is answered (26 of 58 before half-width katakana was read as the kana it stands for), hiragana 47.
    Was 49 and 48 of 58: 「輪島の相談会って予約いる？何時から？」 searched whole now gets もしかして, since
    the 予約 entry states no start time (coverage before an answer); the shares are unchanged.
    48 and 47 of 57 → 46 and 45 of 54 with key terms before an answer (faq/search/key_terms.py, measured
    2026-12-07): kanji forms that wrap the question in the resident's circumstances (説明がうまくできるか
    心配, 故郷の町のお祭り) now get もしかして, and kana forms whose confidence is lower than their kanji
    form's fall under its ceiling (いなかの はは ひとりぐらし しんぱい).
    46 and 45 of 54 → 45 and 44 of 53 with the key terms a question points at (branch nearmiss5,
    2026-12-07): one more kanji form gets もしかして, and its two other forms with it; the shares hold."""
    same, answered = _parity(built_service, "heldout", form)
    print(f"{form}: {same}/{answered} with the kanji form's answer")
    assert same >= at_least, (same, answered)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("ｷｸﾐﾐ ﾉ ﾃﾞﾝﾜﾊﾞﾝｺﾞｳ ｵｼｴﾃ", "きくみみ の でんわばんごう おしえて"),  # half-width: particles again
        ("キクミミノデンワバンゴウ", "きくみみのでんわばんごう"),  # katakana throughout
        ("協力隊サミットはいつ", "協力隊サミットはいつ"),  # a loanword beside hiragana stays
        ("サミット 日程", "サミット 日程"),  # a loanword with kanji and no particle stays
    ],
)
def test_a_message_typed_in_katakana_is_read_as_kana(typed: str, read: str) -> None:
    assert kana_typed_in_katakana(typed) == read
