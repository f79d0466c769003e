"""全国地方公共団体コード (JIS X 0402): five digits for a 市区町村, a sixth that checks them.

A code typed with a wrong check digit (172048 for 輪島市's 172049) is not a code: it names no place,
rather than the place its first five digits would give.

>>> check_digit("17204"), municipality_key("172049"), municipality_key("172048"), municipality_key("17204")
('9', '17204', None, '17204')
"""

from __future__ import annotations

import re

_CHECK_WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(code5: str) -> str:
    """The check digit of a 5-digit 団体コード (17204 → 9, so 輪島市 is 172049): the last digit of 11 minus
    the weighted sum's remainder by 11 (a remainder of 0 gives 1, of 1 gives 0)."""
    remainder = sum(int(d) * w for d, w in zip(code5, _CHECK_WEIGHTS, strict=True)) % 11
    return str((11 - remainder) % 10)


def municipality_key(code: str) -> str | None:
    """The five digits of a 5-digit code, or of a 6-digit one whose check digit is right; else None."""
    if not re.fullmatch(r"\d{5,6}", code):
        return None
    if len(code) == 6 and code[5] != check_digit(code[:5]):
        return None
    return code[:5]
