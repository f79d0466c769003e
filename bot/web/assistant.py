"""The Rasa agent inside the web process, and the actions' host beside it.

One process, one port: the REST channel route hands messages to the agent, and the agent runs its custom
actions through :class:`actions.services.ActionHost` (rasa-sdk's executor, each call given the app's own
FAQ service and directory) in the same process (:class:`InProcessActionEndpoint`): no loopback HTTP
call, no JSON round trip of the whole tracker, no schema check of our own executor's answers — that was
about half of a turn's CPU. With ``GOVBOT_ACTION_ENDPOINT`` set, actions go to that action server over
HTTP as in stock Rasa, and its answers are validated.
"""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path
from typing import Any

from actions.services import ActionHost, ActionServices
from faq.settings import PROJECT_ROOT

logger = logging.getLogger(__name__)
DEFAULT_MODEL = PROJECT_ROOT / "models" / "govbot.tar.gz"
# Rasa's SQL tracker store without its per-turn extras (bot/web/tracker_store.py); same tables and rows.
TURN_TRACKER_STORE = "bot.web.tracker_store.TurnTrackerStore"


class Assistant:
    """Loads the trained Rasa model (in :meth:`warm_up`) and answers one message at a time."""

    def __init__(
        self,
        model_path: Path,
        action_url: str,
        services: ActionServices,
        tracker_store_url: str = "",
        action_token: str = "",
        lock_store_url: str = "",
    ):
        self.model_path = Path(model_path)
        self.action_url = action_url
        self.tracker_store_url = tracker_store_url
        self.lock_store_url = lock_store_url
        self.agent: Any = None
        self.actions: ActionHost | None = None
        self.services = services  # handed to every action call this process runs
        # The action webhook is on the public port; only the agent, which knows this token, may call it.
        self.action_token = action_token or secrets.token_urlsafe(24)

    async def warm_up(self) -> None:
        from rasa.core.agent import load_agent
        from rasa.core.utils import AvailableEndpoints
        from rasa.utils.endpoints import EndpointConfig
        from rasa.utils.log_utils import configure_structlog

        from bot.web.graph_runner import run_without_dask
        from bot.web.tracker_states import replay_states_incrementally

        # Rasa's structlog prints every level to stdout unless configured, resident text included
        # (parse_data_text at DEBUG): route it through logging at the configured level instead.
        configure_structlog(logging.getLogger().getEffectiveLevel())
        trust_in_process_actions()
        self.actions = ActionHost(self.services)
        if not self.model_path.is_file():
            raise FileNotFoundError(f"no Rasa model at {self.model_path} (run `make run`, which trains it)")
        tracker_store = None
        if self.tracker_store_url:
            tracker_store = EndpointConfig(type=TURN_TRACKER_STORE, **_sql_parts(self.tracker_store_url))
        if self.action_url:
            action = EndpointConfig(url=self.action_url, token=self.action_token)
        else:
            action = InProcessActionEndpoint(self.actions)
        lock_store = None
        if self.lock_store_url:  # Rasa's RedisLockStore: one turn at a time per conversation, across workers
            lock_store = EndpointConfig(type="redis", **_redis_parts(self.lock_store_url))
        endpoints = AvailableEndpoints(
            action=action,
            tracker_store=tracker_store,
            lock_store=lock_store,
        )
        self.agent = await load_agent(model_path=str(self.model_path), endpoints=endpoints)
        refuse_memory_fallback(self.agent.tracker_store)
        run_without_dask(self.agent.processor.graph_runner)
        replay_states_incrementally()  # the policies' states: each event replayed once per tracker
        if self.tracker_store_url:
            check_tracker_store(self.agent.tracker_store)
        logger.info("Rasa model %s loaded; actions %s", self.model_path.name, self.action_url or "in process")

    @property
    def ready(self) -> bool:
        return self.agent is not None and self.agent.is_ready()

    @property
    def intents(self) -> frozenset[str]:
        """The domain's intents: a 「/intent」 payload naming one of these is a button press."""
        return frozenset(self.agent.domain.intents) if self.agent is not None else frozenset()

    async def handle(
        self,
        sender: str,
        text: str,
        metadata: dict[str, Any] | None = None,
        input_channel: str | None = None,
    ) -> list[dict[str, Any]]:
        """Rasa's REST messages for one turn; ``input_channel`` is the door's name (bot/web/turn.py)."""
        from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

        channel = CollectingOutputChannel()
        message = UserMessage(text, channel, sender, input_channel=input_channel, metadata=metadata)
        await self.agent.handle_message(message)
        return channel.messages

    async def run_action(self, action_call: dict[str, Any]) -> dict[str, Any] | None:
        if self.actions is None:
            raise RuntimeError("the assistant is not warmed up")
        return await self.actions.run(action_call)


