"""The partnership's register between (or in) meetings: agreements reviewed, revised, retired,
corrected or deleted, actions marked done or dropped, corrected or deleted, each kept in the item's
history (`store.changes`) with the meeting it was made in and a note.

The one way the register screen, the review section of a meeting and `meetingkit agreement` /
`meetingkit action` all do it, each in one transaction: the same rules (a retired or revised
agreement no longer stands; only an open action is closed) and the same messages, none of which
quotes the item (it may be confidential and the screen projected).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from meetingkit.core.i18n import _
from meetingkit.core.models import ActionStatus, Agreement, Change, ChangedTable
from meetingkit.store import Store
from meetingkit.store.business import ActionNotOpen


class RegisterRefused(ValueError):
    """A change that makes no sense from where the item is, or made in another partnership's meeting."""


def _meeting_of(store: Store, partnership_id: str, meeting_id: str | None) -> str | None:
    """The meeting a change is made in, if it is one of the partnership's (else refused)."""
    if meeting_id is None:
        return None
    if store.meetings.get(meeting_id).partnership_id != partnership_id:
        raise RegisterRefused(_("That item is another partnership's; it is changed in their meetings or register."))
    return meeting_id


def _partnership_of_agreement(store: Store, agreement_id: str) -> str:
    partnership_id = store.db.value("SELECT partnership_id FROM agreements WHERE id = ?", [agreement_id])
    if partnership_id is None:
        raise KeyError(f"no agreement {agreement_id}")
    return str(partnership_id)


def review_agreement(
    store: Store, agreement_id: str, review_on: date | None, *, meeting_id: str | None = None, note: str = ""
) -> None:
    """Confirm an agreement as it stands, with its next review day (None: no further review).

    Raises:
        KeyError: there is no such agreement.
        ValueError: it was retired or revised, or the meeting is another partnership's.
    """
    with store.db.transaction():
        meeting = _meeting_of(store, _partnership_of_agreement(store, agreement_id), meeting_id)
        store.business.review_agreement(agreement_id, review_on, meeting_id=meeting, note=note)


def revise_agreement(store: Store, agreement_id: str, text: str, *, meeting_id: str | None = None) -> Agreement:
    """Give an agreement new wording; the old wording stays in the register, marked revised.
    Returns the agreement as it now stands.

    Raises:
        KeyError: there is no such agreement.
        ValueError: it was retired or revised, the wording is empty or unchanged, or the meeting is
            another partnership's.
        TextTooLong: the wording is longer than an agreement takes.
    """
    with store.db.transaction():
        meeting = _meeting_of(store, _partnership_of_agreement(store, agreement_id), meeting_id)
        return store.business.revise_agreement(agreement_id, text, meeting)


def retire_agreement(store: Store, agreement_id: str, *, meeting_id: str | None = None, note: str = "") -> None:
    """An agreement that no longer stands: it stays in the register as retired.

    Raises:
        KeyError: there is no such agreement.
        ValueError: it was retired or revised already, or the meeting is another partnership's.
    """
    with store.db.transaction():
        meeting = _meeting_of(store, _partnership_of_agreement(store, agreement_id), meeting_id)
        store.business.retire_agreement(agreement_id, meeting_id=meeting, note=note)


def close_action(
    store: Store, action_id: str, status: ActionStatus, *, meeting_id: str | None = None, note: str = ""
) -> None:
    """Mark an open action done or dropped, in a meeting or between meetings (`meeting_id` None).

    Raises:
        KeyError: there is no such action.
        ValueError: it is closed already (`Business.close_action`'s rule), or the meeting is another
            partnership's.
    """
    with store.db.transaction():
        meeting = _meeting_of(store, _partnership_of(store, "actions", action_id), meeting_id)
        try:
            store.business.close_action(action_id, status, meeting, note=note)
        except ActionNotOpen as refused:
            raise RegisterRefused(str(refused)) from None


