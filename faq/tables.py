"""Every table of the FAQ database, in one place: the ORM rows behind the engine and its back office.

The modules that read and write them (named in each section) hold the logic; the schema itself is here so
that one import gives the whole metadata (alembic's ``faq/migrations/env.py`` and the schema test use
``Base.metadata``). Changing a column needs a migration in ``faq/migrations/versions/``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

Base: Any = declarative_base()


def serial_id() -> Column:
    """The surrogate key most tables use: an auto-incremented integer."""
    return Column(Integer, primary_key=True, autoincrement=True)


# Organisations: 総務省 (national), the きくみみ centres, municipalities (faq/content/organisations.py).


class OrganisationRow(Base):
    __tablename__ = "organisations"

    id = Column(String(64), primary_key=True)  # national | centre:<n> | municipality:<6-digit code>
    kind = Column(String(20), nullable=False, index=True)
    name = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)


# Content: the published entries and their alternate phrasings (faq/content/store.py).


class EntryRow(Base):
    __tablename__ = "faq_entries"

    id = Column(String(100), primary_key=True)
    category = Column(String(100), nullable=False, index=True)
    question = Column(Text, nullable=False)
    answer = Column(Text, nullable=False)
    audience = Column(Text, nullable=False, default="[]")  # JSON list
    source_document = Column(Text, nullable=False)
    source_section = Column(Text, nullable=False, default="")
    source_ref = Column(Text, nullable=False)
    last_checked = Column(Date, nullable=False)
    status = Column(String(20), nullable=False, index=True, default="published")
    easy_ja = Column(Text, nullable=False, default="")
    owner = Column(String(64), nullable=False, default="national", server_default="national")
    updated_at = Column(DateTime(timezone=True), nullable=False)
    alternates = relationship(
        "AlternateRow", order_by="AlternateRow.position", cascade="all, delete-orphan", lazy="selectin"
    )


class AlternateRow(Base):
    __tablename__ = "faq_alternates"

    id = serial_id()
    entry_id = Column(
        String(100), ForeignKey("faq_entries.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)


# Content: every version of every entry, the staff workflow's history (faq/content/versions.py).


class EntryVersionRow(Base):
    __tablename__ = "faq_entry_versions"
    __table_args__ = (UniqueConstraint("entry_id", "number", name="uq_entry_version_number"),)

    id = serial_id()
    entry_id = Column(String(100), nullable=False, index=True)
    number = Column(Integer, nullable=False)
    status = Column(String(20), nullable=False)
    category = Column(String(100), nullable=False)
    question = Column(Text, nullable=False)
    answer = Column(Text, nullable=False)
    alternates = Column(Text, nullable=False)  # JSON list
    audience = Column(Text, nullable=False)  # JSON list
    easy_ja = Column(Text, nullable=False, default="")
    source_document = Column(Text, nullable=False)
    source_section = Column(Text, nullable=False)
    source_ref = Column(Text, nullable=False)
    last_checked = Column(Date, nullable=False)
    owner = Column(String(64), nullable=False, default="national", server_default="national")
    author = Column(String(100), nullable=False)
    reason = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)


# Content: municipalities' local supplements to national entries, every version
# (faq/content/supplement_versions.py).


class LocalSupplementRow(Base):
    """One version of a municipality's supplement to a national entry; the newest published or retired
    version of a (entry_id, municipality) pair is the live one."""

    __tablename__ = "local_supplements"
    __table_args__ = (
        UniqueConstraint("entry_id", "municipality", "number", name="uq_local_supplement_version"),
    )

    id = serial_id()
    entry_id = Column(String(100), nullable=False, index=True)
    municipality = Column(String(6), nullable=False, index=True)  # 全国地方公共団体コード, 6 digits
    number = Column(Integer, nullable=False)
    status = Column(String(20), nullable=False)
    window = Column(Text, nullable=False)
    address = Column(Text, nullable=False, default="")
    phone = Column(Text, nullable=False, default="")
    hours = Column(Text, nullable=False, default="")
    url = Column(Text, nullable=False, default="")
    note = Column(Text, nullable=False, default="")
    field_refs = Column(Text, nullable=False, default="{}")  # JSON {field: source line}
    source_document = Column(Text, nullable=False)
    source_section = Column(Text, nullable=False, default="")
    source_ref = Column(Text, nullable=False)
    last_checked = Column(Date, nullable=False)
    author = Column(String(100), nullable=False)
    reason = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)


# Staff accounts, console sessions and API tokens (faq/staff.py).


class StaffUserRow(Base):
    __tablename__ = "staff_users"

    id = serial_id()
    username = Column(String(64), nullable=False, unique=True)
    password_hash = Column(Text, nullable=False)
    role = Column(String(20), nullable=False)
    organisation = Column(String(64), nullable=False, default="national", server_default="national")
    active = Column(Boolean, nullable=False, default=True)
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime(timezone=True), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False)
    last_login_at = Column(DateTime(timezone=True), nullable=True)


class StaffSessionRow(Base):
    __tablename__ = "staff_sessions"

    id = serial_id()
    token_hash = Column(String(64), nullable=False, unique=True)
    user_id = Column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
    expires_at = Column(DateTime(timezone=True), nullable=False)


class StaffTokenRow(Base):
    __tablename__ = "staff_tokens"

    id = serial_id()
    token_hash = Column(String(64), nullable=False, unique=True)
    user_id = Column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False)
    name = Column(String(100), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
    last_used_at = Column(DateTime(timezone=True), nullable=True)
    revoked = Column(Boolean, nullable=False, default=False)
    # None: never expires (tokens issued before migration 0008, or a lifetime of 0 days).
    expires_at = Column(DateTime(timezone=True), nullable=True)


# Residents: votes on answers (faq/residents/feedback.py).


class FeedbackRow(Base):
    __tablename__ = "faq_feedback"
    __table_args__ = (UniqueConstraint("conversation", "faq_id", name="uq_feedback_conversation_entry"),)

    id = serial_id()
    faq_id = Column(String(100), nullable=False, index=True)
    helpful = Column(Boolean, nullable=False)
    question = Column(Text, nullable=False, default="")  # what the resident asked, redacted
    conversation = Column(String(32), nullable=False)  # a one-way hash of the chat's sender id
    created_at = Column(DateTime(timezone=True), nullable=False)
    resolved_at = Column(DateTime(timezone=True), nullable=True)  # staff handled it (learning loop)
    resolution = Column(Text, nullable=True)


# Residents: questions the assistant could not answer confidently (faq/residents/learning.py).


class UnansweredRow(Base):
    __tablename__ = "unanswered_questions"

    id = serial_id()
    question = Column(Text, nullable=False)  # redacted
    outcome = Column(String(20), nullable=False)  # clarify | no_answer
    candidates = Column(Text, nullable=False, default="[]")  # JSON list of entry ids offered
    conversation = Column(String(32), nullable=False)  # faq.residents.feedback.conversation_key(sender)
    created_at = Column(DateTime(timezone=True), nullable=False, index=True)
    resolved_at = Column(DateTime(timezone=True), nullable=True)
    resolution = Column(Text, nullable=True)  # e.g. "new entry X" / "alternate of X"


# Residents: 相談メモ handed to a きくみみ centre (faq/residents/handoff.py).


class HandoffMemoRow(Base):
    __tablename__ = "handoff_memos"

    id = serial_id()
    reference = Column(String(20), nullable=False, unique=True, index=True)
    topic = Column(Text, nullable=False)
    prefecture = Column(String(10), nullable=False, default="")
    kikumimi = Column(String(40), nullable=False, default="")
    centre = Column(String(64), nullable=False, default="", server_default="", index=True)  # centre:<n>
    contact_method = Column(String(20), nullable=False, default="")
    status = Column(String(20), nullable=False, default="new", index=True)
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=True)  # last status change in the inbox
    updated_by = Column(String(64), nullable=True)


# Disasters in disaster mode and archived ones (faq/content/disasters.py).


class DisasterRow(Base):
    """A disaster in disaster mode (``status`` active) or archived (``ended``)."""

    __tablename__ = "disasters"

    id = Column(String(100), primary_key=True)
    name = Column(Text, nullable=False)
    prefectures = Column(Text, nullable=False, default="[]")  # JSON list
    municipalities = Column(Text, nullable=False, default="{}")  # JSON {town: prefecture}
    start_date = Column(Date, nullable=True)
    relief_act_applied = Column(String(40), nullable=False, default="")
    guidebook_from = Column(String(40), nullable=False, default="")
    guidebook_url = Column(Text, nullable=False, default="")
    special_consultation = Column(Boolean, nullable=False, default=False)
    dial = Column(Text, nullable=False, default="{}")  # JSON {name, phone, hours}
    # national | municipality:<6-digit code>: who may change it, and whose residents hear of it
    owner = Column(String(64), nullable=False, default="national", server_default="national")
    guidebook = Column(
        Text, nullable=False, default="{}", server_default="{}"
    )  # the printed guidebook's block
    events = Column(Text, nullable=False, default="[]")  # JSON list of 特別行政相談所 events
    status = Column(String(20), nullable=False, default="active", index=True)  # active | ended
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    updated_by = Column(String(64), nullable=False, default="")
    ended_at = Column(DateTime(timezone=True), nullable=True)


# Question counts: numbers only, no resident text (faq/residents/question_counts.py).

MAX_CATEGORY_CHARS = 64


class QuestionCountRow(Base):
    __tablename__ = "question_counts"

    hour = Column(DateTime(timezone=True), primary_key=True)  # start of the hour, UTC
    outcome = Column(String(12), primary_key=True)
    category = Column(String(MAX_CATEGORY_CHARS), primary_key=True)  # "" when there is none
    disaster = Column(String(100), primary_key=True)  # a disaster's id, "" for none
    count = Column(Integer, nullable=False)


# LINE: webhook events already taken, so a redelivered one is answered once across workers, and the keyed
# hash of each LINE user that follows, with the conversation it stands for (bot/web/channels/line/store.py).
# The LINE userId itself is stored nowhere.


class LineEventRow(Base):
    __tablename__ = "line_webhook_events"

    event_id = Column(String(64), primary_key=True)  # LINE's webhookEventId (a ULID)
    received_at = Column(DateTime(timezone=True), nullable=False, index=True)


class LineSenderRow(Base):
    __tablename__ = "line_senders"

    user_key = Column(String(64), primary_key=True)  # HMAC-SHA256 of the userId, hex
    conversation = Column(String(32), nullable=False)  # random; what the turn is keyed by
    created_at = Column(DateTime(timezone=True), nullable=False)


# Content: the eligibility rules table (faq/data/rules), every version (faq/content/rule_versions.py).


class RuleVersionRow(Base):
    """One version of one rule of the eligibility rules table; the record is the YAML mapping as JSON."""

    __tablename__ = "eligibility_rule_versions"
    __table_args__ = (UniqueConstraint("rule_id", "number", name="uq_rule_version_number"),)

    id = serial_id()
    rule_id = Column(String(100), nullable=False, index=True)
    position = Column(Integer, nullable=False)  # the rule's place in the table: questions match in this order
    number = Column(Integer, nullable=False)
    status = Column(String(20), nullable=False)
    record = Column(Text, nullable=False)  # JSON of the rule's mapping, keys sorted
    author = Column(String(100), nullable=False)
    reason = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
