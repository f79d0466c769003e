"""A municipality's published windows under national answers (issue 17): one entry's full window under its
answer, or several in one short block under a disaster reply. Nothing without a municipality."""

from __future__ import annotations

import logging

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import local_supplement
from faq.content.organisations import six_digit_code
from faq.content.supplements import LocalSupplement, local_window_text, local_windows_text
from faq.places.resolver import Resolution

logger = logging.getLogger(__name__)


def published_windows(entry_ids: list[str], where: Resolution) -> tuple[str, list[LocalSupplement]]:
    """The municipality's name and its published windows for ``entry_ids`` (in their order); no
    municipality, none published or a database problem give ``("", [])``: the turn never breaks."""
    municipality = where.place.municipality if where.place is not None else None
    if municipality is None:
        return "", []
    code = six_digit_code(municipality.code)
    try:
        found = [local_supplement(entry_id, code) for entry_id in dict.fromkeys(entry_ids)]
    except (SQLAlchemyError, ValueError) as exc:
        logger.warning("local supplement not read (%s)", type(exc).__name__)
        return "", []
    # A dated event is offered until its day, never when its day has no year (LocalSupplement.offered_on).
    return municipality.name, [s for s in found if s is not None and s.offered_on()]


def utter_block(dispatcher: CollectingDispatcher, text: str, supplements: list[LocalSupplement]) -> None:
    first = supplements[0]
    dispatcher.utter_message(
        text=text,
        json_message={
            "type": "local_supplement",
            "faq_id": first.entry_id,
            "faq_ids": [s.entry_id for s in supplements],
            "municipality": first.municipality,
            "source": {"document": first.source.document, "ref": first.source.ref},
            "last_checked": first.last_checked.isoformat(),
        },
    )


def give_local_window(dispatcher: CollectingDispatcher, entry_id: str, where: Resolution) -> bool:
    """Under a national answer, the window the resident's municipality published for it (the page's
    ``metadata.municipality`` or the one municipality the message names)."""
    place, found = published_windows([entry_id], where)
    if not found:
        return False
    utter_block(dispatcher, local_window_text(found[0], place), found)
    return True


def give_local_windows(dispatcher: CollectingDispatcher, labelled: dict[str, str], where: Resolution) -> bool:
    """Under a disaster reply, the municipality's windows for the entries it names (``{entry id: short
    name}``), in one short block: a victim reads it on a phone, the details are a button away."""
    place, found = published_windows(list(labelled), where)
    if not found:
        return False
    utter_block(dispatcher, local_windows_text([(labelled[s.entry_id], s) for s in found], place), found)
    return True
