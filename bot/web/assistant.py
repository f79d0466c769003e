"""The Rasa agent inside the web process, and rasa-sdk's action executor beside it.

One process, one port: the REST channel route hands messages to the agent; the agent calls its
custom actions over loopback at ``/actions/webhook`` of the same app, where rasa-sdk runs them.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any

from faq.settings import PROJECT_ROOT

logger = logging.getLogger(__name__)
DEFAULT_MODEL = PROJECT_ROOT / "models" / "govbot.tar.gz"


class Assistant:
    """Loads the trained Rasa model (in :meth:`warm_up`) and answers one message at a time."""

    def __init__(
        self,
        model_path: Path,
        action_url: str,
        tracker_store_url: str = "",
        action_token: str = "",
        lock_store_url: str = "",
    ):
        self.model_path = Path(model_path)
        self.action_url = action_url
        self.tracker_store_url = tracker_store_url
        self.lock_store_url = lock_store_url
        self.agent: Any = None
        self.executor: Any = None
        # The action webhook is on the public port; only the agent, which knows this token, may call it.
        self.action_token = action_token or secrets.token_urlsafe(24)

    async def warm_up(self) -> None:
        from rasa.core.agent import load_agent
        from rasa.core.utils import AvailableEndpoints
        from rasa.utils.endpoints import EndpointConfig
        from rasa_sdk.executor import ActionExecutor

        executor = ActionExecutor()
        executor.register_package("actions")
        self.executor = executor
        if not self.model_path.is_file():
            raise FileNotFoundError(f"no Rasa model at {self.model_path} (run `make run`, which trains it)")
        tracker_store = None
        if self.tracker_store_url:
            tracker_store = EndpointConfig(type="sql", **_sql_parts(self.tracker_store_url))
        lock_store = None
        if self.lock_store_url:  # Rasa's RedisLockStore: one turn at a time per conversation, across workers
            lock_store = EndpointConfig(type="redis", **_redis_parts(self.lock_store_url))
        endpoints = AvailableEndpoints(
            action=EndpointConfig(url=self.action_url, token=self.action_token),
            tracker_store=tracker_store,
            lock_store=lock_store,
        )
        self.agent = await load_agent(model_path=str(self.model_path), endpoints=endpoints)
        logger.info("Rasa model %s loaded; actions at %s", self.model_path.name, self.action_url)

    @property
    def ready(self) -> bool:
        return self.agent is not None and self.agent.is_ready()

    async def handle(self, sender: str, text: str) -> list[dict[str, Any]]:
        from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

        channel = CollectingOutputChannel()
        await self.agent.handle_message(UserMessage(text, channel, sender, input_channel="rest"))
        return channel.messages

    async def run_action(self, action_call: dict[str, Any]) -> dict[str, Any] | None:
        return await self.executor.run(action_call)


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
