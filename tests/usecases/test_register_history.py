"""Every decision and correction of an agreement or action keeps its history (issue 16): what each
field was and became, in which meeting, with a note; a deletion keeps the whole row and leaves a
tombstone; purging a meeting takes the history of what was captured in it."""

from __future__ import annotations

from datetime import date

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ActionStatus, Attribution, ChangedTable, ChangeKind
from meetingkit.store import Store
from meetingkit.store.business import PARTIES, SUCCESSOR
from meetingkit.usecases import register
from meetingkit.usecases.meetings import end_meeting, start_meeting


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    return start_meeting(store, "Schools and settlement", library.agendas["operational"], title="October")


def _columns(store: Store, table: str, row_id: str) -> dict:
    return dict(store.db.rows(f"SELECT * FROM {table} WHERE id = ?", [row_id])[0])


def test_review_revise_and_retire_keep_what_changed_with_meeting_and_note(store: Store, meeting) -> None:
    first = store.business.add_agreement(meeting.id, "Workers are school-based", review_on=date(2026, 12, 1))
    register.review_agreement(store, first.id, date(2027, 6, 1), meeting_id=meeting.id, note="still true")
    revised = register.revise_agreement(store, first.id, "Workers are school-based, not school-bound")
    register.retire_agreement(store, revised.id, note="the programme ended")
    old = store.business.history(ChangedTable.AGREEMENTS, first.id)
    assert [(c.kind, c.meeting_id, c.note) for c in old] == [
        (ChangeKind.REVIEWED, meeting.id, "still true"), (ChangeKind.REVISED, None, "")]
    assert old[0].fields == (("review_on", "2026-12-01", "2027-06-01"),)
    assert old[1].fields == (("status", "active", "revised"), (SUCCESSOR, None, revised.id))
    (retired,) = store.business.history(ChangedTable.AGREEMENTS, revised.id)
    assert (retired.kind, retired.fields, retired.note) == (
        ChangeKind.RETIRED, (("status", "active", "retired"),), "the programme ended")


def test_closing_keeps_status_and_time_and_only_an_open_action_is_closed(store: Store, meeting) -> None:
    action = store.business.add_action(meeting.id, "Send the dates", confidential=True)
    store.business.close_action(action.id, ActionStatus.DONE, None, note="sent on Monday")
    (done,) = store.business.history(ChangedTable.ACTIONS, action.id)
    closed_at = _columns(store, "actions", action.id)["closed_at"]
    assert (done.kind, done.note, done.confidential) == (ChangeKind.DONE, "sent on Monday", True)
    assert done.before() == {"status": "open", "closed_at": None}
    assert done.after() == {"status": "done", "closed_at": closed_at}
    with pytest.raises(ValueError, match="done already"):
        store.business.close_action(action.id, ActionStatus.DROPPED, None)
    assert len(store.business.history(ChangedTable.ACTIONS, action.id)) == 1


def test_an_edit_keeps_only_the_fields_that_changed_and_their_whole_before(store: Store, meeting) -> None:
    dana = store.meetings.add_attendee(meeting.id, "Dana", "School board")
    action = store.business.add_action(meeting.id, "Send the datse", due_on=date(2026, 12, 2))
    changed = register.edit_action(store, action.id, register.ActionEdit(
        text="Send the dates", owner="Dana", due_on=date(2026, 12, 9)), meeting_id=meeting.id)
    assert changed
    (edit,) = store.business.history(ChangedTable.ACTIONS, action.id)
    assert edit.kind is ChangeKind.EDITED and edit.meeting_id == meeting.id
    assert edit.before() == {"text": "Send the datse", "owner_person_id": None, "due_on": "2026-12-02"}
    assert edit.after() == {"text": "Send the dates", "owner_person_id": dana.id, "due_on": "2026-12-09"}
    assert store.business.action(action.id).owner.startswith("Dana")
    # Nothing new: nothing kept.
    assert not register.edit_action(store, action.id, register.ActionEdit(text="Send the dates"))
    with pytest.raises(ValueError, match="empty"):
        register.edit_action(store, action.id, register.ActionEdit(text="  "))
    assert len(store.business.history(ChangedTable.ACTIONS, action.id)) == 1


def test_a_typo_fix_edits_a_standing_agreement_but_not_a_retired_one(store: Store, meeting) -> None:
    agreement = store.business.add_agreement(meeting.id, "Wokers are school-based")
    assert register.edit_agreement(store, agreement.id, text="Workers are school-based")
    assert store.business.agreement(agreement.id).text == "Workers are school-based"
    (edit,) = store.business.history(ChangedTable.AGREEMENTS, agreement.id)
    assert edit.fields == (("text", "Wokers are school-based", "Workers are school-based"),)
    register.retire_agreement(store, agreement.id)
    with pytest.raises(ValueError, match="retired"):
        register.edit_agreement(store, agreement.id, text="Anything")


def test_a_deletion_keeps_the_whole_row_and_its_parties_and_leaves_a_tombstone(store: Store, meeting) -> None:
    board = store.partnerships.ensure_organisation(meeting.partnership_id, "School board")
    agreement = store.business.add_agreement(meeting.id, "Share one form", party_organisation_ids=[board.id],
                                             attribution=Attribution.ANONYMOUS)
    row = _columns(store, "agreements", agreement.id)
    register.delete_agreement(store, agreement.id, meeting_id=meeting.id, note="saved twice")
    assert store.db.rows("SELECT * FROM agreements WHERE id = ?", [agreement.id]) == []
    assert store.db.rows("SELECT * FROM agreement_parties WHERE agreement_id = ?", [agreement.id]) == []
    assert store.db.value("SELECT count(*) FROM tombstones WHERE table_name = 'agreements' AND row_id = ?",
                          [agreement.id]) == 1
    (deleted,) = store.business.history(ChangedTable.AGREEMENTS, agreement.id)
    assert deleted.kind is ChangeKind.DELETED and deleted.note == "saved twice"
    assert deleted.before() == {**row, PARTIES: board.id}
    assert all(after is None for _, _, after in deleted.fields)

    action = store.business.add_action(meeting.id, "Draft the form")
    register.delete_action(store, action.id)
    assert store.db.value("SELECT count(*) FROM tombstones WHERE table_name = 'actions' AND row_id = ?",
                          [action.id]) == 1
    with pytest.raises(KeyError):
        register.delete_action(store, action.id)


def test_purging_a_meeting_takes_the_history_of_what_was_captured_in_it(
    store: Store, meeting, library: AgendaLibrary, clock: FrozenClock
) -> None:
    agreement = store.business.add_agreement(meeting.id, "Share one form")
    action = store.business.add_action(meeting.id, "Draft the form")
    end_meeting(store, meeting.id)
    clock.advance(60_000)
    # Decided between meetings and in a later meeting: not made in the purged one.
    register.review_agreement(store, agreement.id, None, note="still true")
    later = start_meeting(store, "Schools and settlement", library.agendas["operational"], title="November")
    register.close_action(store, action.id, ActionStatus.DONE, meeting_id=later.id)
    kept = store.business.add_action(later.id, "Book the room")
    register.edit_action(store, kept.id, register.ActionEdit(text="Book the hall"))
    assert store.db.value("SELECT count(*) FROM changes") == 3
    store.retention.delete_meetings([meeting.id])
    assert [tuple(r) for r in store.db.rows("SELECT table_name, row_id FROM changes")] == [("actions", kept.id)]
