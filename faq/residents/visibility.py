"""What a staff member's organisation may see of residents' open questions and votes (the learning loop
and the overview): a vote on a municipality's own entry is that municipality's and the national admin's.
The rule itself is faq.content.permissions.can_see, as for the entries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from faq.content.organisations import NATIONAL
from faq.content.permissions import Actor, can_see
from faq.content.store import FaqStore
from faq.content.versions import EntryVersions
from faq.residents.learning import FEEDBACK, ItemRef, LearningItem, items_for


def entry_owners(store: FaqStore) -> dict[str, str]:
    """Every entry's organisation (its working version's owner)."""
    return {summary.id: summary.owner for summary in EntryVersions(store).summaries()}


def sees_entry(actor: Actor, owners: dict[str, str], entry_id: str) -> bool:
    """Whether ``actor`` may see entry ``entry_id`` (``owners``: :func:`entry_owners`); an entry the store
    no longer has counts as national."""
    return can_see(actor, owners.get(entry_id, NATIONAL))


def for_actor(items: Iterable[LearningItem], owners: dict[str, str], actor: Actor) -> list[LearningItem]:
    """What ``actor`` may see of the open items (faq.content.permissions.can_see): a vote on an entry of an
    organisation it cannot see is left out, and the entries offered to a resident that it cannot see are
    not named. Unanswered questions belong to no organisation and stay."""

    def seen(entry_id: str) -> bool:
        return sees_entry(actor, owners, entry_id)

    shown = []
    for item in items:
        if item.ref.kind == FEEDBACK and not all(seen(e) for e in item.entry_ids):
            continue
        shown.append(replace(item, entry_ids=tuple(e for e in item.entry_ids if seen(e))))
    return shown


def visible_refs(store: FaqStore, refs: Sequence[ItemRef], actor: Actor) -> list[ItemRef]:
    """The references among ``refs`` whose items ``actor`` may see (see :func:`for_actor`): what it may
    resolve. Unknown references are left out (there is nothing to resolve)."""
    shown = {item.ref for item in for_actor(items_for(store, refs), entry_owners(store), actor)}
    return [ref for ref in refs if ref in shown]
