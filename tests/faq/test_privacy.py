from __future__ import annotations

import pytest

from faq.privacy import redact

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "hidden", "placeholder"),
    [
        ("電話は090-1234-5678です", "090-1234-5678", "[電話番号]"),
        ("０３（３３６３）１１００にかけた", "3363", "[電話番号]"),
        ("マイナンバーは1234 5678 9012", "1234 5678 9012", "[マイナンバー]"),
        ("番号123456789012を控えた", "123456789012", "[マイナンバー]"),
        ("taro.yamada@example.co.jp に返信を", "taro.yamada@example.co.jp", "[メール]"),
        ("住所は福岡市博多区博多駅東2-11-1です", "2-11-1", "[住所]"),
        ("鹿児島市浜町2番5-1号に住んでます", "2番5-1号", "[住所]"),
    ],
)
def test_personal_data_is_replaced(text: str, hidden: str, placeholder: str) -> None:
    out = redact(text)
    assert hidden not in out
    assert placeholder in out


@pytest.mark.parametrize(
    "text", ["協力隊の任期は3年", "令和7年8月6日からの大雨", "R8.4.13〜4.15の研修", "550万円"]
)
def test_ordinary_numbers_survive(text: str) -> None:
    assert any(ch.isdigit() for ch in redact(text))
    assert "[" not in redact(text)
