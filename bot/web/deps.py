"""Objects the routes need, provided once per process and overridable in tests."""

from __future__ import annotations

from fastapi import Request

from faq.content.flows import FlowTable
from faq.places.directory import KikumimiDirectory
from faq.service import FaqService


def get_faq_service(request: Request) -> FaqService:
    return request.app.state.faq_service


def get_directory(request: Request) -> KikumimiDirectory:
    """The app's one きくみみ directory and place resolver (loaded and warmed once, at start-up)."""
    return request.app.state.directory


def get_flows(request: Request) -> FlowTable:
    """The table of flows the app and its actions share (faq/data/flows.yml, read once at start-up)."""
    return request.app.state.flows
