"""The one file of resident wording (faq/data/messages.yml): every key the code asks for exists, every
field it names is a plain ``{name}``, and no fact (phone, hours, money) hides in the wording."""

from __future__ import annotations

import re
import string

import pytest

from faq.content.messages import MESSAGES_FILE, _cues, cue_pattern, message, messages, prompt, prompt_names
from faq.settings import PROJECT_ROOT

pytestmark = pytest.mark.unit

CODE_DIRS = ("actions", "bot", "faq")
_MESSAGE_CALL = re.compile(r"""message\(\s*["']([a-z_.]+)["']""")
# What a fact looks like: a phone number, an amount of money, a time of day, a street number.
_FACT = re.compile(r"\d{2,5}-\d{2,4}-\d{3,4}|\d+\s*万円|\d+時|\d+-\d+-\d+")


def texts(node: object, path: str = "") -> list[tuple[str, str]]:
    """Every (key, text) in the file, buttons' titles included."""
    if isinstance(node, str):
        return [(path, node)]
    if isinstance(node, dict):
        return [pair for key, value in node.items() for pair in texts(value, f"{path}.{key}".lstrip("."))]
    if isinstance(node, list):
        return [pair for i, value in enumerate(node) for pair in texts(value, f"{path}[{i}]")]
    return []


def keys_used_in_code() -> set[str]:
    used = set()
    for folder in CODE_DIRS:
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            used |= set(_MESSAGE_CALL.findall(path.read_text(encoding="utf-8")))
    return used


def test_every_key_the_code_uses_is_in_the_file() -> None:
    used = keys_used_in_code()
    assert len(used) > 40  # the scan found the calls (a renamed helper would otherwise pass silently)
    for key in sorted(used):
        assert isinstance(message(key), str), key


def test_fields_are_plain_names() -> None:
    for key, text in texts(messages()):
        if "payload" in key:
            continue  # Rasa payloads carry JSON braces and are never formatted
        fields = [name for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
        assert all(re.fullmatch(r"[a-z_]+", name) for name in fields), (key, fields)


def test_no_fact_is_written_in_the_wording() -> None:
    # Phones, hours and money come from the entries and the directory through {fields}: a number typed
    # here would not change when staff edit them.
    found = [(key, text) for key, text in texts(messages()) if _FACT.search(text)]
    assert found == []


def test_a_message_fills_its_fields_and_unknown_keys_fail_loudly() -> None:
    assert message("gyosei.memo_stored", reference="GS-1234").count("GS-1234") == 1
    with pytest.raises(KeyError, match="no message"):
        message("gyosei.no_such_message")
    with pytest.raises(KeyError, match="group"):
        message("gyosei")


def test_flow_questions_have_text_and_buttons() -> None:
    names = prompt_names()
    assert "action_ask_disaster_form_prefecture" in names and "action_ask_contact_method" in names
    for name in names:
        question = prompt(name)
        assert question["text"] and all({"title", "payload"} <= set(b) for b in question["buttons"])


def test_the_file_is_the_one_staff_see_next_to_the_entries() -> None:
    assert MESSAGES_FILE == PROJECT_ROOT / "faq" / "data" / "messages.yml"
    assert not (PROJECT_ROOT / "bot" / "prompts.yml").exists()


def test_flow_words_are_text_and_find_what_residents_type() -> None:
    # YAML 1.1 reads a bare no / yes as a boolean: every cue word must stay text.
    for group in _cues().values():
        for words in group.values():
            assert all(isinstance(word, str) for word in words), words
    assert cue_pattern("kyoryokutai.answer_no").search("No, I won't")
    assert cue_pattern("kyoryokutai.role_staff").search("町役場で受入れを担当しています")
    assert cue_pattern("kyoryokutai.local_industry").search("伝統工芸を継ぎたい")
    assert not cue_pattern("kyoryokutai.local_industry").search("観光PR")
    with pytest.raises(KeyError, match="no cue words"):
        cue_pattern("kyoryokutai.no_such_words")
