"""Reading a short or elliptical message with the conversation (framework-free).

A resident who has just been answered types 「じゃあ福岡は？」, 「電話番号は？」, 「それってどこでもらえるの」
or 「お金のことも」. On its own such a message names no topic; read with what the conversation is about —
the last entry answered, the last place and the topic (a きくみみ card, the disaster support list, an
entry's category) — it does. A new complete question is taken as new.

Usage::

    context = ConversationContext(faq_id="kyoryokutai-term-length", question="協力隊の任期は？")
    reading = read_message("それって延長できる？", context)
    reading.kind, reading.query          # ('follow_up', '協力隊の任期は？ 延長できる')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from faq.content.disaster_needs import names_only_needs, needs_from_text
from faq.model import Hit, Outcome, SearchResult
from faq.places.directory import Kikumimi, KikumimiDirectory
from faq.text import normalize
from faq.text.analyzer import shared_analyzer

KIKUMIMI = "kikumimi"
DISASTER = "disaster"

# Words that open a follow-up: 「じゃあ…」「それって…」「あと…」 (after normalisation).
_OPENERS = re.compile(
    r"^(じゃあ|じゃ|ほんなら|ほな|そんなら|それなら|それでは|では|なら|で、|あと|あとは|それと|それから|"
    r"ちなみに|ところで|ほかに|他に|それって|それは|それ|これって|これは|これ|そこって|そこは|そこ|"
    r"その|この|あれって|あれは)[、,\s]*"
)
# A fragment's tail: 「…は？」「…のことも」「…についても知りたい」.
_TAIL = re.compile(
    r"(のこと|について|に関して|の場合|だと|だったら)?(も|は|って|とか)?(知りたい|教えて(ください|ほしい)?|聞きたい|どう|どうなる|"
    r"どうなの|どうなん|どうですか|ですか|なの|なん)?(です)?[？?。！!\s]*$"
)
# Lemmas that ask about a side of the current topic rather than name a new one.
FACET_LEMMAS = frozenset(
    {
        "電話", "番号", "住所", "場所", "何処", "何時", "幾ら", "何", "誰", "延長", "期限", "期間", "必要",
        "書類", "費用", "料金", "条件", "対象", "申請", "方法", "時間", "受付", "窓口", "連絡", "先", "手続",
        "手続き", "其れ", "此れ", "彼れ", "其処", "相談", "問い合わせ", "問い合わせる", "貰える", "貰う",
        "もらう", "もらえる", "出来る", "延ばす", "伸ばす", "変える", "使う", "受ける", "取る", "持つ",
        "要る", "掛かる", "やる", "いつ", "どこ", "どう", "なに", "だれ", "いくら", "ほか", "他", "後",
        "詳しい", "詳細", "もっと", "又", "まだ", "本当", "可能", "大丈夫", "駄目", "一緒", "同じ",
        "実績", "事例", "例", "人数", "効果", "掛ける",
    }
)  # fmt: skip
# A message this short with no opener is a fragment (「延長は？」); a longer one may be a new question.
FRAGMENT_CHARS = 10
# How deep in each ranking an entry must appear to count as found by both searches.
FUSE_DEPTH = 3
# Above this the subject plus the message is taken to ask again about the entry just given.
SAME_ENTRY_CONFIDENCE = 0.9


@dataclass(frozen=True)
class ConversationContext:
    """What the conversation is about, as kept in the tracker's slots."""

    faq_id: str | None = None  # the last entry given as an answer
    question: str = ""  # that entry's question (its topic words)
    answer: str = ""  # that entry's answer (the places it names: 滋賀県大津市, 北大東村)
    place: str | None = None  # the last prefecture named or served (a card, the disaster flow)
    topic: str | None = None  # KIKUMIMI, DISASTER, or the last entry's category
    need: str | None = None  # the disaster need last listed
    subject: str = ""  # what was asked, in the resident's words (subject_of); outlives a もしかして

    @property
    def empty(self) -> bool:
        return not (self.faq_id or self.place or self.topic)