class ConversationNotSaved(Exception):
    """The tracker store did not take the turn (read-only, full, unreachable): nothing of it was kept."""


def refuse_memory_fallback(tracker_store: Any) -> None:
    """Make a failed save fail the turn.

    Rasa wraps every tracker store in a ``FailSafeTrackerStore`` that, when a save fails, logs and keeps
    the conversation in memory instead: the turn looks normal while nothing is stored, and the next worker
    (or a restart) has lost it. Its error hook is the one place to change that (the wrapper takes no
    option for it), so the hook raises and the chat route answers the resident with an apology and 503.
    """
    from rasa.core.tracker_store import FailSafeTrackerStore

    if isinstance(tracker_store, FailSafeTrackerStore):
        tracker_store._on_tracker_store_error = _not_saved


def check_tracker_store(tracker_store: Any) -> None:
    """Rasa falls back to an in-memory store, with a warning only, when a custom store cannot be loaded:
    refuse to serve instead, since every conversation would be lost at the next restart."""
    from bot.web.tracker_store import TurnTrackerStore

    inner = getattr(tracker_store, "_tracker_store", tracker_store)
    if not isinstance(inner, TurnTrackerStore):
        raise RuntimeError(f"the tracker store is {type(inner).__name__}, not the configured SQL store")


def _not_saved(error: Exception) -> None:
    raise ConversationNotSaved(f"the tracker store refused the turn: {type(error).__name__}") from error


def _sql_parts(url: str) -> dict[str, Any]:
    """SQLAlchemy URL → the keyword arguments of Rasa's SQLTrackerStore."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return {
        "dialect": parsed.drivername,
        "url": parsed.host,
        "port": parsed.port,
        "db": parsed.database,
        "username": parsed.username,
        "password": parsed.password,
    }


def _redis_parts(url: str) -> dict[str, Any]:
    """redis://[:password@]host:port/db → the keyword arguments of Rasa's RedisLockStore."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError(f"lock store URL must start with redis://, got {url!r}")
    return {
        "url": parts.hostname or "localhost",
        "port": parts.port or 6379,
        "db": int(parts.path.strip("/") or 0),
        "password": parts.password,
        "use_ssl": parts.scheme == "rediss",
    }


def _in_process_endpoint_class():
    """Built on first use: importing Rasa is slow, and the FAQ-only app never needs it."""
    from rasa.utils.endpoints import ClientResponseError, EndpointConfig

    class InProcess(EndpointConfig):
        """An action "endpoint" that hands the call to the actions' host (rasa-sdk's executor) directly.

        Errors keep the HTTP contract Rasa expects: a rejected form validation is a 400 with the action's
        name, an unknown action a 404.
        """

        def __init__(self, host: ActionHost):
            super().__init__(url="in-process://actions")
            self.host = host

        async def request(self, method: str = "post", subpath: str | None = None, **kwargs: Any) -> Any:
            from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

            try:
                return await self.host.run(kwargs["json"]) or {"events": [], "responses": []}
            except ActionExecutionRejection as exc:
                body = json.dumps({"action_name": exc.action_name, "error": exc.message})
                raise ClientResponseError(400, "rejected", body) from exc
            except ActionNotFoundException as exc:
                body = json.dumps({"action_name": exc.action_name, "error": exc.message})
                raise ClientResponseError(404, "not found", body) from exc

    return InProcess


def InProcessActionEndpoint(host: ActionHost) -> Any:  # noqa: N802 - used like a class
    return _in_process_endpoint_class()(host)


def trust_in_process_actions() -> None:
    """Skip Rasa's JSON-schema check for answers of our own in-process executor; keep it for others.

    Rasa validates every action server answer against its schema, re-checking the schema itself each time
    (``jsonschema.validate``); for the executor in this process that is pure cost. Answers from an
    external action server are still validated, with the validator built once.
    """
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction, "_govbot_patched", False):
        return
    original = RemoteAction._validate_action_result
    compiled: dict[str, Any] = {}

    def validate(self, result: dict[str, Any]) -> bool:
        if getattr(self.action_endpoint, "url", "") == "in-process://actions":
            return True
        if "validator" not in compiled:
            schema = self.action_response_format_spec()
            compiled["validator"] = validators.validator_for(schema)(schema)
        try:
            compiled["validator"].validate(result)
        except Exception:
            return original(self, result)  # the stock path, for its explanatory message
        return True

    RemoteAction._validate_action_result = validate
    RemoteAction._govbot_patched = True
