"""The kinds of personal data redaction knows, as the placeholders that replace them, and a found span."""

from __future__ import annotations

from typing import NamedTuple

EMAIL, MY_NUMBER, PHONE = "[メール]", "[マイナンバー]", "[電話番号]"
POSTAL_CODE, ADDRESS = "[郵便番号]", "[住所]"
CARD, ACCOUNT, BIRTH_DATE, NAME = "[カード番号]", "[口座番号]", "[生年月日]", "[氏名]"
PLACEHOLDERS = (EMAIL, MY_NUMBER, PHONE, POSTAL_CODE, ADDRESS, CARD, ACCOUNT, BIRTH_DATE, NAME)


class Span(NamedTuple):
    start: int
    end: int
    kind: str  # one of the placeholders
    digits: str = ""  # phone: the number as dialled inside Japan; 〒: the code
