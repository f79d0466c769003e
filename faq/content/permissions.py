"""Who may do what with an entry: the one home of the console's permission rules.

A staff account has a role and belongs to one organisation (:mod:`faq.content.organisations`):

- ``editor`` writes and submits drafts of entries its organisation owns;
- ``reviewer`` also publishes, rolls back and retires them;
- ``admin`` — the national administrator, an account of 総務省 (``national``) — sees and does everything,
  for every organisation, and may choose the owner of a new entry.

Every account sees the national entries (a municipality writes local answers beside them) and its own
organisation's; another organisation's entries are out of sight. Refusals are :class:`PermissionDenied`
with the reason in Japanese, shown to staff as it is (the staff API answers 403 with it).

>>> sato = Actor("sato", EDITOR, "municipality:172049")
>>> may(sato, EntryAction.EDIT, "municipality:172049"), may(sato, EntryAction.EDIT, "national")
(True, False)
>>> may(sato, EntryAction.PUBLISH, "municipality:172049")
False
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from faq.content.organisations import NATIONAL, municipality_id
from faq.errors import FaqError
from faq.model import TextEnum

if TYPE_CHECKING:
    from faq.places.gazetteer import Municipality

EDITOR, REVIEWER, ADMIN = "editor", "reviewer", "admin"
ROLES = (EDITOR, REVIEWER, ADMIN)
ROLE_NAMES = {EDITOR: "編集担当", REVIEWER: "レビュー担当", ADMIN: "全国管理者"}


class PermissionDenied(FaqError):
    """The actor's role or organisation may not do this; the message is for staff, in Japanese."""


class EntryAction(TextEnum):
    VIEW = "view"
    EDIT = "edit"  # create, edit, submit a draft
    PUBLISH = "publish"
    ROLLBACK = "rollback"
    RETIRE = "retire"
    IMPORT = "import"
    EXPORT = "export"


REVIEWER_ACTIONS = frozenset({EntryAction.PUBLISH, EntryAction.ROLLBACK, EntryAction.RETIRE})
ACTION_NAMES = {
    EntryAction.VIEW: "閲覧",
    EntryAction.EDIT: "編集",
    EntryAction.PUBLISH: "公開",
    EntryAction.ROLLBACK: "以前の版に戻すこと",
    EntryAction.RETIRE: "公開終了",
    EntryAction.IMPORT: "取り込み",
    EntryAction.EXPORT: "書き出し",
}


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a staff member (or ``seed`` / an import), their role and organisation."""

    username: str
    role: str
    organisation: str = NATIONAL

    @property
    def is_admin(self) -> bool:
        """The national administrator: role admin in 総務省 (an admin elsewhere is never created)."""
        return self.role == ADMIN and self.organisation == NATIONAL

    @property
    def may_review(self) -> bool:
        return self.role in (REVIEWER, ADMIN)

    def require(self, role: str, action: str) -> None:
        """The role check alone (disasters, imports): reviewer work needs a reviewer or the admin."""
        if role == REVIEWER and not self.may_review:
            raise PermissionDenied(_needs_reviewer(action, self))


def can_see(actor: Actor, owner: str) -> bool:
    """National entries and the actor's organisation's; the admin sees all."""
    return actor.is_admin or owner in (NATIONAL, actor.organisation)


def may(actor: Actor, action: EntryAction, owner: str) -> bool:
    """Whether ``actor`` may do ``action`` to an entry ``owner`` owns."""
    if actor.is_admin:
        return True
    if action in (EntryAction.VIEW, EntryAction.EXPORT):
        return can_see(actor, owner)
    if action in REVIEWER_ACTIONS and not actor.may_review:
        return False
    return owner == actor.organisation


def allowed(actor: Actor, owner: str) -> frozenset[EntryAction]:
    """Everything ``actor`` may do to an entry of ``owner``: what the console offers."""
    return frozenset(a for a in EntryAction if may(actor, a, owner))


def require(actor: Actor, action: EntryAction, owner: str, entry_id: str = "") -> None:
    """Raise :class:`PermissionDenied`, with the reason in Japanese, unless :func:`may` allows it."""
    if may(actor, action, owner):
        return
    what = f"エントリ {entry_id} の" if entry_id else ""
    doing = ACTION_NAMES[action]
    if action in REVIEWER_ACTIONS and not actor.may_review:
        raise PermissionDenied(_needs_reviewer(what + doing, actor))
    raise PermissionDenied(
        f"{what}{doing}はできません: 担当組織 {owner} のエントリです"
        f"（{actor.username} の所属は {actor.organisation}）。"
    )


NATIONAL_QUEUE = ""  # the centre of a 相談メモ whose place is not known


def memo_centres(actor: Actor) -> frozenset[str] | None:
    """The 相談メモ inboxes ``actor`` works: a centre's staff their centre's, national staff the national
    queue (memos with no known place), the national admin every one (None). A municipality's staff have
    none: memos go to the centres, which serve residents."""
    if actor.is_admin:
        return None
    if actor.organisation == NATIONAL:
        return frozenset({NATIONAL_QUEUE})
    if actor.organisation.startswith("centre:"):
        return frozenset({actor.organisation})
    return frozenset()


def disaster_owner(actor: Actor) -> str:
    """The owner of a disaster ``actor`` declares: ``national`` for national staff, the municipality for a
    municipality's staff. A centre declares no disaster: :class:`PermissionDenied`."""
    if actor.organisation == NATIONAL or actor.organisation.startswith(municipality_id("")):
        return actor.organisation
    raise PermissionDenied(
        "災害モードを始められるのは総務省と市区町村の職員です（きくみみの職員はできません）。"
    )


