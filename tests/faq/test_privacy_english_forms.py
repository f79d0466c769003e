"""Personal data as 協力隊 members, 起業人 staff and foreign residents write it in English and romaji, and a
name restated in another script (writers 15–16's tuning half, issue 23): each case failed before its mend."""

from __future__ import annotations

import pytest

from faq.residents.privacy import redact

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Hi I'm Wang Lei (王小明), a 協力隊 member", "王小明"),  # a name again, in brackets
        ("氏名: 平野健太（ひらのけんた）です", "ひらのけんた"),
        ("My zairyu card no. UH48213307FA expires in March", "UH48213307FA"),  # a 在留カード by its shape
        ("Address: 2471-3 Mitsune, Hachijo-machi, Tokyo", "2471-3"),  # a lot number after the label
        ("Tokyo 100-1511. Who issues the 罹災証明書?", "100-1511"),  # a 〒 code at a sentence's end
        ("Please send it to zip 386_0403 by mail", "386_0403"),
        ("Contact: Marco Bianchi, tel at the office", "Marco Bianchi"),
    ],
)
def test_english_and_restated_forms_are_redacted(text: str, gone: str) -> None:
    assert gone not in redact(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("山田(65)です", "(65)"),  # an age in brackets after a name stays
        ("娘 花子(小3) の分も", "(小3)"),
        ("被災者: 山田太郎、同居家族: 山田花子(長男の妻)", "長男の妻"),
        ("支援金は最大300万円、令和6年1月1日の地震で", "300万円"),
    ],
)
def test_brackets_that_say_something_else_stay(text: str, kept: str) -> None:
    assert kept in redact(text)
