"""Read kana-typed words back into the corpus' spelling (キョウリョクタイ → 協力隊, いじゅう → 移住).

Residents on feature phones, or typing half-width kana, write kanji words in katakana: ｷｮｳﾘｮｸﾀｲ,
ギョウセイソウダンイイン. UniDic does not know such runs (they are not loanwords), so they match nothing
but reading bigrams. The corpus knows every kanji word it uses together with its reading; a katakana run
that splits completely into those readings is rewritten as the words themselves (ｼﾆｱｷｷﾞｮｳｼﾞﾝ →
シニア起業人, the corpus' kana words included).

Only whole runs of three or more katakana without a long-vowel mark are rewritten, only when every part
is a corpus word, and never when UniDic reads the run as loanwords or foreign names (タイムライン,
ブラジル): loanwords such as サポートデスク carry ー or do not split into kanji readings, and two-kana
runs (タイ, カイ) are too ambiguous to guess.

Hiragana is how residents write when they do not know, or cannot type, the kanji (いじゅう そうだん まどぐち).
Inside a hiragana run the corpus words are found among the particles around them; a short word counts
only where UniDic also reads a noun, so いいんですか (良い + ん + です + か) keeps its meaning. The 表記ゆれ
table (``synonyms.yml``) has already turned the commonest ones (きょうりょくたい) into kanji by then.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from faq.text.analyzer import KANA_ONLY, JapaneseAnalyzer, Token
from faq.text.normalize import normalize, to_hiragana, to_katakana

MIN_RUN = 3  # katakana characters
MIN_READING = 2
MIN_HIRAGANA_WORD = 3  # kana; and one shorter than SURE_READING must be a noun to UniDic as well
SURE_READING = 4
MAX_COMPOUND = 3  # adjacent words kept as one lexicon piece
_HOMOPHONE_SPAN = 5  # tokens looked at together when rewriting mis-converted kanji
# A whole katakana block without ー: サポートデスク is never cut into サポ + トデスク.
_KATAKANA_RUN = re.compile(rf"(?<![ァ-ヶー])[ァ-ヶ]{{{MIN_RUN},}}(?![ァ-ヶー])")
_HIRAGANA_RUN = re.compile(rf"[ぁ-ゖー]{{{MIN_HIRAGANA_WORD},}}")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_WORD_SURFACE = re.compile(r"^[\u3041-\u309f\u30a0-\u30ff\u4e00-\u9fff々ー]+$")  # no digits or latin
_READING = re.compile(r"^[ァ-ヶー]+$")
_WORD_POS = frozenset({"名詞", "接尾辞", "接頭辞", "形状詞"})
_FOREIGN_GLOSS = re.compile(r"-[A-Za-z]")  # UniDic lemmas of loanwords: タイム-time, ブラジル-Brazil


# Suffixes unidic-lite reads one way where residents say another too (外国人: ガイコクニン in UniDic).
_ALSO_READ = {"人": ("ジン",), "所": ("ジョ",), "者": ("シャ",)}
_KATAKANA_ONLY = re.compile(r"^[\u30a0-\u30ffー]+$")


def _preferred(spellings: Counter[str]) -> str:
    return max(spellings, key=lambda s: (bool(_KANJI.search(s)), spellings[s]))


def _token_spans(text: str, words: list) -> list[tuple[int, int]]:
    spans = []
    cursor = 0
    for word in words:
        start = text.find(word.surface, cursor)
        start = cursor if start < 0 else start
        cursor = start + len(word.surface)
        spans.append((start, cursor))
    return spans


def _is_one_kanji_word(word) -> bool:
    return len(word.surface) == 1 and word.feature.pos1 in _WORD_POS and bool(_KANJI.search(word.surface))


def _looks_misconverted(words: list) -> bool:
    """Two one-kanji words side by side (想 + 談, 政 + 活), what a wrong input-method conversion leaves
    behind — and no proper noun among the words: names are spelled as their owners like (山形 is not 山県,
    the Hokkaido town 小平 is not 招へい), so a misspelt name (広嶋) is left as typed too."""
    if any(w.feature.pos2 == "固有名詞" for w in words):
        return False
    single = [_is_one_kanji_word(w) for w in words]
    return any(a and b for a, b in itertools.pairwise(single))


class ReadingLexicon:
    """The corpus' kanji words by katakana reading.

    >>> lexicon = ReadingLexicon({"リサイ": "罹災", "ショウメイ": "証明", "ショ": "書"})
    >>> lexicon.restore("リサイショウメイショはどこ")
    '罹災証明書はどこ'
    >>> lexicon.restore("サポートデスク")
    'サポートデスク'
    >>> ReadingLexicon({"タイ": "隊", "ムラ": "村", "イン": "員"}).restore("タイムライン")
    'タイムライン'
    """

    def __init__(self, words: dict[str, str], analyzer: JapaneseAnalyzer | None = None):
        self._tagger = (analyzer or JapaneseAnalyzer()).tagger
        self.words = {r: w for r, w in words.items() if len(r) >= MIN_READING}
        self._longest = max((len(r) for r in self.words), default=0)
        # A chat turn reads the same text back twice (place lookup, then search): remember recent ones.
        self.restore = lru_cache(maxsize=1024)(self._restore)  # type: ignore[method-assign]

    @classmethod
    def from_texts(cls, analyzer: JapaneseAnalyzer, texts: Iterable[str]) -> ReadingLexicon:
        """Collect the words of ``texts`` with their readings: single words and compounds of up to
        :data:`MAX_COMPOUND` adjacent ones (協力隊 as one piece, not 協力 + 体), kana words too
        (ふるさと, シニア) so that a run mixing both splits. A reading shared by several spellings goes to a
        kanji one, then to the one the texts use most."""
        self = cls({}, analyzer)
        seen: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            words: list[tuple[tuple[str, ...], str]] = []
            for token in [*analyzer.analyze(text).tokens, None]:  # analyses the index has cached
                if token is None or not self._is_word(token):
                    words = []
                    continue
                words.append(((token.reading, *_ALSO_READ.get(token.text, ())), token.text))
                for size in range(1, min(MAX_COMPOUND, len(words)) + 1):
                    part = words[-size:]
                    spelling = "".join(w for _, w in part)
                    for readings in itertools.product(*(r for r, _ in part)):
                        seen["".join(readings)][spelling] += 1
        return cls({reading: _preferred(spellings) for reading, spellings in seen.items()}, analyzer)

    def _is_word(self, token: Token) -> bool:
        """A word worth reading back: a content word spelled in kanji, or a kana word of three or more
        letters (おこし, シニア) — katakana only when UniDic knows it as a loanword, since the corpus' own
        katakana-typed phrasings (ﾁｲｷｵｺｼ) are what this undoes."""
        if (
            token.pos not in _WORD_POS
            or not _WORD_SURFACE.match(token.text)
            or not _READING.match(token.reading)
        ):
            return False
        if not KANA_ONLY.match(token.text):
            return True
        if len(token.text) < 3:
            return False
        return not _KATAKANA_ONLY.match(token.text) or self._is_loanword(token.text)

    def _restore(self, text: str) -> str:
        """``text`` normalised, with each katakana run that splits wholly into corpus words rewritten and
        the corpus words inside hiragana runs written as the corpus does; ``text`` itself when nothing
        was rewritten."""
        if not self.words:
            return text
        norm = normalize(text)
        restored = _KATAKANA_RUN.sub(lambda m: self._rewrite(m.group(0)), norm)
        restored = _HIRAGANA_RUN.sub(lambda m: self._rewrite_hiragana(m.group(0)), restored)
        restored = self._rewrite_homophones(restored)
        return restored if restored != norm else text

    def _rewrite_homophones(self, text: str) -> str:
        """Kanji the input method got wrong, written as the corpus word with the same reading
        (行政想談委員 → 行政相談委員, 政活 → 生活).

        Only where the kanji look mis-converted (:func:`_looks_misconverted`). A real word that merely
        shares a reading with a corpus word (人気 and 任期), and any name, is left as typed.
        """
        if len(_KANJI.findall(text)) < 2:  # nothing mis-converted can be in it (kana questions)
            return text
        words = list(self._tagger(text))
        spans = _token_spans(text, words)
        out: list[str] = []
        cursor = 0
        i = 0
        while i < len(words):
            replaced = False
            for j in range(min(len(words), i + _HOMOPHONE_SPAN), i, -1):
                chunk = words[i:j]
                reading = "".join(w.feature.kana or "" for w in chunk)
                surface = text[spans[i][0] : spans[j - 1][1]]
                spelling = self.words.get(reading)
                if (
                    len(reading) >= SURE_READING
                    and spelling is not None
                    and spelling != surface
                    and _KANJI.search(surface)
                    and _looks_misconverted(chunk)
                ):
                    out.append(text[cursor : spans[i][0]] + spelling)
                    cursor = spans[j - 1][1]
                    i = j
                    replaced = True
                    break
            if not replaced:
                i += 1
        out.append(text[cursor:])
        return "".join(out)

    def _rewrite_hiragana(self, run: str) -> str:
        """Corpus words found inside a hiragana run (りさいしょうめいってどこ → 罹災証明ってどこ).

        The run is covered by corpus words and left-over letters, as many letters by words as possible.
        A word shorter than :data:`SURE_READING` kana must also be what UniDic reads there — a noun
        whose bounds match UniDic's — so いいんですか (良い + ん) never becomes 委員ですか; or be a loanword
        making up the whole run (しにあ起業人 → シニア起業人, but not わたしにあう).
        """
        reading = to_katakana(run)
        nouns = self._noun_spans(run)
        size = len(run)
        best: list[tuple[int, str]] = [(0, "")] * (size + 1)
        for end in range(1, size + 1):
            cost, text = best[end - 1]
            choice = (cost + 1, text + run[end - 1])
            for start in range(max(0, end - self._longest), end - MIN_HIRAGANA_WORD + 1):
                word = self.words.get(reading[start:end])
                if word is None:
                    continue
                whole_loanword = start == 0 and end == size and _KATAKANA_ONLY.match(word)
                if end - start < SURE_READING and (start, end) not in nouns and not whole_loanword:
                    continue
                cost, text = best[start]
                if cost + 1 < choice[0]:
                    choice = (cost + 1, text + word)
            best[end] = choice
        return best[-1][1]

    def _noun_spans(self, text: str) -> set[tuple[int, int]]:
        """Where UniDic reads a run of nouns in ``text`` (start, end), every sub-run included."""
        spans: set[tuple[int, int]] = set()
        cursor = 0
        starts: list[int] = []
        for word in self._tagger(text):
            start = text.find(word.surface, cursor)
            if start < 0:
                break
            cursor = start + len(word.surface)
            if word.feature.pos1 in _WORD_POS:
                starts.append(start)
                spans.update((s, cursor) for s in starts)
            else:
                starts = []
        return spans

    def _rewrite(self, run: str) -> str:
        if self._is_loanword(run):
            return run
        pieces = self._split(run)
        if pieces and pieces[0] == 1:  # one corpus word: the surest reading
            return pieces[1]
        # Several pieces may be chance neighbours (キュウ + リョウ → 急料); UniDic's own reading of the
        # hiragana comes first, the corpus split only where UniDic sees no words (行政相談委員).
        return self._as_hiragana(run) or (pieces[1] if pieces else run)

    def _as_hiragana(self, run: str) -> str | None:
        """The run in hiragana when UniDic reads all of it as kanji words (ガイコクジン → がいこくじん, read
        as 外国 + 人); None when it sees kana-only words, symbols or nothing it knows."""
        hiragana = to_hiragana(run)
        words = list(self._tagger(hiragana))
        if words and all(_KANJI.search(w.feature.lemma or "") for w in words):
            return hiragana
        return None

    def _is_loanword(self, run: str) -> bool:
        words = list(self._tagger(run))
        return bool(words) and all(_FOREIGN_GLOSS.search(w.feature.lemma or "") for w in words)

    def _split(self, run: str) -> tuple[int, str] | None:
        """The run as corpus words in the fewest pieces (how many, and the words); None when it does not
        split wholly."""
        best: list[tuple[int, str] | None] = [None] * (len(run) + 1)
        best[0] = (0, "")
        for end in range(1, len(run) + 1):
            for start in range(max(0, end - self._longest), end - MIN_READING + 1):
                previous = best[start]
                word = self.words.get(run[start:end])
                if previous is None or word is None:
                    continue
                candidate = (previous[0] + 1, previous[1] + word)
                current = best[end]
                if current is None or candidate[0] < current[0]:
                    best[end] = candidate
        return best[-1]