def _partnership_of(store: Store, table: str, row_id: str) -> str:
    partnership_id = store.db.value(f"SELECT partnership_id FROM {table} WHERE id = ?", [row_id])
    if partnership_id is None:
        raise KeyError(f"no {table[:-1]} {row_id}")
    return str(partnership_id)


UNCHANGED: Any = object()
"""An edit's field left as it is."""


@dataclass(frozen=True)
class ActionEdit:
    """What a correction of an action changes; a field left `UNCHANGED` stays as it is."""

    text: str | None = None
    owner: str | None = None
    """The owner as typed (a person, "Name, Org", an organisation; empty: nobody yet), or None: unchanged."""
    due_on: date | None = UNCHANGED


def edit_agreement(
    store: Store, agreement_id: str, *, text: str | None = None, review_on: date | None = UNCHANGED,
    meeting_id: str | None = None, note: str = "",
) -> bool:
    """Correct a standing agreement's words (a typo fix; new substance is `revise_agreement`) or its
    review day. Returns whether anything changed.

    Raises:
        KeyError: there is no such agreement.
        ValueError: it was retired or revised, the words are empty, or the meeting is another partnership's.
    """
    values: dict[str, Any] = {}
    if text is not None:
        values["text"] = text
    if review_on is not UNCHANGED:
        values["review_on"] = review_on
    with store.db.transaction():
        meeting = _meeting_of(store, _partnership_of_agreement(store, agreement_id), meeting_id)
        return store.business.edit_agreement(agreement_id, values, meeting_id=meeting, note=note)


def edit_action(store: Store, action_id: str, edit: ActionEdit, *, meeting_id: str | None = None,
                note: str = "") -> bool:
    """Correct an action: its words, its owner (read as a capture reads it: someone in the room, one of
    the partnership's organisations, or "Name, Org"), its due day. Returns whether anything changed.

    Raises:
        KeyError: there is no such action.
        ValueError: it was carried, the words are empty, or the meeting is another partnership's.
    """
    values: dict[str, Any] = {}
    if edit.text is not None:
        values["text"] = edit.text
    if edit.due_on is not UNCHANGED:
        values["due_on"] = edit.due_on
    with store.db.transaction():
        meeting = _meeting_of(store, _partnership_of(store, "actions", action_id), meeting_id)
        if edit.owner is not None:
            # Who is "in the room" for an owner typed: the meeting the edit is made in, else the action's own.
            context = meeting or store.db.value("SELECT meeting_id FROM actions WHERE id = ?", [action_id])
            if context is None:
                raise RegisterRefused(_("That action belongs to no meeting here, so its owner cannot be read."))
            person, organisation = store.business.resolve_owner(str(context), edit.owner)
            values.update(owner_person_id=person, owner_organisation_id=organisation)
        return store.business.edit_action(action_id, values, meeting_id=meeting, note=note)


def delete_agreement(store: Store, agreement_id: str, *, meeting_id: str | None = None, note: str = "") -> None:
    """Delete an agreement (and who was party to it) for good; its history keeps what it was.

    Raises:
        KeyError: there is no such agreement.
        ValueError: the meeting is another partnership's.
    """
    with store.db.transaction():
        meeting = _meeting_of(store, _partnership_of_agreement(store, agreement_id), meeting_id)
        store.business.delete_agreement(agreement_id, meeting_id=meeting, note=note)


def delete_action(store: Store, action_id: str, *, meeting_id: str | None = None, note: str = "") -> None:
    """Delete an action for good; its history keeps what it was.

    Raises:
        KeyError: there is no such action.
        ValueError: the meeting is another partnership's.
    """
    with store.db.transaction():
        meeting = _meeting_of(store, _partnership_of(store, "actions", action_id), meeting_id)
        store.business.delete_action(action_id, meeting_id=meeting, note=note)


def history(store: Store, table: ChangedTable, row_id: str) -> list[Change]:
    """An agreement's or action's decisions and corrections, oldest first."""
    return store.business.history(table, row_id)