@dataclass(frozen=True)
class Reading:
    """How to take a message: ``new``, ``follow_up`` (search ``query``), ``place`` (the context's topic
    for another place), ``facet`` (the same card or list again, e.g. its phone) or ``disaster_need``."""

    kind: str
    query: str
    place: str | None = None
    needs: tuple[str, ...] = ()
    alternative: str | None = None  # the message alone, searched too and fused (fuse_follow_up)
    subject: str = ""  # what the conversation is about after this message (kept for the next one)
    # A message read as new in a conversation: the follow-up reading to try when alone it finds no answer.
    in_context: Reading | None = None


def strip_opener(text: str) -> tuple[str, bool]:
    """The message without its 「じゃあ」「それって」, and whether it had one."""
    norm = normalize(text, variants=False).strip()
    rest = _OPENERS.sub("", norm, count=1)
    return rest, rest != norm


def core_of(text: str) -> str:
    """What a fragment names: 「お金のことも知りたい」 → 「お金」, 「福岡は？」 → 「福岡」."""
    rest, _ = strip_opener(text)
    return _TAIL.sub("", rest).strip()


def topic_words(text: str) -> list[str]:
    """Content lemmas that name a topic (not a facet such as 電話番号, どこ, 延長)."""
    return [w for w in shared_analyzer().analyze(text).words if w not in FACET_LEMMAS and len(w) > 1]


SUBJECT_POS = frozenset({"名詞", "接頭辞", "接尾辞", "形状詞"})
SUBJECT_SKIP = FACET_LEMMAS - {"相談", "窓口"}
QUESTION_LEMMAS = frozenset(
    {"何", "何処", "何時", "幾ら", "誰", "いつ", "どこ", "どう", "なに", "だれ", "いくら"}
)


def subject_of(question: str, keep_facets: bool = False) -> str:
    """What an entry's question is about, without what it asks: 「地域おこし協力隊の任期（活動期間）は
    どのくらいですか？」 → 「地域 協力 隊 任期 活動」. A follow-up adds its own facet to this."""
    kept: list[str] = []
    skip = QUESTION_LEMMAS if keep_facets else SUBJECT_SKIP
    for token in shared_analyzer().tokenize(question):
        if token.pos in SUBJECT_POS and token.lemma not in skip and token.text not in skip:
            if token.text not in kept:
                kept.append(token.text)
    return " ".join(kept)


_PLACE_SUFFIXES = frozenset({"県", "府", "都", "道", "市", "区", "町", "村", "地方", "あたり", "辺り", "方"})


def centre_place(centre: Kikumimi) -> str:
    """The words that find ``centre`` again: its prefecture, or for one of 北海道's four centres the
    prefecture and its area (北海道函館), so that 「じゃあ函館は？」 and then 「何時まで？」 stay with
    きくみみ函館 and do not fall back to きくみみ北海道."""
    return f"{centre.prefecture}{centre.hokkaido_area}" if centre.hokkaido_area else centre.prefecture


def _places_named_in(core: str, text: str, directory: KikumimiDirectory) -> bool:
    """Whether a place word of ``core`` (as typed: 滋賀, 北大東) is in ``text`` (the last entry)."""
    return any(
        directory.for_text(token.text) is not None and token.text in text
        for token in shared_analyzer().tokenize(core)
        if len(token.text) > 1
    )


def _only_place(core: str, directory: KikumimiDirectory) -> str | None:
    """The place (:func:`centre_place`) when ``core`` is nothing but a place (「福岡」「北海道の釧路」)."""
    centre = directory.for_text(core)
    if centre is None or len(core) > 12:
        return None
    for token in shared_analyzer().tokenize(core):
        named = token.text in _PLACE_SUFFIXES or directory.for_text(token.text) is not None
        if token.content and token.lemma not in FACET_LEMMAS and not named:
            return None
    return centre_place(centre)


