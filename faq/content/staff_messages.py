"""The words staff read: validation problems in Japanese, naming the item (項目) as the form or file does,
and the one label of each status and outcome the console shows.

:func:`faq.content.corpus.parse_entry` is the one validator of an entry and reports in English for developers
(``faq load``); the console and imports show its reasons through :func:`reason_in_japanese` and the item
through :func:`field_label`. A reason that matches no pattern is shown as it is, never dropped.

Each enum the console shows has its one mapping here, value → label (``*_LABELS`` below); the console's
modules and templates take the label from it and never spell one themselves (tests/console/test_labels.py).

>>> reason_in_japanese("is empty")
'空欄です。'
>>> field_label("last_checked", column=True)
'最終確認日（last_checked 列）'
"""

from __future__ import annotations

import ast
import re

from faq.model import Outcome, VersionStatus

# parse_entry's field names (nested YAML keys) → the label on the console's form.
LABELS = {
    "id": "ID",
    "category": "分野",
    "question": "質問",
    "alternates": "言い換え",
    "answer": "回答",
    "audience": "対象",
    "status": "状態",
    "source": "出典の資料名",
    "source_document": "出典の資料名",
    "source_section": "出典の章・節",
    "source.ref": "出典の行・条文・URL",
    "source_ref": "出典の行・条文・URL",
    "last_checked": "最終確認日",
    "reason": "理由",
    "owner": "担当組織",
    "file": "ファイル",
    "format": "形式",
    "-": "全体",
}
# -- One label per value of each enum the console shows (the keys are the stored values) ------------------
# A version of an entry or of a local supplement (faq.model.VersionStatus), in the workflow's order.
VERSION_STATUS_LABELS: dict[str, str] = {
    VersionStatus.DRAFT: "下書き",
    VersionStatus.REVIEW: "レビュー待ち",
    VersionStatus.PUBLISHED: "公開中",
    VersionStatus.RETIRED: "公開終了",
}
# What the search decided (faq.model.Outcome).
SEARCH_OUTCOME_LABELS: dict[str, str] = {
    Outcome.ANSWER: "答えた",
    Outcome.CLARIFY: "候補を提示",
    Outcome.NO_ANSWER: "回答なし",
}
# A resident's vote on an answer (faq.residents.feedback), in the words of the widget's two buttons.
VOTE_LABELS: dict[str, str] = {"helpful": "役に立った", "not_helpful": "役に立たなかった"}
# A counted turn (faq.residents.question_counts.OUTCOMES): the search's decision, the 119 / 110 / crisis-line
# reply, or a flow's result.
TURN_OUTCOME_LABELS: dict[str, str] = {**SEARCH_OUTCOME_LABELS, "safety": "緊急の案内", "flow": "案内の流れ"}
# Why a question waits in the learning loop (faq.residents.learning): the search offered choices or had no
# answer, or the resident voted the answer down.
ITEM_OUTCOME_LABELS: dict[str, str] = {
    Outcome.NO_ANSWER: SEARCH_OUTCOME_LABELS[Outcome.NO_ANSWER],
    Outcome.CLARIFY: SEARCH_OUTCOME_LABELS[Outcome.CLARIFY],
    "not_helpful": VOTE_LABELS["not_helpful"],
}
# A 相談メモ in the staff's handling (faq.residents.handoff.MemoStatus).
MEMO_STATUS_LABELS: dict[str, str] = {"new": "未対応", "contacted": "連絡済み", "closed": "対応完了"}

# parse_entry's nested names → the CSV column staff look for.
COLUMN_OF = {"source": "source_document", "source.ref": "source_ref"}
DATE_EXAMPLE = "2026-11-22 か 2026/11/22 の形で書いてください"

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^is empty$"), "空欄です。"),
    (re.compile(r"^is missing$"), f"書かれていません（{DATE_EXAMPLE}）。"),
    (
        re.compile(r"^an entry must be a mapping$"),
        "エントリの形になっていません（項目名と値の組で書いてください）。",
    ),
    (
        re.compile(r"^(?P<value>.*) is not a lowercase slug \(a-z, 0-9, -\)$"),
        "「{value}」はIDに使えません（半角の英小文字・数字・ハイフンで3文字以上）。",
    ),
    (
        re.compile(r"^(?P<value>.*) is not a date \(YYYY-MM-DD\)$"),
        "「{value}」は日付として読めません（" + DATE_EXAMPLE + "）。",
    ),
    (
        re.compile(r"^(?P<value>.*) is not one of (?P<choices>.*)$"),
        "「{value}」は選べません（{choices} から選んでください）。",
    ),
    (re.compile(r"^needs at least (?P<count>\d+) phrasings$"), "言い換えを{count}つ以上書いてください。"),
    (re.compile(r"^needs at least a document$"), "出典の資料名を書いてください。"),
    (re.compile(r"^needs a line reference, law article or URL$"), "出典の行・条文・URLを書いてください。"),
    (
        re.compile(r"^(?P<value>.*) is reserved by the console's addresses$"),
        "「{value}」はIDに使えません（予約語）。",
    ),
    (
        re.compile(r"^(?P<value>.*) is not an organisation \(.*\)$"),
        "「{value}」は組織として読めません（national、centre:番号、municipality:団体コード のいずれか）。",
    ),
    (
        re.compile(r"^(?P<value>.*) has a wrong check digit \(expected (?P<full>\d+)\)$"),
        "団体コード「{value}」の検査数字が違います（正しくは {full}）。",
    ),
    (
        re.compile(r"^a 団体コード has 5 or 6 digits, got (?P<value>.*)$"),
        "団体コード「{value}」は5桁か6桁の数字で書いてください。",
    ),
    (
        re.compile(r"^no 市区町村 has the 団体コード (?P<code>\d+)$"),
        "団体コード {code} の市区町村はありません。",
    ),
    (re.compile(r"^a reason is required for every change$"), "変更の理由を書いてください。"),
    (re.compile(r"^(?P<value>\S+): nothing changed since v(?P<n>\d+)$"), "v{n} から何も変わっていません。"),
]


def _shown(value: str) -> str:
    """A value parse_entry quoted with repr(), as typed (None → 空欄)."""
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value
    return "空欄" if parsed is None else str(parsed)


def reason_in_japanese(reason: str) -> str:
    """The validator's reason in Japanese; unknown reasons are kept as they are."""
    for pattern, template in _PATTERNS:
        found = pattern.match(reason)
        if found:
            parts = {k: _shown(v) if k == "value" else v for k, v in found.groupdict().items()}
            if parts.get("value") == "" and "日付" in template:
                return f"空欄です（{DATE_EXAMPLE}）。"
            if "choices" in parts:
                parts["choices"] = "、".join(c.strip() for c in parts["choices"].split(","))
            return template.format(**parts)
    return reason


def field_label(field: str, column: bool = False) -> str:
    """The item's Japanese label; with ``column``, also the CSV/YAML name to look for in the file."""
    label = LABELS.get(field, field)
    if not column or field in ("-", ""):
        return label
    return f"{label}（{COLUMN_OF.get(field, field)} 列）"
