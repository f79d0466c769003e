"""Second answers to messages that ask two things (faq/search/compound.py), on the shipped index."""

from __future__ import annotations

import pytest

from faq.search.compound import asked, fact_kinds, question_parts, second_answer

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("text", "kinds"),
    [("なんじから？", {"time"}), ("いつ、どこで開かれますか？", {"time", "place"}), ("予約いる？", set())],
)
def test_kinds_of_fact_a_clause_asks(text: str, kinds: set[str]) -> None:
    assert fact_kinds(text) == kinds


def test_a_second_question_only_the_second_entry_answers_gets_it(built_service) -> None:
    # The fused share is 0.449 since the dense weight went 0.5 -> 0.1; the time is asked all the same.
    result = built_service.search("輪島の相談会って予約いる？なんじから？", 3)
    second = second_answer(result, built_service.index.analyzer)
    assert result.hits[0].entry.id == "disaster-wajima-reservation"
    assert second is not None and second.entry.id == "disaster-wajima-overview"


def test_a_place_question_about_another_subject_gets_no_second_answer(built_service) -> None:
    # 「どこで」 matches the vehicle entry's 「どこでしますか」, but the resident asked about a pension paper.
    result = built_service.search("年金証書なくしちゃった。再発光どこでできる？", 3)
    assert second_answer(result, built_service.index.analyzer) is None


def test_one_question_gets_one_answer(built_service) -> None:
    result = built_service.search("輪島の相談会って予約いる", 3)
    assert second_answer(result, built_service.index.analyzer) is None


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # a connective opens the next question (after a comma, a space, a sentence end)
        ("きくみみ石川の電話は、あと輪島の相談会いつ", ["きくみみ石川の電話は", "輪島の相談会いつ"]),
        ("会社クビになった。それと家も浸水した", ["会社クビになった", "家も浸水した"]),
        ("年金証書なくした　あと罹災証明も", ["年金証書なくした", "罹災証明も"]),
        ("協力隊の任期は何年？ついでに給料も", ["協力隊の任期は何年", "給料も"]),
        # 〜し、 and と between two noun phrases (the place stays with its own clause)
        ("罹災証明書どこでもらえるし、応急修理も", ["罹災証明書どこでもらえる", "応急修理も"]),
        ("きくみみ石川の電話と輪島の相談会の日にち", ["きくみみ石川の電話", "輪島の相談会の日にち"]),
        ("ｷｸﾐﾐ石川の電話と、輪島の相談会", ["ｷｸﾐﾐ石川の電話", "輪島の相談会"]),
        # a listed noun gets the predicate it shares; a comma list when each is asked for; 〜のと、
        ("AとBの電話番号教えて", ["Aの電話番号教えて", "Bの電話番号教えて"]),
        ("きくみみ京都、きくみみ滋賀、両方の住所", ["きくみみ京都の住所", "きくみみ滋賀、両方の住所"]),
        ("仙台のきくみみって何区にあるのと、福島の電話", ["仙台のきくみみって何区にあるの", "福島の電話"]),
        # a list of three shares the predicate after its last noun, its question word kept
        (
            "罹災証明書と応急修理と支援金、ぜんぶどこで申し込むの",
            ["罹災証明書どこで申し込むの", "応急修理どこで申し込むの", "支援金、ぜんぶどこで申し込むの"],
        ),
        # 〜て、 after a question word of its own; a space after 〜のかと is a comma
        (
            "協力隊の給料は誰が払ってて、何年つとめられるの",
            ["協力隊の給料は誰が払ってて", "何年つとめられるの"],
        ),
        (
            "きぎょうにんって だれが なれるのかと なんねん いけるのか",
            ["きぎょうにんって だれが なれるのか", "なんねん いけるのか"],
        ),
        # 〜て、 that tells (no question word of its own, or 「何も」) stays with what follows
        (
            "家が半壊して、何もかも流されて、どうしたらいい",
            ["家が半壊して、何もかも流されて、どうしたらいい"],
        ),
        # one question: a comparison of the two, 「その後」, a と that is not between nouns
        ("罹災証明と被災証明ってなにがちがうの", ["罹災証明と被災証明ってなにがちがうの"]),
        ("その後どうなる", ["その後どうなる"]),
        ("申請すると何日かかる", ["申請すると何日かかる"]),
    ],
)
def test_a_message_is_split_where_japanese_joins_questions(analyzer, text: str, parts: list[str]) -> None:
    assert question_parts(text, analyzer) == parts


@pytest.mark.parametrize(
    ("part", "text", "asks"),
    [
        # a noun in kana ends a request as a kanji one does; not knowing, said to a help desk, asks
        ("きくみみ兵庫のでんわ", "きくみみ兵庫のでんわと 気仙沼のワーホリの参下人数", True),
        ("廃車の手続き", "台風で車が潰れたっちゃけど、廃車の手続きと、自動車税ってどうなる", True),
        ("損害保険の手続き、両方わからんちゃ", "生命保険と損害保険の手続き、両方わからんちゃ", True),
        # a dialect ending no rule of words knows, ended with a question mark
        ("写真とか持ってったほうがいいがけ", "相談会いつ？あと写真とか持ってったほうがいいがけ？", True),
        # a want to be told, said politely (「…知りたいです」「教えてほしいです」), asks
        ("報酬がいくらか教えてほしいです", "任期は何年かと、報酬がいくらか教えてほしいです", True),
        ("研修があるのか知りたいです", "任期って何年？あと研修があるのか知りたいです", True),
        # telling, not asking
        ("早く家に帰りたいです", "早く家に帰りたいです。仮設住宅はいつ？", False),
        ("隣の人と話しても埒があかん", "隣の人と話しても埒があかん。どうしたらいい？", False),
        ("家が床下浸水しました", "家が床下浸水しました。罹災証明書は？", False),
    ],
)
def test_a_part_asks_by_its_words_or_its_question_mark(part: str, text: str, asks: bool) -> None:
    assert asked(part, text) is asks
