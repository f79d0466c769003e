"""The number of a resident's own file at a window — a 受付番号, 申請番号 or 整理番号 (a detector of
:mod:`faq.residents.personal_data`).

「罹災証明書の受付番号 R6-輪-001234」「申請番号: KS-5521」: the window finds the resident's application,
and with it their name and address, by that number, so it identifies them to whoever keeps the register — the
municipality that may run this assistant. The answer never needs it (the assistant looks up no one's case;
it says where to ask), so it is replaced by 「[受付番号]」 (decided in the sixth round of issue 23 item 6;
README, personal data). The label decides, not the shape: a code with a label of its own (団体コード,
保険者番号) and a question about the number (受付番号は何桁?) keep their words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from faq.residents.personal_kinds import RECEIPT, Span

_LABEL = (
    r"(?:受付番号|受付No\.?|受付ナンバー|申請番号|申込番号|整理番号|受理番号|管理番号|問い?合わせ番号"
    r"|うけつけばんごう)"
)
# R6-0482, 2024-00123, R7-鹿-004512: letters and digits in groups, a kanji or two between dashes; a digit
_CODE = (
    r"(?P<number>(?=[A-Za-z\-ー−\u4e00-\u9fff]*\d)(?=\S{3})[A-Za-z0-9]+(?:[\-ー−](?:[A-Za-z0-9]+|[\u4e00-\u9fff]{1,2}))*)"
    r"(?![A-Za-z0-9\-ー−]|\s?(?:桁|けた|文字|ケタ|番目|年|月|日|円|人|件|個|枚|回))"
)
_RECEIPT = re.compile(rf"{_LABEL}\s?(?:は|が|:|=|#)?\s?{_CODE}")


def receipt_numbers(text: str) -> Iterator[Span]:
    """The code after a file's label.

    >>> text = "受付番号は R6-0482 です"
    >>> [text[s.start : s.end] for s in receipt_numbers(text)]
    ['R6-0482']
    """
    for match in _RECEIPT.finditer(text):
        yield Span(match.start("number"), match.end("number"), RECEIPT)
