"""相談メモ: what a resident asked staff to follow up, stored with personal data redacted.

Staff work through them in the console's inbox: new → contacted → closed, each change stamped with who
made it and when. Each memo is routed to the centre serving the resident's place (``centre:<n>``, the
centre the resident was shown); a memo with no known place has an empty centre: the national queue. Who
sees which memos is :func:`faq.content.permissions.memo_centres`; a memo outside them is "not found".
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from faq.content.store import FaqStore
from faq.errors import FaqError, FaqNotFound
from faq.model import TextEnum
from faq.residents.privacy import redact
from faq.tables import HandoffMemoRow
from faq.text import normalize

JAPAN = ZoneInfo("Asia/Tokyo")


class MemoStatus(TextEnum):
    """Where a 相談メモ is in the staff's handling of it."""

    NEW = "new"
    CONTACTED = "contacted"  # staff reached the resident
    CLOSED = "closed"


STATUSES = tuple(MemoStatus)


class InvalidStatus(FaqError):
    """A memo status other than new, contacted or closed."""


@dataclass(frozen=True)
class HandoffMemo:
    reference: str
    topic: str
    prefecture: str
    kikumimi: str
    contact_method: str
    status: str
    created_at: datetime
    updated_at: datetime | None = None  # last status change in the inbox
    updated_by: str | None = None
    centre: str = ""  # centre:<n> whose inbox it is in; "" the national queue


def _memo(row: HandoffMemoRow) -> HandoffMemo:
    return HandoffMemo(
        row.reference,
        row.topic,
        row.prefecture,
        row.kikumimi,
        row.contact_method,
        row.status,
        row.created_at,
        row.updated_at,
        row.updated_by,
        row.centre or "",
    )


def save_memo(
    store: FaqStore, topic: str, prefecture: str, kikumimi: str, contact_method: str, centre: str = ""
) -> HandoffMemo:
    """Store a memo (every free-text field redacted) and return it with its reference number.

    >>> memo = save_memo(store, "年金で困っています 090-1234-5678", "大阪府", "きくみみ大阪", "電話")
    >>> memo.topic
    '年金で困っています [電話番号]'
    """
    now = datetime.now(timezone.utc)
    # The date in the reference is the day in Japan, as staff and residents read it (00:30 JST is today).
    reference = f"GS-{now.astimezone(JAPAN):%y%m%d}-{secrets.token_hex(3).upper()}"
    row = HandoffMemoRow(
        reference=reference,
        topic=redact(topic)[:1000],
        prefecture=prefecture[:10],
        kikumimi=kikumimi[:40],
        contact_method=redact(contact_method)[:20],
        status=MemoStatus.NEW,
        created_at=now,
        centre=centre[:64],
    )
    with store.session() as session, session.begin():
        session.add(row)
    return HandoffMemo(
        reference,
        row.topic,
        row.prefecture,
        row.kikumimi,
        row.contact_method,
        row.status,
        now,
        centre=row.centre,
    )


def list_memos(
    store: FaqStore,
    status: str | None = None,
    newest_first: bool = False,
    centres: Collection[str] | None = None,
) -> list[HandoffMemo]:
    """Memos in the order they came (the inbox asks for ``newest_first``), optionally of one status and
    only in ``centres`` (``""`` is the national queue; None: every memo)."""
    if status is not None and status not in STATUSES:
        raise InvalidStatus(f"status must be one of {', '.join(STATUSES)}, got {status!r}")
    order = HandoffMemoRow.id.desc() if newest_first else HandoffMemoRow.id
    with store.session() as session:
        query = session.query(HandoffMemoRow)
        if status is not None:
            query = query.filter(HandoffMemoRow.status == status)
        if centres is not None:
            query = query.filter(HandoffMemoRow.centre.in_(list(centres)))
        return [_memo(r) for r in query.order_by(order).all()]


def set_status(
    store: FaqStore,
    reference: str,
    status: str,
    actor_name: str,
    centres: Collection[str] | None = None,
) -> HandoffMemo:
    """Move a memo to ``status``, recording who and when; raises InvalidStatus, or FaqNotFound for no memo
    or one outside ``centres`` (never revealing that it exists)."""
    if status not in STATUSES:
        raise InvalidStatus(f"status must be one of {', '.join(STATUSES)}, got {status!r}")
    with store.session() as session, session.begin():
        row = session.query(HandoffMemoRow).filter(HandoffMemoRow.reference == reference).one_or_none()
        if row is None or (centres is not None and (row.centre or "") not in centres):
            raise FaqNotFound(f"memo {reference}")
        row.status = status
        row.updated_at = datetime.now(timezone.utc)
        row.updated_by = actor_name[:64]
    return _memo(row)


# What residents write when asked for their trouble that is not the trouble: the way to be contacted,
# the wish to complain or consult, a greeting. A topic is what remains after these.
_NOT_A_TOPIC = re.compile(
    r"電話|でんわ|メール|めーる|窓口|来訪|行く|苦情|くじょう|文句|相談|そうだん|言いたい|いいたい|したい|"
    r"聞いて|きいて|ほしい|欲しい|お願い|おねがい|します|です|ます|ください|話|担当|人|こと|について|"
    r"行政|きくみみ|はい|いいえ|番号|住所|連絡|\[[^\]]*\]|[をにがはでとのもへや、。！？!?\s]"
)
MIN_TOPIC_CHARS = 3


def is_a_topic(text: str) -> bool:
    """Whether ``text`` says what the trouble is (「年金の手続でたらい回し」), not only how to be contacted
    (「電話」) or that the resident wants to complain (「苦情を言いたい」).

    >>> is_a_topic("苦情を言いたい"), is_a_topic("電話"), is_a_topic("年金の手続でたらい回しにされた")
    (False, False, True)
    """
    return len(_NOT_A_TOPIC.sub("", normalize(text))) >= MIN_TOPIC_CHARS


def memo_preview(topic: str) -> str:
    """What will be stored, as it will be stored (redacted, cut to the stored length)."""
    return redact(topic)[:1000]
