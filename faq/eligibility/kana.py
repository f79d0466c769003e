"""A case typed in hiragana, its content words written as UniDic writes them: the reader's patterns are
written in kanji (置いたまま, 通って, 戻る, 工房を継ぐ, 毎日役場で).

Read-back (:mod:`faq.text.readings`) has already turned the corpus' nouns into kanji (きょうりょくたい →
協力隊); the verbs and short words of a resident's own case are not the corpus' words
(「とうきょうに じゅうみんひょうを おいたまま むらに かよって」). UniDic reads each word with its lemma:
a hiragana verb takes the lemma's kanji stem with the ending as typed (おい → 置い, かよっ → 通っ, もどる
→ 戻る); a hiragana common noun of four kana or more takes its lemma (まいにち → 毎日, こうぼう → 工房). Verbs
usually written in kana whatever the writer (する, いる, できる, なる…) stay as typed, since the reader's
patterns expect them so. UniDic guesses among homophones from the context; a wrong guess (むら → 斑) only
leaves a word unread, as it was.
"""

from __future__ import annotations

import re
from functools import lru_cache

from faq.text.analyzer import JapaneseAnalyzer
from faq.text.normalize import to_hiragana

# lemmas of verbs written in kana by most writers (and so in the reader's patterns)
_KANA_VERBS = frozenset(
    {"為る", "居る", "有る", "成る", "出来る", "来る", "見る", "貰う", "呉れる", "仕舞う", "遣る", "言う"}
    | {"御座る"}
)
_HIRAGANA = re.compile(r"^[ぁ-ゖー]+$")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_TRAILING_KANA = re.compile(r"[ぁ-ゖ]+$")
_ALL_KANJI = re.compile(r"^[\u4e00-\u9fff々]+$")
MIN_NOUN = 4  # kana: shorter nouns (むら: 村 or 斑; ひょう: 票 or 雹) are too ambiguous to write in kanji


@lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    return JapaneseAnalyzer().tagger


def _in_kanji(surface: str, feature) -> str:  # type: ignore[no-untyped-def]
    """The word's kanji spelling, or ``surface`` when UniDic gives none to trust."""
    lemma = str(feature.lemma or "")
    if not _HIRAGANA.match(surface) or not _KANJI.search(lemma):
        return surface
    if feature.pos1 == "名詞" and feature.pos2 == "普通名詞":
        return lemma if _ALL_KANJI.match(lemma) and len(surface) >= MIN_NOUN else surface
    if feature.pos1 != "動詞" or lemma in _KANA_VERBS:
        return surface
    okurigana = _TRAILING_KANA.search(lemma)
    stem = lemma[: okurigana.start()] if okurigana else lemma
    base_reading = to_hiragana(str(feature.lForm or ""))  # the lemma's reading (ノバス for のばせる)
    stem_reading = base_reading[: len(base_reading) - len(okurigana.group())] if okurigana else base_reading
    if not stem_reading or not _ALL_KANJI.match(stem) or not surface.startswith(stem_reading):
        return surface
    written = stem + surface[len(stem_reading) :]
    again = next(iter(_tagger()(written)), None)  # the kanji form read back as the same verb, or kept kana
    return written if again is not None and again.feature.lemma == lemma else surface


def kana_in_kanji(text: str) -> str:
    """``text`` (its numbers already in digits: :func:`faq.eligibility.numbers.with_digits`) with its
    hiragana verbs and common nouns written in UniDic's kanji (see the module)."""
    return "".join(word.white_space + _in_kanji(word.surface, word.feature) for word in _tagger()(text))
