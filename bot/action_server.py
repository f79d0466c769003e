"""The project's custom actions behind rasa-sdk's own action server, the way a Rasa developer deploys them.

    GOVBOT_DATABASE_URL=sqlite:///var/govbot.db rasa run actions --actions bot.action_server

``make run`` does not use this: the web process runs the actions in process (``bot/web/assistant.py``),
which is what a turn costs there. This module is the other deployment — ``rasa run`` on the same model
with ``endpoints.yml`` pointing at this server over HTTP — so that ``benchmarks/turns_vs_stock.py`` can
measure the project against itself deployed the stock way, with the same actions and the same answers.

rasa-sdk imports the package named by ``--actions`` when its server starts and registers every subclass
of ``Action`` then loaded; it offers no other start-up hook. So importing this module is the start-up:
it imports every module of ``actions``, builds the FAQ service (the database from ``GOVBOT_DATABASE_URL``,
the index from ``GOVBOT_INDEX_DIR``) and the きくみみ directory, warms both up, and hands them to
:func:`actions.services.serve_process`. Nothing is stubbed: the answers are the ones ``make run`` gives.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil

import actions
from actions.services import ActionServices, serve_process
from faq.places.directory import KikumimiDirectory
from faq.service import FaqService

logger = logging.getLogger(__name__)


def load_actions() -> list[str]:
    """Import every module of the ``actions`` package, so that rasa-sdk's executor finds its actions."""
    names = [f"actions.{info.name}" for info in pkgutil.iter_modules(actions.__path__)]
    for name in names:
        importlib.import_module(name)
    return names


def start() -> ActionServices:
    """Build and warm up the services the actions read, and make them this process's."""
    service = FaqService()
    service.warm_up()
    directory = KikumimiDirectory.default()
    directory.warm_up()
    services = ActionServices(faq=service, directory=directory)
    serve_process(services)
    logger.info(
        "action server: %d action modules, index revision %s", len(load_actions()), service.index.revision
    )
    return services


start()  # rasa-sdk's only start-up hook is this import (see the module's docstring)