def disaster_area(actor: Actor, municipality: Municipality | None) -> dict[str, Any] | None:
    """The area a disaster ``actor`` declares must have: None for national staff (any area, as before), the
    municipality alone for a municipality's staff (``municipality`` is theirs, from the gazetteer). A
    centre declares no disaster: :class:`PermissionDenied`."""
    return owner_area(disaster_owner(actor), municipality)


def owner_area(owner: str, municipality: Municipality | None) -> dict[str, Any] | None:
    """The area a disaster ``owner`` owns has, whoever declares or edits it: None (any) for a national one,
    its own municipality (``municipality``, from the gazetteer) for a municipality's."""
    if owner == NATIONAL:
        return None
    if municipality is None:
        raise PermissionDenied(f"{owner} の市区町村が見つかりません。")
    return {
        "prefectures": [municipality.prefecture],
        "municipalities": {municipality.name: municipality.prefecture},
    }


def may_switch_disaster(actor: Actor, owner: str) -> bool:
    """Whether ``actor`` may edit, end or reopen a disaster ``owner`` owns: a national disaster only national
    reviewers, a municipality's only that municipality's reviewers; the national admin any. Its area never
    decides: a national disaster of one town is still national."""
    return actor.is_admin or (actor.may_review and owner == actor.organisation)


def require_switch_disaster(actor: Actor, owner: str, disaster_id: str, doing: str) -> None:
    """Raise :class:`PermissionDenied`, with the reason in Japanese, unless :func:`may_switch_disaster`."""
    if may_switch_disaster(actor, owner):
        return
    if not actor.may_review:
        raise PermissionDenied(_needs_reviewer(doing, actor))
    whose = "総務省" if owner == NATIONAL else owner
    raise PermissionDenied(
        f"災害 {disaster_id} は{whose}の災害です。変更・終了・再開できるのは担当の組織のレビュー担当"
        f"（市区町村の職員は自分の市区町村の災害だけ）と全国管理者です（{actor.username} の所属は "
        f"{actor.organisation}）。"
    )


def owner_for_new(actor: Actor, requested: str | None) -> str:
    """The owner of an entry ``actor`` creates: the actor's organisation; the admin may choose another."""
    if not requested or requested == actor.organisation:
        return actor.organisation
    if actor.is_admin:
        return requested
    raise PermissionDenied(
        f"担当組織を {requested} にはできません（全国管理者だけが選べます。{actor.username} の所属は "
        f"{actor.organisation}）。"
    )


def owner_for_edit(actor: Actor, current: str, requested: str | None) -> str:
    """The owner after an edit: unchanged, unless the admin moves the entry to another organisation."""
    if not requested or requested == current:
        return current
    if actor.is_admin:
        return requested
    raise PermissionDenied(f"担当組織を変えられるのは全国管理者だけです（今の担当組織は {current}）。")


def _needs_reviewer(doing: str, actor: Actor) -> str:
    role = ROLE_NAMES.get(actor.role, actor.role)
    return f"{doing}にはレビュー担当の権限が必要です（{actor.username} は{role}）。"
