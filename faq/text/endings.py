"""Dialect sentence endings that UniDic reads as nouns, taken off a question before it is searched.

北陸 「あるがや」「いいがけ」 end a sentence the way 「あるのだ」「いいのか」 do, but the tagger reads がや as
茅 and がけ as 崖 — content words no entry has, which weigh as the rarest word of the question and push its
answer away (「相談所ってどこにあるがや」 on 輪島市's page got no answer). The rule is grammatical, not a
list: a short hiragana noun right after a predicate (verb, adjective, auxiliary) at the end of a sentence
is an ending. Only the searched text changes; the message itself is kept as typed.

>>> without_dialect_endings("相談所ってどこにあるがや", shared_analyzer())  # doctest: +SKIP
'相談所ってどこにある'
"""

from __future__ import annotations

import re

from faq.text.analyzer import JapaneseAnalyzer

_PREDICATES = frozenset({"動詞", "形容詞", "助動詞"})
_HIRAGANA = re.compile(r"[\u3041-\u309f]{1,3}")
_SENTENCE_END = re.compile(r"[\s?？!！。、,.…〜~ー]*")


def without_dialect_endings(text: str, analyzer: JapaneseAnalyzer) -> str:
    """``text`` without the dialect endings UniDic takes for nouns (see the module)."""
    tokens = analyzer.tokenize_original(text)
    cuts = []
    for i, token in enumerate(tokens):
        if i == 0 or token.pos != "名詞" or not _HIRAGANA.fullmatch(token.text):
            continue
        end = token.start + len(token.text)
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        rest = text[end : following.start + len(following.text)] if following is not None else ""
        at_end = _SENTENCE_END.fullmatch(rest)
        if at_end and tokens[i - 1].pos in _PREDICATES:
            cuts.append((token.start, end))
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text