TOPIC_MARKERS = frozenset({"って", "とは", "は"})


def names_own_subject(text: str, spoken: str = "") -> bool:
    """「きくみみって何ですか」: a topic, its particle and a question about it — taken as new. Not 「住民票
    は？」 (nothing asked), 「それって延長できる？」 (no topic) nor a topic the entry last answered speaks of
    (``spoken``): 「上限はいくら？」 after an entry stating its 上限 asks about that entry."""
    stripped = text.rstrip("？?。！! ")
    for token in shared_analyzer().tokenize(stripped):
        if token.pos == "助詞" and token.text in TOPIC_MARKERS:
            head, ask = stripped[: token.start], stripped[token.start + len(token.text) :]
            own = [word for word in topic_words(head) if word not in spoken]
            return bool(own) and len(ask.strip()) >= 2
    return False


# Verbs that say nothing of their own about what is done (「ある？」「どうなる？」「できる？」).
LIGHT_VERBS = frozenset({"有る", "ある", "居る", "いる", "成る", "なる", "為る", "する", "出来る", "できる"})


def _does_anything(text: str) -> bool:
    """Whether ``text`` names a doing (のばせる, 持っていく, もらえる): that doing may be another entry's
    topic (延長), which the message searched alone finds."""
    verbs = (t for t in shared_analyzer().tokenize(text) if t.pos == "動詞")
    return any(t.lemma not in LIGHT_VERBS and t.text not in LIGHT_VERBS for t in verbs)


def read_message(
    text: str, context: ConversationContext, directory: KikumimiDirectory | None = None
) -> Reading:
    """Decide whether ``text`` continues the conversation and what to look up for it.

    >>> read_message("じゃあ福岡は？", ConversationContext(place="大阪府", topic=KIKUMIMI)).kind
    'place'
    """
    if context.empty or not text.strip() or text.startswith("/"):
        return Reading("new", text, subject=subject_of(text) if not text.startswith("/") else "")
    directory = directory or KikumimiDirectory.default()
    rest, opened = strip_opener(text)
    core = core_of(text)
    place = _only_place(core, directory) if core else None
    # 「滋賀のほうの電話番号は」 after the 初任者研修 (one venue in 滋賀県大津市) asks about the entry there.
    about_the_entry = place is not None and _places_named_in(
        core, f"{context.question}{context.answer}", directory
    )
    if place is not None and (opened or len(core) <= FRAGMENT_CHARS) and not about_the_entry:
        return Reading("place", text, place=place)
    if context.topic == DISASTER and core and names_only_needs(core):
        return Reading("disaster_need", text, place=context.place, needs=needs_from_text(core))
    topics = topic_words(rest)
    if context.topic == KIKUMIMI and not topics:
        return Reading("facet", text, place=context.place)
    if not context.question and not (context.subject and context.topic not in (KIKUMIMI, DISASTER)):
        return Reading("new", text, subject=subject_of(text))
    subject = context.subject or subject_of(context.question)
    joined = " ".join(dict.fromkeys(f"{subject} {subject_of(rest, keep_facets=True)}".split()))
    follow_up = Reading("follow_up", f"{subject} {rest}", alternative=rest, subject=joined)
    if names_own_subject(rest, f"{context.question}{context.answer}"):
        return Reading("new", text, subject=subject_of(text), in_context=follow_up)
    if not topics and not _does_anything(rest):
        # Nothing of its own, not even a doing (「その前の年は？」「何時まで？」): searched alone it finds
        # whatever entry shares its question word (another budget); only the subject's entries answer it.
        return replace(follow_up, alternative=None)
    if opened or not topics or (len(core) <= FRAGMENT_CHARS and len(rest) <= FRAGMENT_CHARS + 4):
        # The facet asked joins the subject: 任期 → 「延長できる？」 → 「誰でも？」 is about the 延長.
        return follow_up
    return Reading("new", text, subject=subject_of(text), in_context=follow_up)


