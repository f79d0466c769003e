"""GET /api/widget: what the widget shows before the resident types, served from the data the assistant
itself reads, so a label changes in one place for every channel.

Today the start menu: 分野から探す, then each flow's button from the table of flows (faq/data/flows.yml),
the same buttons the greeting gives in the chat and LINE gives as quick replies. widget.js keeps the last
menu it was served, so 「メニュー」 still works without a connection.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from bot.web.deps import get_flows
from bot.web.schemas import WidgetPublic
from faq.content.flows import FlowTable

router = APIRouter(prefix="/api", tags=["widget"])


@router.get("/widget", response_model=WidgetPublic)
def widget(flows: FlowTable = Depends(get_flows)) -> dict:
    """The widget's start menu (its buttons' titles and the payloads they send)."""
    return {"start_menu": flows.start_menu()}
