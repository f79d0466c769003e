"""Messages that ask two things: the questions a message holds, and when the second-ranked entry is
given as a second answer.

:func:`question_parts` splits a message where Japanese joins questions: sentence ends, a connective at the
start of a clause (あと、それと、それから、ついでに、また), 「〜し、」, and 「と」 between two noun phrases
(「きくみみ石川の電話と輪島の相談会の日にち」) unless the message compares them (違い, どっち). The split is a
proposal: the caller answers the parts separately only when each one finds its own answer.

Two rules, either is enough, and both need two clauses and the same category:

- *nearly as close*: the second entry's fused score is at least :data:`SECOND_ANSWER_SHARE` of the top's.
  This share lives on the fused scale, so it moves whenever the dense weight is retuned (the cosines of
  one topic's entries are close to each other, so a heavier dense weight lifts every second entry): the
  0.5 → 0.1 retune took 「輪島の相談会って予約いる？なんじから？」 from about 0.53 to 0.449.
- *asks what only the second answers*: a clause asks a kind of fact (time, place, cost, duration) that
  the second entry's question covers and the top entry's question does not, and both entries' questions
  share a word of the message (the same subject, 輪島 in both). This recognises the second question
  itself, so it does not depend on the ranking weights at all.

>>> second_answer(result, analyzer)  # doctest: +SKIP
Hit(entry=FaqEntry(id='disaster-wajima-overview', ...), ...)
"""

from __future__ import annotations

import re
import unicodedata

from faq.model import Hit, Outcome, SearchResult
from faq.text.analyzer import JapaneseAnalyzer, shared_analyzer

# A second entry is answered too when the resident asked two things and it is nearly as close.
SECOND_ANSWER_SHARE = 0.45
_CLAUSE_END = re.compile(r"[？?。！!\n]+")

# Kinds of fact a clause can ask for; matched on NFKC text of the message and of an entry's question.
FACT_KINDS: dict[str, re.Pattern[str]] = {
    "time": re.compile(r"いつ|何時|なんじ|日時|何月"),
    "place": re.compile(r"どこ|場所|会場|住所"),
    "cost": re.compile(r"いくら|費用|料金|参加費|無料|タダ|お金(は|って)?かか"),
    "duration": re.compile(r"何日|何年|何か月|何ヶ月|期間"),
}


# Words that make 「AとB」 one question about both (the difference between them), not two questions.
_COMPARES = re.compile(r"違い|ちがい|違う|ちがう|比べ|くらべ|どっち|どちら|差")
# Connectives that start a further question: UniDic's 接続詞 (また, それから, それに) and the spoken ones it
# tags as other words (あと = 後, それと = 其れ+と, ついでに = 序で+に), as (lemma, next lemma or "").
_SPOKEN_CONNECTIVES = {("後", ""), ("其れ", "と"), ("序で", "に"), ("其れ", "から"), ("他", "に")}
_CLAUSE_OPENERS = {"、", ",", " ", "て", "し", "けど", "けれど", "が", "で", "と"}
# 「AとB、両方」「京都、滋賀それぞれ」: the resident says the list holds separate questions.
_EACH = re.compile(r"両方|りょうほう|それぞれ|どちらも|どっちも|各々|おのおの")
_NOUNS = {"名詞", "代名詞", "接尾辞"}


def _connective_length(clause: str, tokens: list, i: int) -> int:
    """How many tokens from ``i`` make a connective that opens a new question (0: none)."""
    token = tokens[i]
    before = tokens[i - 1] if i else None
    at_clause_start = (
        before is None
        or before.text in _CLAUSE_OPENERS
        or before.pos == "補助記号"
        or clause[before.start + len(before.text) : token.start] != ""  # a space between
    )
    if not at_clause_start:
        return 0
    if token.pos == "接続詞":
        return 1
    following = tokens[i + 1].lemma if i + 1 < len(tokens) else ""
    if (token.lemma, following) in _SPOKEN_CONNECTIVES and i + 2 <= len(tokens):
        return 2
    if (token.lemma, "") in _SPOKEN_CONNECTIVES and token.text in ("あと", "後") and i + 1 < len(tokens):
        return 1
    return 0


