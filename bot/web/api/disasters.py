"""GET /api/disasters/active: the disasters in disaster mode, for the widget's banner.

Read from the database on every request, so a disaster declared or ended in the console shows at once. A
municipality's own disaster is listed only for a page of that municipality (``municipality=``); a national
one for every page of its prefectures.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, HTTPException, Query

from bot.web.deps import get_directory, get_faq_service, get_flows
from bot.web.schemas import DisasterBannerPublic
from faq.content.disasters import Disaster, active_disasters, disaster_contact
from faq.content.flows import FlowTable
from faq.content.organisations import six_digit_code
from faq.places.directory import KikumimiDirectory
from faq.service import FaqService

router = APIRouter(prefix="/api/disasters", tags=["disasters"])


def _banner(disaster: Disaster, region: str | None, directory: KikumimiDirectory, start: str) -> dict:
    """Name, the number to call (decided by the engine, as the chat decides it) and the chat payload that
    opens the disaster flow for the region (``start``, the flow's payload in the table of flows)."""
    contact = disaster_contact(disaster, region, directory)
    payload = start + json.dumps({"prefecture": contact.prefecture}, ensure_ascii=False)
    return {
        "id": disaster.id,
        "name": disaster.name,
        "prefectures": list(disaster.prefectures),
        "contact": {"name": contact.name, "phone": contact.phone, "hours": contact.hours, "tel": contact.tel},
        "payload": payload,
    }


@router.get("/active", response_model=list[DisasterBannerPublic])
def active(
    region: str | None = Query(
        None,
        max_length=20,
        description="A prefecture (石川県, 石川); empty: every national disaster in disaster mode.",
    ),
    municipality: str | None = Query(
        None,
        max_length=40,
        description="The page's municipality, as the widget's data-municipality: its 団体コード (172049) or "
        "name (輪島市). A municipality's own disaster is listed only with it; its prefecture is the region "
        "when none is given.",
    ),
    service: FaqService = Depends(get_faq_service),
    directory: KikumimiDirectory = Depends(get_directory),
    flows: FlowTable = Depends(get_flows),
) -> list[dict]:
    """Disasters in disaster mode, with the number to call and the payload that starts the flow."""
    prefecture = None
    if region and region.strip():
        prefecture = directory.find_prefecture(region)
        if prefecture is None:
            raise HTTPException(status_code=422, detail=f"region {region!r} is not a prefecture")
    code = None
    if municipality and municipality.strip():
        place = directory.place_of(municipality)
        if place is None:
            raise HTTPException(
                status_code=422,
                detail=f"municipality {municipality!r} names no single 市区町村 or 都道府県: "
                "send its 団体コード, or its name with the prefecture (北海道伊達市)",
            )
        prefecture = prefecture or place.prefecture
        code = six_digit_code(place.municipality.code) if place.municipality else None
    found = active_disasters(service.store, prefecture, code)
    start = flows.by_form("disaster_form").payload
    return [_banner(d, prefecture, directory, start) for d in found]
