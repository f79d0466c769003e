"""The one handle the host gives the actions: the FAQ service, the きくみみ directory and the flows.

Actions are built by rasa-sdk's executor without arguments, so the host cannot pass the services to a
constructor. Instead it runs every action call inside :func:`serving` (see :class:`ActionHost`), and the
actions read the handle with :func:`current`. Nothing is stored at import time: outside a host's call there
is no handle, and asking for one is an error that names the fix.

The in-process host is the web app (``bot/web/assistant.py`` builds an :class:`ActionHost` from the
app's own FAQ service). rasa-sdk's own action server (``rasa run actions``) calls its executor with no
host around the call, so ``bot/action_server.py`` builds the services once at that server's start and
hands them to :func:`serve_process`: the process's handle when no host's call is running.

>>> host = ActionHost(ActionServices(faq=service, directory=KikumimiDirectory.default()))
>>> await host.run(action_call)   # rasa-sdk's action call JSON → its answer
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from faq.content.flows import FlowTable, flow_table

if TYPE_CHECKING:
    from faq.places.directory import KikumimiDirectory
    from faq.service import FaqService


@dataclass(frozen=True)
class ActionServices:
    """What the actions use: the host's warmed-up FAQ service, the きくみみ directory, and the table of
    flows (the shipped one unless the host gives another, as a test of a new flow does)."""

    faq: FaqService
    directory: KikumimiDirectory
    flows: FlowTable = field(default_factory=flow_table)


_serving: ContextVar[ActionServices] = ContextVar("govbot_action_services")
# rasa-sdk's action server: one set of services for the whole process, given at its start (never at import).
_process: list[ActionServices] = []


@contextmanager
def serving(services: ActionServices) -> Iterator[ActionServices]:
    """Run the actions called inside this block with ``services`` (the block's task and its children)."""
    token = _serving.set(services)
    try:
        yield services
    finally:
        _serving.reset(token)


def serve_process(services: ActionServices) -> None:
    """Give every action call of this process ``services`` unless a host's call says otherwise: for
    rasa-sdk's action server, whose executor runs actions without a host (``bot/action_server.py``)."""
    _process[:] = [services]


def current() -> ActionServices:
    """The services of the host running this action call (or the process's, on rasa-sdk's server)."""
    try:
        return _serving.get()
    except LookupError:
        if _process:
            return _process[0]
        raise RuntimeError(
            "no action services: actions run through an ActionHost, inside actions.services.serving(), or "
            "in a process given them by serve_process()"
        ) from None


class ActionHost:
    """rasa-sdk's executor with every action of this package, each call run with the host's services."""

    def __init__(self, services: ActionServices):
        from rasa_sdk.executor import ActionExecutor

        self.services = services
        self.executor = ActionExecutor()
        self.executor.register_package("actions")

    async def run(self, action_call: dict[str, Any]) -> dict[str, Any] | None:
        with serving(self.services):
            return await self.executor.run(action_call)