# What a short follow-up asks of the entry or card just given, besides a question word: its contact.
CONTACT_LEMMAS = frozenset({"電話", "番号", "住所", "場所", "時間", "受付", "ページ"})


def asks_the_conversation(text: str, context: ConversationContext) -> bool:
    """Whether ``text`` asks something of what the conversation is about: read as a follow-up (not new)
    and asking — a question word (いつから, 何人くらい) or a contact (でんわ ばんごう おしえて). Such a
    message belongs to the conversation whatever intent it resembles on its own (いつから is no menu
    request, 何人くらいおるんじゃろ no request for a person)."""
    if read_message(text, context).kind == "new":
        return False
    lemmas = set(shared_analyzer().analyze(text).words) | {t.lemma for t in shared_analyzer().tokenize(text)}
    return bool(lemmas & (QUESTION_LEMMAS | CONTACT_LEMMAS))


def answers_in_context(result: SearchResult, context: ConversationContext) -> bool:
    """Whether a message taken as new, searched again with the conversation's subject, is answered by
    that search: confidently, by an entry of the conversation's category (「活動費は一人なんぼ」 after a
    協力隊 特交 entry). Another category's entry found only with the subject's help was not asked for."""
    if result.outcome is not Outcome.ANSWER or not result.hits:
        return False
    return result.hits[0].entry.category == context.topic


def choose_follow_up(combined: SearchResult, alone: SearchResult, previous: str | None) -> SearchResult:
    """The answer to a follow-up from two searches: the message with the conversation's subject
    (``combined``) and the message alone.

    - the subject and the message point back, near certainly, to the entry just given: its answer covers
      what is asked (災害専用ダイヤル + 「電話代かかる？」) → that entry again;
    - otherwise one ranking of both (任期 + 「延長できる？」 → the 延長 entry; 罹災証明書 + 「どこで
      もらえるの」 → the 罹災証明書 entry).
    """
    if (
        combined.hits
        and combined.hits[0].entry.id == previous
        and combined.confidence >= SAME_ENTRY_CONFIDENCE
    ):
        return combined
    return fuse_follow_up(combined, alone)


def fuse_follow_up(combined: SearchResult, alone: SearchResult) -> SearchResult:
    """One ranking for a follow-up from two searches: the message with the conversation's subject, and
    the message alone. An entry near the top of both (the subject's entry about the facet asked: 任期 +
    延長 → the 延長 entry) beats one that only matches the subject again. It is answered when both
    searches found it, or when the search with the subject was confident on its own."""
    scores: dict[str, float] = {}
    hits: dict[str, Hit] = {}
    for result in (combined, alone):
        for hit in result.hits:
            scores[hit.entry.id] = scores.get(hit.entry.id, 0.0) + hit.score
            hits.setdefault(hit.entry.id, hit)
    if not scores:
        return combined
    ranked = sorted(scores, key=lambda i: -scores[i])
    fused = tuple(replace(hits[i], score=scores[i]) for i in ranked)
    top = ranked[0]
    in_both = all(any(h.entry.id == top for h in r.hits[:FUSE_DEPTH]) for r in (combined, alone))
    confident = any(r.outcome is Outcome.ANSWER and r.hits[0].entry.id == top for r in (combined, alone))
    # What either search found the entry does not say (「何時まで？」 of a centre without hours) stays unsaid.
    uncovered = next((r.uncovered for r in (alone, combined) if r.hits and r.hits[0].entry.id == top), ())
    if uncovered:
        return replace(combined, hits=fused, outcome=Outcome.CLARIFY, uncovered=uncovered)
    if in_both or confident:
        outcome = Outcome.ANSWER
        confidence = max(combined.confidence, alone.confidence)
    else:
        outcome = combined.outcome if combined.outcome is not Outcome.ANSWER else Outcome.CLARIFY
        confidence = combined.confidence
    return replace(combined, hits=fused, outcome=outcome, confidence=confidence)
