"""Japanese text processing shared by the FAQ index and the Rasa tokenizer.

Usage::

    from faq.text import JapaneseAnalyzer
    analyzer = JapaneseAnalyzer()
    analyzer.analyze("りさいしょうめいってどこでもらうの？").words
"""

from __future__ import annotations

from faq.text.analyzer import Analysis, JapaneseAnalyzer, Token
from faq.text.normalize import normalize

__all__ = ["Analysis", "JapaneseAnalyzer", "Token", "normalize"]
