"""CSV and YAML import/export of FAQ entries: what staff files look like, and every way one can be wrong."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date

import pytest
import yaml

from faq.content.corpus import load_corpus
from faq.content.transfer import (
    CSV_COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    Problem,
    export_csv,
    export_yaml,
    parse_csv,
    parse_yaml,
)
from faq.model import FaqEntry, Source

pytestmark = pytest.mark.unit

GOOD_ROW = {
    "id": "test-moving-allowance",
    "category": "移住・関係人口",
    "question": "移住支援金はいくらもらえますか？",
    "alternates": "移住支援金 金額\nいじゅう しえんきん いくら",
    "answer": "金額は自治体によって異なります。移住先の自治体にお問い合わせください。",
    "audience": "住民",
    "source_document": "テスト資料",
    "source_section": "移住支援",
    "source_ref": "test:L1",
    "last_checked": "2026-11-22",
    "status": "published",
}


def entry(entry_id: str = "test-entry", **changes) -> FaqEntry:
    base = FaqEntry(
        id=entry_id,
        category="行政相談",
        question="行政相談はどこでできますか？",
        answer="お近くの行政相談センターでご相談いただけます。",
        source=Source("テスト資料", "行政相談", "test:L2"),
        last_checked=date(2026, 11, 22),
        alternates=("行政相談 窓口", "ぎょうせいそうだん どこ"),
        audience=("住民",),
    )
    return replace(base, **changes)


def csv_file(*rows: dict[str, str], columns=CSV_COLUMNS, encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def row(**changes: str) -> dict[str, str]:
    return {**GOOD_ROW, **changes}


def cells_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# -- round trips -----------------------------------------------------------------------------------------
def test_the_real_corpus_round_trips_through_csv(corpus) -> None:
    data = export_csv(corpus)
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8 Japanese"
    entries, problems = parse_csv(data)
    assert problems == []
    assert entries == corpus


def test_the_real_corpus_round_trips_through_yaml_and_load_corpus(corpus, tmp_path) -> None:
    data = export_yaml(corpus)
    entries, problems = parse_yaml(data)
    assert problems == [] and entries == corpus
    (tmp_path / "exported.yml").write_bytes(data)
    assert load_corpus(tmp_path) == corpus


def test_the_yaml_export_uses_the_entry_file_layout() -> None:
    exported = yaml.safe_load(export_yaml([entry(answer="一行目\n二行目")]))
    assert list(exported[0]) == [
        "id",
        "category",
        "audience",
        "question",
        "alternates",
        "answer",
        "source",
        "last_checked",
        "status",
    ]
    assert exported[0]["last_checked"] == date(2026, 11, 22)
    text = export_yaml([entry(answer="一行目\n二行目")]).decode("utf-8")
    assert "行政相談はどこでできますか？" in text, "Japanese must stay readable, not \\u escapes"
    assert "answer: |" in text


def test_an_entry_waiting_for_review_is_exported_as_a_draft(tmp_path) -> None:
    in_review = entry(status="review")
    assert cells_of(export_csv([in_review]))[1][-1] == "draft"
    (tmp_path / "x.yml").write_bytes(export_yaml([in_review]))
    assert load_corpus(tmp_path)[0].status == "draft"


def test_a_pipe_inside_a_phrasing_survives_the_round_trip() -> None:
    original = entry(alternates=("A|B 両方", "もう一つ"))
    entries, problems = parse_csv(export_csv([original]))
    assert problems == [] and entries == [original]


# -- spreadsheet formula injection -----------------------------------------------------------------------
def test_exported_cells_cannot_start_a_formula_and_still_round_trip() -> None:
    hostile = entry(
        "test-hostile",
        question='=HYPERLINK("http://evil")',
        alternates=("@SUM(1)", "+1 なぜ", "-2 どうして"),
        answer="-1+1 の答えは？",
        source=Source("=cmd|' /C calc'!A0", "@section", "+ref"),
    )
    quoted = entry("test-quoted", question="'=既に引用符つき", alternates=("''@二重", "普通の言い方"))
    data = export_csv([hostile, quoted])
    header, first, second = cells_of(data)
    for cell in first + second:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    by_column = dict(zip(header, first, strict=True))
    assert by_column["question"] == '\'=HYPERLINK("http://evil")'
    assert by_column["alternates"].startswith("'@SUM(1)\n")
    assert by_column["answer"] == "'-1+1 の答えは？"
    assert by_column["source_document"] == "'=cmd|' /C calc'!A0"
    assert dict(zip(header, second, strict=True))["question"] == "''=既に引用符つき"
    entries, problems = parse_csv(data)
    assert problems == []
    assert entries == [hostile, quoted], "the import removes exactly the apostrophe the export added"


def test_tab_and_carriage_return_starts_are_guarded_too() -> None:
    data = export_csv([entry(source=Source("資料", "\t見出し", "\rref"))])
    by_column = dict(zip(*cells_of(data), strict=True))
    assert by_column["source_section"] == "'\t見出し"
    assert by_column["source_ref"] == "'\rref"


def test_an_apostrophe_typed_in_a_spreadsheet_only_means_text() -> None:
    entries, problems = parse_csv(csv_file(row(question="'@SUM(1) とは？", answer="'普通の文")))
    assert problems == []
    assert entries[0].question == "@SUM(1) とは？"
    assert entries[0].answer == "'普通の文", "an apostrophe before ordinary text is kept"


# -- encodings and size ----------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_utf8_with_or_without_bom_and_shift_jis_are_read(encoding: str) -> None:
    entries, problems = parse_csv(csv_file(row(), encoding=encoding))
    assert problems == []
    assert entries[0].question == "移住支援金はいくらもらえますか？"
    assert entries[0].alternates == ("移住支援金 金額", "いじゅう しえんきん いくら")


def test_a_yaml_file_saved_as_shift_jis_is_read() -> None:
    data = export_yaml([entry()]).decode("utf-8").encode("cp932")
    entries, problems = parse_yaml(data)
    assert problems == [] and entries == [entry()]


def test_a_file_in_neither_encoding_is_refused_with_a_clear_problem() -> None:
    _, problems = parse_csv(csv_file(row()) + b"\x81\x20")
    assert problems == [
        Problem(
            0, "-", "文字コードを読み取れません（Excel では「CSV UTF-8（コンマ区切り）」で保存してください）"
        )
    ]


def test_a_utf16_or_binary_file_is_refused() -> None:
    entries, problems = parse_csv(csv_file(row(), encoding="utf-16"))
    assert entries == [] and len(problems) == 1
    assert problems[0].row == 0 and "テキストファイルではありません" in problems[0].reason


def test_files_over_5_mb_are_a_problem_not_an_exception() -> None:
    for parse in (parse_csv, parse_yaml):
        entries, problems = parse(b" " * (MAX_BYTES + 1))
        assert entries == [] and len(problems) == 1 and "5 MB" in problems[0].reason


def test_5000_rows_are_accepted_and_one_more_is_a_problem() -> None:
    rows = [row(id=f"test-bulk-{n:05d}") for n in range(MAX_ROWS + 1)]
    entries, problems = parse_csv(csv_file(*rows[:MAX_ROWS]))
    assert problems == [] and len(entries) == MAX_ROWS
    entries, problems = parse_csv(csv_file(*rows))
    assert entries == [] and problems == [Problem(0, "-", "5,000行を超えています")]
    yaml_rows = export_yaml([entry(f"test-bulk-{n:05d}") for n in range(MAX_ROWS + 1)])
    assert parse_yaml(yaml_rows).problems == [Problem(0, "-", "5,000件を超えています")]


def test_an_empty_file_is_a_problem() -> None:
    assert parse_csv(b"").problems == [Problem(0, "-", "ファイルが空です")]
    assert parse_csv(csv_file()).problems == [Problem(0, "-", "エントリが1件もありません")]
    assert parse_yaml(b"").problems == [Problem(0, "-", "エントリが1件もありません")]


# -- CSV structure ---------------------------------------------------------------------------------------
def test_unknown_and_missing_columns_are_problems_on_row_1() -> None:
    columns = [c if c != "answer" else "anwser" for c in CSV_COLUMNS]
    entries, problems = parse_csv(csv_file(row(anwser="回答"), columns=columns))
    assert entries == []
    assert [(p.row, p.field) for p in problems] == [(1, "anwser"), (1, "answer")]
    assert "知らない列" in problems[0].reason and "必須の列" in problems[1].reason


def test_a_repeated_column_is_a_problem() -> None:
    data = csv_file(row(), columns=CSV_COLUMNS).replace(b"status", b"answer", 1)
    assert parse_csv(data).problems == [Problem(1, "answer", "同じ名前の列が複数あります")]


def test_optional_columns_may_be_left_out_and_columns_may_come_in_any_order() -> None:
    columns = ["question", "id", "category", "alternates", "answer", "source_document", "source_ref"]
    entries, problems = parse_csv(
        csv_file(row(last_checked="2026-11-22"), columns=[*columns, "last_checked"])
    )
    assert problems == []
    assert entries[0].audience == () and entries[0].source.section == ""


def test_a_value_outside_the_header_is_a_problem() -> None:
    data = csv_file(row()) + ("extra" + "," * len(CSV_COLUMNS) + "迷子の値\r\n").encode()
    problems = parse_csv(data).problems
    assert Problem(3, "-", "見出しのない列に値があります") in problems


def test_multi_valued_cells_split_on_line_breaks_or_pipes() -> None:
    rows = [
        row(id="test-lines", alternates="一つ目\r\n二つ目\n三つ目", audience="住民\n被災者"),
        row(id="test-pipes", alternates="一つ目 | 二つ目|三つ目", audience="住民|自治体職員"),
    ]
    lines, pipes = parse_csv(csv_file(*rows)).entries
    assert lines.alternates == pipes.alternates == ("一つ目", "二つ目", "三つ目")
    assert lines.audience == ("住民", "被災者") and pipes.audience == ("住民", "自治体職員")


def test_dates_as_excel_saves_them_are_accepted() -> None:
    entries, problems = parse_csv(csv_file(row(last_checked="2026/1/5")))
    assert problems == [] and entries[0].last_checked == date(2026, 1, 5)


def test_blank_rows_are_skipped_but_still_counted() -> None:
    bad_row = csv_file(row(id="BAD ID")).split(b"\r\n", 1)[1]  # without its header
    data = csv_file(row(id="test-first")) + b",,,,,,,,,,\r\n\r\n" + bad_row
    entries, problems = parse_csv(data)
    assert entries == [] and [(p.row, p.field) for p in problems] == [(5, "id")]


def test_rows_are_counted_as_records_so_multi_line_cells_do_not_shift_them() -> None:
    rows = [row(id="test-one", answer="一行目\n二行目\n三行目"), row(id="test-two", category="未知の分野")]
    problems = parse_csv(csv_file(*rows)).problems
    assert [(p.row, p.field) for p in problems] == [(3, "category")]


# -- every kind of entry problem -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "field", "reason_part"),
    [
        ({"id": "Not A Slug"}, "id", "「Not A Slug」はIDに使えません"),
        ({"category": "未知の分野"}, "category", "「未知の分野」は選べません"),
        ({"question": ""}, "question", "空欄です"),
        ({"answer": "  "}, "answer", "空欄です"),
        ({"alternates": "ひとつだけ"}, "alternates", "言い換えを2つ以上"),
        ({"audience": "住民\n宇宙人"}, "audience", "「宇宙人」は選べません"),
        ({"source_document": ""}, "source_document", "出典の資料名を書いてください"),
        ({"source_ref": ""}, "source_ref", "出典の行・条文・URLを書いてください"),
        ({"last_checked": "令和8年1月"}, "last_checked", "「令和8年1月」は日付として読めません"),
        ({"last_checked": "2026-13-01"}, "last_checked", "「2026-13-01」は日付として読めません"),
        ({"last_checked": ""}, "last_checked", "空欄です"),
        ({"status": "review"}, "status", "「review」は選べません"),
    ],
)
def test_each_field_problem_names_its_row_and_column(changes, field, reason_part) -> None:
    entries, problems = parse_csv(csv_file(row(id="test-good"), row(**changes)))
    assert entries == [], "one bad row means nothing is imported"
    assert len(problems) == 1
    assert (problems[0].row, problems[0].field) == (3, field)
    assert reason_part in problems[0].reason
    # Japanese for staff: no English sentence left (column names and quoted values aside).
    english = re.findall(
        r"[A-Za-z]{3,}(?: [A-Za-z]{2,})+", problems[0].reason.replace(changes.get("id", ""), "")
    )
    assert english == [], problems[0].reason


def test_one_row_can_have_several_problems() -> None:
    problems = parse_csv(csv_file(row(question="", category="?"))).problems
    assert {(p.row, p.field) for p in problems} == {(2, "question"), (2, "category")}


def test_a_duplicate_id_is_a_problem_on_the_later_row() -> None:
    rows = [row(id="test-a"), row(id="test-b"), row(id="test-a")]
    entries, problems = parse_csv(csv_file(*rows))
    assert entries == []
    assert problems == [Problem(4, "id", "test-a は 2行目と重複しています")]


# -- YAML structure --------------------------------------------------------------------------------------
def test_yaml_problems_are_numbered_by_entry() -> None:
    good = yaml.safe_load(export_yaml([entry("test-one")]))[0]
    bad = {**good, "id": "test-two", "alternates": ["ひとつだけ"]}
    data = yaml.safe_dump([good, bad, "not a mapping", good], allow_unicode=True).encode()
    assert parse_yaml(data).problems == [
        Problem(2, "alternates", "言い換えを2つ以上書いてください。"),
        Problem(3, "-", "エントリの形になっていません（項目名と値の組で書いてください）。"),
        Problem(4, "id", "test-one は 1件目と重複しています"),
    ]


def test_yaml_that_is_not_a_list_or_not_yaml_is_a_problem() -> None:
    assert parse_yaml(b"id: test-one\n").problems[0].reason.startswith("エントリのリスト")
    (problem,) = parse_yaml(b"- id: test-one\n  question: [unclosed\n").problems
    assert problem.row == 0 and problem.reason.startswith("YAML として読めません（3行目")


def test_yaml_aliases_are_read_but_an_alias_bomb_is_refused() -> None:
    shared = yaml.safe_load(export_yaml([entry("test-one")]))[0]
    other = {**shared, "id": "test-two"}  # shares source, audience and alternates: safe_dump aliases them
    data = yaml.safe_dump([shared, other], allow_unicode=True).encode()
    assert b"*id" in data
    assert [e.id for e in parse_yaml(data).entries] == ["test-one", "test-two"]
    levels = ["- &l0 [" + ", ".join(["xxxxxxxxxx"] * 10) + "]"]
    levels += [f"- &l{n} [" + ", ".join([f"*l{n - 1}"] * 10) + "]" for n in range(1, 9)]
    bomb = "\n".join(levels).encode()  # 10**9 strings once expanded, 1 KB on disk
    assert len(bomb) < 1000
    assert parse_yaml(bomb).problems == [Problem(0, "-", "エイリアス（*名前）を展開すると大きすぎます")]
    assert parse_yaml(b"- &loop [*loop]\n").problems[0].reason.startswith("エイリアス")
