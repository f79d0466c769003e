"""One turn per client message id: a resent message gets the reply it already had, not a second turn.

The widget gives every message an id (Rasa REST ``metadata.client_id``). A phone that lost the reply
sends the same id again; the assistant must not run the turn twice. The id is kept where the turn
itself is kept: in the ``UserUttered`` event's metadata in Rasa's tracker store (SQL in production),
so every worker behind a load balancer sees it. The check and the turn run under Rasa's lock for the
conversation (in-memory, or Redis across workers), so two copies of one message arriving at once
still make one turn.
"""

from __future__ import annotations

import logging
from typing import Any

from faq.residents.privacy import conversation_key

logger = logging.getLogger(__name__)

CLIENT_ID_KEY = "client_id"
MAX_CLIENT_ID_CHARS = 64
# A resend comes within minutes; looking back this many events is plenty and keeps the check cheap.
LOOK_BACK_EVENTS = 400


def valid_client_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_CLIENT_ID_CHARS and value.isprintable()


async def handle_once(
    agent: Any,
    sender: str,
    text: str,
    client_id: str,
    metadata: dict[str, Any] | None = None,
    input_channel: str | None = None,
) -> list[dict[str, Any]]:
    """The replies to ``text`` from ``sender``: the stored ones if ``client_id`` was handled before.

    The id is stored one-way (:func:`stored_client_id`): a client could put anything in it."""
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    client_id = stored_client_id(client_id)
    async with agent.lock_store.lock(sender):
        tracker = await agent.tracker_store.retrieve(sender)
        if tracker is not None:
            earlier = await replies_to(tracker.events, sender, client_id)
            if earlier is not None:
                logger.info("a message was sent again; answered with the reply it already had")
                return earlier
        channel = CollectingOutputChannel()
        message = UserMessage(
            text,
            channel,
            sender,
            input_channel=input_channel,
            metadata={**(metadata or {}), CLIENT_ID_KEY: client_id},
        )
        await agent.processor.handle_message(message)
        return channel.messages


def stored_client_id(client_id: str) -> str:
    """What the tracker keeps of a client's message id: a one-way key, never the id itself."""
    return conversation_key("client-id:" + client_id)


async def replies_to(events: Any, sender: str, client_id: str) -> list[dict[str, Any]] | None:
    """The REST messages that followed the user message with ``client_id``, or None if there was none.

    Each stored bot utterance goes through Rasa's own output channel again, so the replay has exactly
    the shape of the first answer (text with buttons, then custom, as separate messages).
    """
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.shared.core.events import BotUttered, UserUttered

    recent = list(events)[-LOOK_BACK_EVENTS:]
    start = None
    for position in range(len(recent) - 1, -1, -1):
        event = recent[position]
        if isinstance(event, UserUttered) and (event.metadata or {}).get(CLIENT_ID_KEY) == client_id:
            start = position
            break
    if start is None:
        return None
    channel = CollectingOutputChannel()
    for event in recent[start + 1 :]:
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            message = {"text": event.text, **{k: v for k, v in (event.data or {}).items() if v is not None}}
            await channel.send_response(sender, message)
    return channel.messages
