"""GET /api/widget: the widget's words and start menu, served from the data the assistant itself reads,
so a word or a label changes in one place for every channel.

The start menu is 分野から探す, then each flow's button from the table of flows (faq/data/flows.yml), the
same buttons the greeting gives in the chat and LINE gives as quick replies; the texts are the widget's
own words (faq/data/messages.yml, ``widget``), with their ``{fields}`` for the widget to fill. widget.js
names none of them; it keeps the last ones served, so it starts at once next time and works offline.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from bot.web.deps import get_flows
from bot.web.schemas import WidgetPublic
from faq.content.flows import FlowTable
from faq.content.messages import texts

router = APIRouter(prefix="/api", tags=["widget"])


@router.get("/widget", response_model=WidgetPublic)
def widget(response: Response, flows: FlowTable = Depends(get_flows)) -> dict:
    """The widget's start menu (its buttons' titles and the payloads they send) and its words."""
    # Public words any page may read (no cookie, nothing of a resident): the widget appears wherever it is
    # embedded, as it did when its words were in the script; whether it may chat is still the chat route's
    # CORS, for the configured origins only.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return {"start_menu": flows.start_menu(), "texts": texts("widget")}
