"""対象の規則 in the staff console: the eligibility rules table (faq/data/rules), listed with each rule's
versions, reviewed like entries and 地域の窓口 through the same macros and steps
(:mod:`bot.web.console.review`). National editors write a draft of a rule (its YAML mapping, checked by
the eligibility reader's own parser); national reviewers publish, retire and roll it back, and the verdicts
read the published table at once (:meth:`faq.service.FaqService.use_published_rules`).
"""

from __future__ import annotations

import logging
from typing import Any

import yaml
from fastapi import APIRouter, Request

from bot.web.auth import Staff, editor_page, reviewer_page
from bot.web.console.entry_workflow import faq_service_of
from bot.web.console.rendering import confirm_page, confirmed, redirect, render
from bot.web.console.review import STEPS, Step, history_context, rollback_target, workflow
from faq.content.organisations import NATIONAL
from faq.content.permissions import allowed
from faq.content.rule_versions import RuleRecord, RuleVersion, RuleVersions
from faq.content.staff_messages import VERSION_STATUS_LABELS, reason_in_japanese
from faq.content.workflow import WorkflowError
from faq.eligibility.rules import RuleError

logger = logging.getLogger(__name__)
pages = APIRouter(prefix="/console/rules", include_in_schema=False)


def _versions(request: Request) -> RuleVersions:
    return RuleVersions(faq_service_of(request).store)


def _as_yaml(version: RuleVersion) -> str:
    return yaml.safe_dump(version.rule.mapping(), allow_unicode=True, sort_keys=False, width=100)


@pages.get("")
def list_page(request: Request, staff: Staff = editor_page):
    """Every rule by its working version, in the table's order (the order questions are matched in)."""
    return render(
        request,
        "rules.html",
        staff,
        title="対象の規則",
        rows=_versions(request).working_all(),
        labels=VERSION_STATUS_LABELS,
    )


def _rule_page(request: Request, staff: Staff, rule_id: str, text: str | None = None, **extra: Any):
    history = workflow(lambda: _versions(request).history(rule_id))
    return render(
        request,
        "rule.html",
        staff,
        status_code=extra.pop("status_code", 200),
        title=f"対象の規則 {rule_id}",
        rule_id=rule_id,
        mapping=history[0].rule.mapping(),
        text=_as_yaml(history[0]) if text is None else text,
        **history_context(history, {a.value for a in allowed(staff.actor, NATIONAL)}),
        **extra,
    )


@pages.get("/{rule_id}")
def rule_page(request: Request, rule_id: str, staff: Staff = editor_page):
    return _rule_page(request, staff, rule_id)


@pages.post("/{rule_id}")
async def save_from_page(request: Request, rule_id: str, staff: Staff = editor_page):
    """A new draft of the rule from its YAML; the id stays the page's, the place in the table stays."""
    form = await request.form()
    text = str(form.get("record") or "")[:20_000]
    versions = _versions(request)
    working = workflow(lambda: versions.working(rule_id))
    try:
        mapping = yaml.safe_load(text)
        if not isinstance(mapping, dict):
            raise RuleError("a rule is a mapping of its fields")
        record = RuleRecord.of({**mapping, "id": rule_id}, working.rule.position)
        workflow(lambda: versions.save_draft(record, staff.actor, str(form.get("reason") or "") or "編集"))
    except (yaml.YAMLError, RuleError, WorkflowError) as exc:
        problems = [{"item": "規則", "reason": reason_in_japanese(str(exc))}]
        return _rule_page(request, staff, rule_id, text, problems=problems, status_code=422)
    return redirect(f"/console/rules/{rule_id}", "saved")


def _follow(request: Request, rule_id: str, step: str) -> None:
    """The verdicts read the published table from now on (this worker; others at their next start)."""
    in_use = faq_service_of(request).use_published_rules()
    logger.info("rule %s %s; %d rules in use", rule_id, step, in_use)


@pages.post("/{rule_id}/rollback")
async def rollback_from_page(request: Request, rule_id: str, staff: Staff = reviewer_page):
    """Publish an older version of the rule again, after a confirmation; the reason is required."""
    form = await request.form()
    versions = _versions(request)
    history = workflow(lambda: versions.history(rule_id))
    target = rollback_target(form, history, rule_id)
    reason = str(form.get("reason") or "").strip()[:500]
    if not reason:
        missing = [{"item": "理由", "reason": "以前の版に戻す理由を書いてください"}]
        return _rule_page(request, staff, rule_id, problems=missing, status_code=422)
    if not confirmed(form):
        return confirm_page(
            request,
            staff,
            heading=f"対象の規則 {rule_id}：v{target.number} の内容を公開しますか？",
            effects=[
                f"この規則で決まる答え（対象です／対象になりません）が v{target.number} の内容になります。",
                f"規則：{target.rule.mapping().get('rule', '')}",
            ],
            undo="公開後もこの画面の履歴から、直前に公開していた版に同じ手順で戻せます。",
            action=f"/console/rules/{rule_id}/rollback",
            confirm_label=f"v{target.number} の内容を公開する",
            back=f"/console/rules/{rule_id}",
            hidden={"version": str(target.number), "reason": reason},
        )
    workflow(lambda: versions.rollback(rule_id, target.number, staff.actor, reason))
    _follow(request, rule_id, f"rolled back to v{target.number}")
    return redirect(f"/console/rules/{rule_id}", "rolled_back")


@pages.post("/{rule_id}/{step}")
async def step_from_page(request: Request, rule_id: str, step: Step, staff: Staff = editor_page):
    form = await request.form()
    default_reason, flash, _ = STEPS[step]
    method = getattr(_versions(request), step.value)
    workflow(lambda: method(rule_id, staff.actor, str(form.get("reason") or "").strip() or default_reason))
    if step != Step.submit:
        _follow(request, rule_id, step.value)
    return redirect(f"/console/rules/{rule_id}", flash)
