"""Every worker follows the rules table: a rule another worker published (a new version in the database,
nothing said to this process) reaches this worker's verdicts within a few ticks of the index watch."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import yaml

from bot.web.index_watch import follow_published_entries
from faq.content.rule_versions import RuleRecord, RuleVersions
from faq.content.versions import EDITOR, REVIEWER, Actor
from faq.eligibility import rules as eligibility_rules
from faq.service import FaqService
from tests.faq.test_rule_versions import hours_in_use

pytestmark = pytest.mark.unit


@pytest.fixture()
def service(tmp_settings) -> Iterator[FaqService]:
    service = FaqService(tmp_settings)
    service.store.migrate()
    RuleVersions(service.store).sync_files()
    service.use_published_rules()
    yield service
    eligibility_rules.use_published(None)  # later tests read the shipped files again


def publish_elsewhere(service: FaqService, hours: int) -> None:
    """What another worker's console does, minus telling this process."""
    versions = RuleVersions(service.store)
    working = versions.working("fukugyo").rule
    mapping = yaml.safe_load(yaml.safe_dump(working.mapping()))
    mapping["minimums"]["hours_per_month"] = hours
    versions.save_draft(RuleRecord.of(mapping, working.position), Actor("e", EDITOR), "直す")
    versions.publish("fukugyo", Actor("r", REVIEWER), "公開")


def test_a_rule_published_by_another_worker_reaches_this_ones_verdicts(service) -> None:
    async def watch_while_publishing() -> list[int]:
        task = asyncio.create_task(follow_published_entries(service, 0.05))
        await asyncio.sleep(0.3)  # the first ticks note the table as it is
        seen = [hours_in_use()]
        await asyncio.to_thread(publish_elsewhere, service, 30)
        for _ in range(60):
            await asyncio.sleep(0.05)
            if hours_in_use() == 30:
                break
        seen.append(hours_in_use())
        task.cancel()
        return seen

    assert asyncio.run(watch_while_publishing()) == [20, 30]
