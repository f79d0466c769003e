"""Names in a message: UniDic's 人名 tags, what the dictionary knows a word as when it is said as a name, and
the cues residents give with a name (part of the detectors of :mod:`faq.residents.personal_data`).

Three readings of a word are used, never a list of names (read in :mod:`faq.residents.personal_name_reading`):

- *in context*: the tagger's analysis of the message (鈴木 → 人名・姓; グエン, 王偉 → 人名 with neither 姓
  nor 名, taken where the words say it is a name; a katakana name goes on after 「・」);
- *as a name*: the analysis of the word alone followed by 「さん」, and for hiragana also of its katakana
  form (すずき → 姓, たろう → タロウ → 名, 寺井 → 姓 where the message tagged it a place): what the dictionary
  knows the word as, when the words around say it is a name. UniDic knows names in katakana better than in
  hiragana, and reads a kanji variant (髙橋, 﨑) only in its common form, so variants are folded first;
- *once said, everywhere*: a word taken as a name once (森 in 「自分は森と言います」) is a name wherever else
  it stands in the same message, and so is its romaji with the long vowel spelt another way (SATO, SATOH).

What decides:

- a family name followed by a given name (one space or a reading in brackets between: 鈴木（すずき）一郎);
- either alone where the words around say it is a name: 氏名：, 名前は, 私は…, 代理人：, 息子の…, …と申します,
  …といいます, …言うもんやけど, …さん, …と読みます, …の母です, a reading given in brackets (健太（けんた）),
  「〇〇町の寺井です。」;
- a word in kana that the resident set apart (a space before it; a space or a cue after it) is read whole
  or as a family and a given name (やまだたろうです → やまだ + たろう), however the tagger cut it;
- a family name or a name in kana alone at the end of the message, after a break (「…お願いします。山本」,
  「m(_ _)m のぶこ」);
- katakana given names with a family word (母のトメが, ヨシエばあちゃん, 祖母 中島トメ; never a loanword:
  越前屋ビル is a building) and romaji (Hepburn pairs, any words in lower case after 名前は / my name is,
  words of Japanese or Chinese syllables before desu: WANG Lei desu);
- a given name the dictionary does not know between a family name and an honorific (すずき とめ さん), a
  naming said without its と (森田いいます); an honorific is never itself a name (ちゃん, read チャン);
- an account holder's name is found with the account (:mod:`faq.residents.personal_accounts`);
- a name beside a contact number, alone on its line (「080-1234-5678 タナカ」「山本 090-…」), unless the
  dictionary reads the word as a place said as one (輪島, 金沢 stay).

Decided and left (documented in the README): a name in hiragana with no cue at all, in the middle of a
sentence (「きのう すずき が きた」) — the dictionary reads すずき as the fish as readily, and a resident's
hiragana sentence is full of words that are also names (もり, はな, ひがし); taking every one would cost the
words the answer needs. A word the dictionary does not know as a name (てらい) is not taken from the words
around alone; one it knows only as a family name (蒼) is taken as a given name only after a family name said
with a given name in the same message (林 大輔 … 林 蒼).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from faq.residents import personal_name_cues as cues
from faq.residents.personal_kinds import NAME, Span
from faq.residents.personal_name_frames import framed_names
from faq.residents.personal_name_reading import (
    get_tagger,
    loanword,
    message_tokens,
    name_kind,
    ordinary_word,
    place_word,
)
from faq.residents.personal_romaji import romaji_names


def _contact_names(text: str, tokens: list[tuple[int, int, str]]) -> list[Span]:
    """Names beside a contact number: a word the message's analysis reads as a name, unless the
    dictionary also reads it as a place said as one (輪島, 金沢 stay: the answer routes by them)."""
    named = {(start, end) for start, end, kind in tokens if kind in ("姓", "名", "人")}
    spans = []
    for pattern in (cues.CONTACT_AFTER_NUMBER, cues.CONTACT_BEFORE_NUMBER):
        for match in pattern.finditer(text):
            if match.span("name") in named and not place_word(match.group("name")):
                spans.append(Span(match.start("name"), match.end("name"), NAME))
    return spans


def names(text: str) -> Iterator[Span]:
    """The spans of names in ``text`` (see the module's docstring for what decides)."""
    folded = text.translate(cues.VARIANTS)  # the same length: spans read on it are spans of the text
    tokens = message_tokens(folded)
    # first: a name the frame gives whole (わたしは ささがわ ちづる です) is taken before a part of it
    spans: list[Span] = list(framed_names(folded, ordinary_word))
    said: set[str] = set()  # words taken as a name: a name wherever else it stands
    families: set[str] = set()  # family names said with a given name
    for start, end, words, family in _runs(folded, tokens):
        spans.append(Span(start, end, NAME))
        said.update(words)
        if family:
            families.add(family)
    if families:  # 林 大輔、林 恵、林 蒼: the family said, a word the dictionary knows as a name after it
        first_pass = {span.start for span in spans}
        for start, end, _words, _family in _runs(folded, tokens, families):
            if start not in first_pass:
                spans.append(Span(start, end, NAME))
    if said:
        for k, (start, end, _kind) in enumerate(tokens):  # 「森本じゃなくて森です」: a name set against one
            contrast = cues.CONTRAST.match(folded, end)
            if contrast and _kinds(folded, tokens, k)[1]:
                nxt = next((t for t in tokens[k + 1 : k + 8] if t[0] >= contrast.end()), None)
                if nxt and folded[nxt[0] : nxt[1]] in said:
                    said.add(folded[start:end])
        for start, end, _kind in tokens:
            if folded[start:end] in said and not cues.PLACE_SUFFIX.match(folded, end):
                if cues.CENTRE_BEFORE.search(folded, max(0, start - 8), start):
                    continue  # 秋田恵子です。きくみみ秋田に…: a centre's published name stays
                spans.append(Span(start, end, NAME))  # 輪島 健太 … 輪島市に住んでいます: the town stays
    for match in cues.KANA_SIGNATURE.finditer(folded):
        before = folded[: match.start()].rstrip()
        if before[-1:] in cues.CLOSING and name_kind(match.group("name")):
            spans.append(Span(match.start("name"), match.end("name"), NAME))
    spans += _contact_names(folded, tokens)
    spans += romaji_names(text)
    for match in cues.FOREIGN_NAME.finditer(text):  # ラジュ・シャルマ; not ソーシャル・ワーカー (words)
        parts = re.split(r"[・=]\s?", match.group("name"))  # each part read before the next (fugashi reuses)
        if not all([n.feature.pos2 for n in get_tagger()(part)] == ["普通名詞"] for part in parts):
            spans.append(Span(match.start("name"), match.end("name"), NAME))
    for match in cues.AGED_NAME.finditer(folded):
        word = match.group("name")  # a kanji word the dictionary knows only as things (小学 + 生) is none
        known = [n.is_unk or n.feature.pos2 == "固有名詞" for n in get_tagger()(word)]
        if cues.KANA_ONLY.fullmatch(word) or any(known):
            spans.append(Span(match.start("name"), match.end("name"), NAME))
    for match in cues.KATAKANA_NAME.finditer(text):
        group = "after_relation" if match.group("after_relation") else "before_family"
        spans.append(Span(match.start(group), match.end(group), NAME))
    yield from spans


def _runs(
    text: str, tokens: list[tuple[int, int, str]], families: set[str] | None = None
) -> Iterator[tuple[int, int, list[str], str]]:
    """(start, end, the words, the family name if one begins it) of each run of name words that the
    words around or the run itself say is a name. With ``families`` (the second pass), only runs that
    begin with one of those family names and go on with a word the dictionary knows as a name (林 蒼)."""
    i = 0
    while i < len(tokens):
        kinds = _kinds(text, tokens, i)
        if not kinds[1]:
            i += 1
            continue
        run = [(tokens[i][0], tokens[i][1], *kinds)]  # (start, end, kind in context, kind as a name)
        last = i
        while True:
            reading = cues.READING.match(text, run[-1][1])
            after = reading.end() if reading else run[-1][1]
            k = last + 1
            while k < len(tokens) and tokens[k][0] < after:
                k += 1
            if k >= len(tokens) or text[after : tokens[k][0]].strip() or tokens[k][1] == tokens[k][0]:
                break
            nxt = _kinds(text, tokens, k)
            if not nxt[1]:
                break
            run.append((tokens[k][0], tokens[k][1], *nxt))
            last = k
        end = run[-1][1]
        reading = cues.READING.match(text, end)
        if reading:
            end = reading.end()
        yield from _decided(text, run[0][0], end, run, reading is not None, families)
        i = last + 1


def _kinds(text: str, tokens: list[tuple[int, int, str]], k: int) -> tuple[str, str]:
    """(kind in context: 姓, 名, 地 or "", kind in context or as a name) of token ``k``."""
    start, end, kind = tokens[k]
    if text[start:end] in cues.HONORIFICS:
        return "", ""
    if kind in ("姓", "名", "人"):
        return kind, kind
    return kind, name_kind(text[start:end]) if end > start else ""  # kind: 地 (a place here) or ""


def _decided(
    text: str,
    start: int,
    end: int,
    run: list[tuple[int, int, str, str]],
    read: bool,
    families: set[str] | None,
) -> Iterator[tuple[int, int, list[str], str]]:
    words = [text[a:b] for a, b, _, _ in run]
    in_context = any(kind in ("姓", "名", "人") for _, _, kind, _ in run)
    placed = any(kind == "地" for _, _, kind, _ in run)  # the message reads it as a place (輪島に住む)
    first, last = run[0][3], run[-1][3]
    family = words[0] if first == "姓" else ""
    if families is not None:
        if len(run) > 1 and family in families:
            yield start, end, words, family
        return
    before = text[max(0, start - 8) : start]
    after = text[end : end + 8]
    cue_before = bool(cues.NAME_BEFORE.search(before)) or bool(cues.RELATION_BEFORE.search(before))
    # すずき たろう: a space or a reading between each word
    apart = all(b[0] > a[1] for a, b in zip(run, run[1:], strict=False))
    standing_apart = (cue_before or cues.BOUNDARY_BEFORE.search(before) is not None) and (
        cues.NAME_AFTER.match(after) is not None or cues.BOUNDARY_AFTER.match(after) is not None
    )
    # A family name in context before any name word; or, where only the dictionary reads them as names
    # (すずき たろう), a family and a given name written apart and standing apart from the words around.
    written_apart = last == "名" and apart and standing_apart
    full = len(run) > 1 and first == "姓" and (run[0][2] == "姓" or written_apart)
    # 名義：スズキ トメ — the dictionary reads スズキ as a fish here, a family name after a cue
    # 祖母 中島トメ: a family word before says so as plainly as 名義 does, even where the message reads 中島
    # as a place
    cued = cues.APART_CUE.search(before) is not None or cues.RELATION_BEFORE.search(before) is not None
    if len(run) == 1 and (run[0][2] == "姓" or (first == "姓" and cued)):
        given = cues.KATAKANA_GIVEN.match(text, end)
        if given and cues.KANA_ONLY.fullmatch(words[0]) and not given.group()[0].isspace():
            given = None  # サトウキビ: katakana run on from a katakana family name is one word
        if given and loanword(given.group().strip()):
            given = None  # 越前屋ビル, 山田ホテル: a loanword after a family name names a building
        if given:  # 井上トメ: older women's given names in katakana are not in the dictionary
            end, full = given.end(), True
    if len(run) == 1 and first == "姓":  # すずき とめ さん
        honoured = cues.GIVEN_HONOURED.match(text, end)
        if honoured and all(t.feature.pos1 == "名詞" for t in get_tagger()(honoured.group("given"))):
            end, full = honoured.end("given"), True
    if in_context and cues.KANA_ONLY.fullmatch(words[-1]):
        parts = cues.FOREIGN_PARTS.match(text, end)
        if parts:  # グエン・ヴァン・ナム: a name in katakana goes on after 「・」
            end = parts.end()
            after = text[end : end + 8]
    # Where only the dictionary reads the word as a name, the cue before must stand apart from it
    # (私は森, 息子の健太; not 私一人) and the words around must say so plainly.
    apart_cue = cue_before and (
        before[-1:] in "は:：、「 \u3000" or cues.RELATION_BEFORE.search(before) is not None
    )
    intro = cues.INTRO_END.match(after) is not None and (
        cues.PLACE_OF.search(text[max(0, start - 16) : start]) is not None
        or (first == "姓" and cues.SENTENCE_START.search(text[max(0, start - 2) : start]) is not None)
    )
    of_relation = (
        cues.OF_RELATION.match(after) is not None and cues.BOUNDARY_BEFORE.search(before) is not None
    )
    # 「鹿児島です」「石川です」 alone: a resident saying where they are as readily as who; a word the
    # dictionary reads as a place said as one keeps it when です is the only cue (the answer routes by it).
    only_desu = cues.DESU_ONLY.match(after) is not None and not cue_before and not read
    place_alone = (
        only_desu
        and len(run) == 1
        and place_word(words[0])
        and not cues.PLACE_OF.search(text[max(0, start - 16) : start])
    )
    if place_alone:
        intro = False
    if in_context:
        said_as_name = not place_alone and (
            read or cue_before or of_relation or bool(cues.NAME_AFTER.match(after))
        )
    else:
        named_after = cues.NAME_AFTER.match(after) is not None
        said_as_name = intro or (
            not placed
            and (
                (apart_cue and (read or named_after or cues.MESSAGE_END.match(after) is not None))
                or (
                    cues.RELATION_APART.search(before) is not None
                    and cues.BOUNDARY_AFTER.match(after) is not None
                )
                or (
                    cues.STRONG_AFTER.match(after) is not None
                    and cues.BOUNDARY_BEFORE.search(before) is not None
                )
                or of_relation
            )
        )
        # 坂下 っちゅうもんや: a naming verb names a person even where the message reads the word as a place
        said_as_name = said_as_name or (
            first != ""
            and cues.NAMED.match(after) is not None
            and cues.BOUNDARY_BEFORE.search(before) is not None
        )
    signed = (
        first == "姓"
        and len(run) == 1
        and not placed  # 「…（岡山）」: a place the message reads as one signs nothing
        and cues.KANJI_ONLY.fullmatch(text[start:end]) is not None
        and cues.SIGNATURE_BEFORE.search(text[max(0, start - 3) : start]) is not None
        and cues.SIGNATURE_AFTER.fullmatch(text[end:]) is not None
    )
    if re.fullmatch(r"[ァ-ヺー]+", words[-1]) and text[end : end + 1] == "子":
        end += 1  # 佐々木 ミツ子: a katakana given name and its kanji 子
    if full or said_as_name or signed:
        yield start, end, words, family