def question_parts(text: str, analyzer: JapaneseAnalyzer) -> list[str]:
    """The questions ``text`` may hold, as pieces of the text as typed, connectives left out. A bare noun
    listed with another (「ワーホリとミライカレッジって対象？」) gets the predicate they share.

    >>> question_parts("きくみみ石川の電話と、輪島の相談会の日にち教えて", analyzer)  # doctest: +SKIP
    ['きくみみ石川の電話', '輪島の相談会の日にち教えて']
    """
    parts: list[str] = []
    for clause in clauses(text):
        tokens = analyzer.tokenize_original(clause)
        folded = unicodedata.normalize("NFKC", clause)
        each = bool(_EACH.search(folded))
        compares = bool(_COMPARES.search(folded)) and not each
        cuts: list[tuple[int, int, int | None]] = []  # (end of a part, start of the next, its shared tail)
        begin = 0  # the first token of the current part
        i = 0
        while i < len(tokens):
            token = tokens[i]
            length = _connective_length(clause, tokens, i)
            if length:
                cuts.append((token.start, tokens[min(i + length, len(tokens) - 1)].start, None))
                i += length
                begin = i
                continue
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            if after is not None and _ends_a_clause(
                tokens, begin, i
            ):  # 〜し leaves its し, 〜て keeps its て
                end = token.start if token.text == "し" else token.start + len(token.text)
                cuts.append((end, after.start + len(after.text), None))
                begin = i + 2
            elif after is not None and i > 0 and _lists_another(clause, tokens, i, each, compares):
                bare = all(t.pos in _NOUNS or t.pos == "補助記号" for t in tokens[begin:i])
                tail = _tail(tokens, i + 1) if bare else None
                cuts.append((token.start, token.start + len(token.text), tail))
                begin = i + 1
            i += 1
        start = 0
        for end, next_start, tail in cuts:
            parts.append(clause[start:end] + (clause[tail:] if tail is not None else ""))
            start = next_start
        parts.append(clause[start:])
    return [_trimmed(p) for p in parts if _CONTENT.search(p)]


def _ends_a_clause(tokens: list, begin: int, i: int) -> bool:
    """Whether token ``i`` ends a question that a comma joins to the next: 「〜し、」, or 「〜て、」 after a
    question word of its own (「システムは誰がつくってて、FAQは誰が書いてて、どうやって…」);
    「家が半壊して、」 asks nothing and stays with what follows."""
    token = tokens[i]
    if i + 1 >= len(tokens) or tokens[i + 1].text != "、" or token.pos != "助詞":
        return False
    if token.text == "し":
        return True
    return token.text == "て" and any(_asks_who_what(tokens, j) for j in range(begin, i))


def _asks_who_what(tokens: list, j: int) -> bool:
    """A question word (誰, 何, どこ, いつ) that asks, not 「誰も」「何も」 (nobody, nothing)."""
    following = tokens[j + 1].text if j + 1 < len(tokens) else ""
    return tokens[j].pos == "代名詞" and tokens[j].lemma in _ASKING_PRONOUNS and following != "も"


_ASKING_PRONOUNS = {"誰", "何", "何処", "何時", "何方"}


def _lists_another(clause: str, tokens: list, i: int, each: bool, compares: bool) -> bool:
    """Whether token ``i`` joins two questions: と between two noun phrases (unless they are compared), と
    after a question made a noun (〜のと、), or a comma between nouns when the message asks for each. A
    space after と is a comma, as residents who type kana between spaces use it
    (「…なれるのかと なんかげつから」)."""
    token, before, after = tokens[i], tokens[i - 1], tokens[i + 1]
    spaced = (
        clause[token.start + len(token.text) : after.start].strip() == "" and after.start > token.start + 1
    )
    if token.text == "と" and token.pos == "助詞" and not compares:
        return (before.pos in _NOUNS and (after.pos in _NOUNS or after.text == "、")) or (
            before.text in ("の", "か") and (after.text == "、" or spaced)
        )
    return (
        each
        and token.text in ("、", ",")
        and before.pos in _NOUNS
        and after.pos in _NOUNS
        and not _EACH.search(after.text)
    )


def _tail(tokens: list, first: int) -> int | None:
    """Where the predicate shared by a listed noun starts: after the rest of the list, the noun runs joined
    by と or a comma (「Bの電話番号教えて」 → 「の電話番号教えて」;
    「応急修理と支援金、ぜんぶどこで申し込むの」 → 「どこで申し込むの」), at its question word at the
    latest; None when the list ends the clause."""
    i = first
    while (
        i < len(tokens)
        and tokens[i].pos != "代名詞"
        and (tokens[i].pos in _NOUNS or tokens[i].text in ("、", ",") or _joins_nouns(tokens, i))
    ):
        i += 1
    return tokens[i].start if i < len(tokens) else None


def _joins_nouns(tokens: list, i: int) -> bool:
    """Whether token ``i`` is a と between two nouns of a list."""
    return (
        tokens[i].text == "と"
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].pos in _NOUNS
        and tokens[i + 1].pos in _NOUNS
    )


