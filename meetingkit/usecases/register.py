"""The partnership's register between (or in) meetings: agreements reviewed, revised or retired,
actions marked done or dropped.

The one way the register screen, the review section of a meeting and `meetingkit agreement` /
`meetingkit action` all do it, each in one transaction: the same rules (a retired or revised
agreement no longer stands; only an open action is closed) and the same messages, none of which
quotes the item (it may be confidential and the screen projected).
"""

from __future__ import annotations

from datetime import date

from meetingkit.core.models import ActionStatus, Agreement
from meetingkit.store import Store


class RegisterRefused(ValueError):
    """A change that makes no sense from where the item is, or made in another partnership's meeting."""


def _meeting_of(store: Store, partnership_id: str, meeting_id: str | None) -> str | None:
    """The meeting a change is made in, if it is one of the partnership's (else refused)."""
    if meeting_id is None:
        return None
    if store.meetings.get(meeting_id).partnership_id != partnership_id:
        raise RegisterRefused("That item is another partnership's; it is changed in their meetings or register.")
    return meeting_id


def _partnership_of_agreement(store: Store, agreement_id: str) -> str:
    partnership_id = store.db.value("SELECT partnership_id FROM agreements WHERE id = ?", [agreement_id])
    if partnership_id is None:
        raise KeyError(f"no agreement {agreement_id}")
    return str(partnership_id)


def review_agreement(
    store: Store, agreement_id: str, review_on: date | None, *, meeting_id: str | None = None
) -> None:
    """Confirm an agreement as it stands, with its next review day (None: no further review).

    Raises:
        KeyError: there is no such agreement.
        ValueError: it was retired or revised, or the meeting is another partnership's.
    """
    with store.db.transaction():
        _meeting_of(store, _partnership_of_agreement(store, agreement_id), meeting_id)
        store.business.review_agreement(agreement_id, review_on)


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


def retire_agreement(store: Store, agreement_id: str, *, meeting_id: str | None = None) -> None:
    """An agreement that no longer stands: it stays in the register as retired.

    Raises:
        KeyError: there is no such agreement.
        ValueError: it was retired or revised already, or the meeting is another partnership's.
    """
    with store.db.transaction():
        _meeting_of(store, _partnership_of_agreement(store, agreement_id), meeting_id)
        store.business.retire_agreement(agreement_id)


def close_action(store: Store, action_id: str, status: ActionStatus, *, meeting_id: str | None = None) -> None:
    """Mark an open action done or dropped, in a meeting or between meetings (`meeting_id` None).

    Raises:
        KeyError: there is no such action.
        ValueError: it is closed already, or the meeting is another partnership's.
    """
    with store.db.transaction():
        row = store.db.rows("SELECT partnership_id, status FROM actions WHERE id = ?", [action_id])
        if not row:
            raise KeyError(f"no action {action_id}")
        partnership_id, current = row[0]
        if current != ActionStatus.OPEN.value:
            carried = " into a later meeting, where it goes on as an action of its own" if (
                current == ActionStatus.CARRIED.value) else ""
            raise RegisterRefused(f"That action is {current} already{carried}; only an open action is closed.")
        meeting = _meeting_of(store, str(partnership_id), meeting_id)
        store.business.close_action(action_id, status, meeting)
