"""Objects the routes need, provided once per process and overridable in tests."""

from __future__ import annotations

from fastapi import Request

from faq.service import FaqService


def get_faq_service(request: Request) -> FaqService:
    return request.app.state.faq_service