def _trimmed(part: str) -> str:
    """A part without the commas, spaces and joining と left at its ends."""
    part = part.strip(" 、,　")
    return part[:-1].rstrip(" 、,　") if part.endswith("と") and len(part) > 2 else part


_QUESTION_WORDS = re.compile(
    r"何|なに|なん|いつ|どこ|どう|どの|どれ|どんな|だれ|誰|いくら|幾ら|なぜ|何故|どちら|どっち"
    r"|教えて|おしえて|知りたい|しりたい|ください|下さい|ほしい|欲しい|できる|出来る|ある|いる|もらえる"
    # not knowing, said to a help desk, asks (「両方わからんちゃ」)
    r"|わから|分から|わかりません|分かりません"
)

# a want or an ellipsis that asks: 「申込みもしたい」「あと罹災証明も」「住所は」
_ASKS_AT_END = re.compile(r"(?:たい|も|は|か|かな|の)$")
# a want to be told, said politely, asks as the plain form does (「…のか知りたいです」「教えてほしいです」)
_POLITE_REQUEST = re.compile(r"(?:たい|ほしい|欲しい)(?:ん|の)?です$")
_ENDS_IN_A_NOUN = re.compile(r"[\u4e00-\u9fff々\u30a0-\u30ffA-Za-z0-9]$")


def is_question(part: str) -> bool:
    """Whether a part of a message asks something, so that an unanswered one is said to be unanswered: a
    question word or a request (「いつ」「教えて」), or a bare noun phrase, which in a chat is a request
    (「三重の住所」「楽園信州ファミリーの会員数」); 「協力隊に興味があります」 only tells."""
    folded = unicodedata.normalize("NFKC", part).strip()
    if folded.endswith(("ます", "です", "した", "ました", "だ", "た")) and not _POLITE_REQUEST.search(folded):
        return False
    if any(p.search(folded) for p in (_QUESTION_WORDS, _ENDS_IN_A_NOUN, _ASKS_AT_END)):
        return True
    # a noun written in kana ends a request as a kanji one does (「きくみみ兵庫のでんわ」「廃車の手続き」)
    tokens = shared_analyzer().tokenize_original(folded)
    return bool(tokens) and tokens[-1].pos in _NOUNS


_QUESTION_MARK_NEXT = re.compile(r"と?[ 　]*[？?]")


def asked(part: str, text: str) -> bool:
    """Whether ``part`` of ``text`` asks: its words do (:func:`is_question`), or the resident ended it with
    a question mark, which the split takes away (「写真とか持ってったほうがいいがけ？」: dialect ends a
    question where no rule of words can follow)."""
    if is_question(part):
        return True
    at = text.find(part)
    # the と the split trimmed may be 九州's question ending (「女の人もおると？」)
    return at >= 0 and bool(_QUESTION_MARK_NEXT.match(text, at + len(part)))


_CONTENT = re.compile(r"[\w\u3041-\u30ff\u4e00-\u9fff]{2,}")


def clauses(text: str) -> list[str]:
    """The parts of ``text`` ended by ？ 。 ！ or a line break."""
    return [c for c in _CLAUSE_END.split(text) if c.strip()]


def asked_several_things(text: str) -> bool:
    return len(clauses(text)) >= 2


def fact_kinds(text: str) -> set[str]:
    """Which kinds of fact ``text`` asks for or answers (「なんじから」 → {"time"})."""
    normalized = unicodedata.normalize("NFKC", text)
    return {kind for kind, pattern in FACT_KINDS.items() if pattern.search(normalized)}


def _asks_what_only_second_answers(query: str, top: Hit, second: Hit, analyzer: JapaneseAnalyzer) -> bool:
    asked = set().union(*(fact_kinds(c) for c in clauses(query)))
    if not (asked - fact_kinds(top.entry.question)) & fact_kinds(second.entry.question):
        return False
    message_words = set(analyzer.analyze(query).words)
    shared = set(analyzer.analyze(top.entry.question).words) & set(
        analyzer.analyze(second.entry.question).words
    )
    return bool(message_words & shared)


def second_answer(result: SearchResult, analyzer: JapaneseAnalyzer) -> Hit | None:
    """The hit to give as a second answer to ``result``'s query, or None (one answer)."""
    if result.outcome is not Outcome.ANSWER or len(result.hits) < 2 or not asked_several_things(result.query):
        return None
    top, second = result.hits[0], result.hits[1]
    if second.entry.category != top.entry.category:
        return None
    if second.score >= SECOND_ANSWER_SHARE * top.score:
        return second
    return second if _asks_what_only_second_answers(result.query, top, second, analyzer) else None
