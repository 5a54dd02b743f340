"""Undoing a correction or a decision (`store.changes.revert`, `usecases.undo`), in a real file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.audience import Audience
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution, ChangedTable, ChangeKind, ElephantStatus
from meetingkit.store import Store
from meetingkit.store.changes import RESTORED_FROM, UNDOES
from meetingkit.usecases.capture import move_elephant
from meetingkit.usecases.undo import NothingToUndo, UndoRefused, undo, undo_last


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary) -> str:
    partnership = store.partnerships.ensure("Schools and settlement")
    return store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id).id


def _undone_of(store: Store, table: ChangedTable, row_id: str) -> list[str]:
    return [dict((c, after) for c, _, after in change.fields)[UNDOES]
            for change in store.changes.history(table, row_id) if change.kind is ChangeKind.UNDONE]


def test_a_note_edit_is_undone_and_the_undo_is_kept_in_its_history(store: Store, meeting: str) -> None:
    note = store.notes.add(meeting, "Referals up")
    store.notes.edit(note, "Referrals up")
    done = undo_last(store)
    assert store.notes.get(note).text == "Referals up"
    edited = [c for c in store.changes.history(ChangedTable.NOTES, note) if c.kind is ChangeKind.EDITED]
    assert edited[0].fields == (("text", "Referals up", "Referrals up"),)
    assert _undone_of(store, ChangedTable.NOTES, note) == [edited[0].id]
    assert done.notice(Audience.FACILITATOR) == 'Undone: note "Referrals up" edited'
    with pytest.raises(NothingToUndo):
        undo_last(store)


def test_an_edit_changed_again_since_is_refused_and_changes_nothing(store: Store, meeting: str) -> None:
    note = store.notes.add(meeting, "one")
    store.notes.edit(note, "two")
    first = store.changes.history(ChangedTable.NOTES, note)[0]
    store.notes.edit(note, "three")
    with pytest.raises(UndoRefused, match="changed again since"):
        undo(store, first.id)
    assert store.notes.get(note).text == "three"
    assert _undone_of(store, ChangedTable.NOTES, note) == []


def test_a_note_deleted_in_the_editor_comes_back_under_a_new_id(store: Store, meeting: str) -> None:
    note = store.notes.add(meeting, "keep me", confidential=True)
    run = store.notes.get(note).section_run_id
    assert run is not None
    store.notes.save_editor(run, "", based_on="keep me")
    deleted = store.changes.history(ChangedTable.NOTES, note)[-1]
    assert deleted.kind is ChangeKind.DELETED and ("text", "keep me", None) in deleted.fields
    assert store.db.value("SELECT count(*) FROM tombstones WHERE row_id = ?", [note]) == 1
    done = undo_last(store)
    back = store.notes.section_notes(run)
    assert [(n.text, n.confidential) for n in back] == [("keep me", True)]
    assert back[0].id != note
    restored = store.changes.history(ChangedTable.NOTES, back[0].id)
    assert restored[0].kind is ChangeKind.RESTORED and (RESTORED_FROM, None, note) in restored[0].fields
    assert done.notice(Audience.FACILITATOR) == 'Undone: note "keep me" deleted'
    assert done.notice(Audience.ROOM) == "Undone: a confidential note deleted"


def test_a_note_edit_in_the_editor_is_a_change(store: Store, meeting: str) -> None:
    note = store.notes.add(meeting, "first line")
    run = store.notes.get(note).section_run_id
    assert run is not None
    store.notes.save_editor(run, "first line, corrected\nnew line", based_on="first line")
    kinds = [c.kind for c in store.changes.history(ChangedTable.NOTES, note)]
    assert kinds == [ChangeKind.EDITED]
    undo_last(store)
    assert store.notes.section_text(run) == "first line\nnew line"


def test_an_elephant_decision_is_undone_and_its_history_says_so(store: Store, meeting: str) -> None:
    elephant = store.boards.raise_elephant(meeting, "Funding by numbers")
    move_elephant(store, meeting, elephant, ElephantStatus.ADDRESSED, "Talked it through")
    moved = store.changes.history(ChangedTable.ELEPHANTS, elephant)[-1]
    assert moved.kind is ChangeKind.DONE
    done = undo_last(store)
    back = store.boards.elephant(elephant)
    assert (back.status, back.resolution_note, back.resolved_at, back.resolved_in) == (ElephantStatus.PARKED, "", None, "")
    assert store.boards.elephant_history(elephant) == [
        (None, "parked", ""), ("parked", "addressed", "Talked it through"),
        ("addressed", "parked", "undone"),
    ]
    assert [e.status for e in store.boards.parking_lot(store.meetings.get(meeting).partnership_id)] == [
        ElephantStatus.PARKED]
    assert done.notice(Audience.FACILITATOR) == 'Undone: elephant "Funding by numbers" addressed'


def test_an_elephant_note_correction_and_an_edit_of_its_words_are_undone(store: Store, meeting: str) -> None:
    elephant = store.boards.raise_elephant(meeting, "Fundng")
    move_elephant(store, meeting, elephant, ElephantStatus.LET_GO, "no budget")
    store.boards.correct_elephant_note(elephant, "no budget this year", meeting_id=meeting)
    store.boards.edit_elephant(elephant, "Funding", meeting_id=meeting)
    undo_last(store)
    assert store.boards.elephant(elephant).text == "Fundng"
    undo_last(store)
    assert store.boards.elephant(elephant).resolution_note == "no budget"
    assert store.boards.elephant(elephant).status is ElephantStatus.LET_GO
    undo_last(store)
    assert store.boards.elephant(elephant).status is ElephantStatus.PARKED


def test_a_turning_point_correction_is_undone_but_filling_one_in_is_no_change(store: Store, meeting: str) -> None:
    point = store.boards.mark_turning_point(meeting)
    store.boards.describe_turning_point(point, note="An apology")
    assert store.changes.history(ChangedTable.TURNING_POINTS, point) == []
    store.boards.describe_turning_point(point, note="An apology for the referrals")
    undo_last(store)
    assert store.boards.turning_points(meeting)[0].note == "An apology"


def test_removing_an_attendee_keeps_the_row_in_history_and_undo_brings_them_back(store: Store, meeting: str) -> None:
    dana = store.meetings.add_attendee(meeting, "Dana", "School board")
    store.meetings.add_attendee(meeting, "Sam", "Agency")
    store.meetings.remove_attendee(meeting, dana.id)
    assert [p.name for p in store.meetings.attendees(meeting)] == ["Sam"]
    done = undo_last(store)
    assert sorted(p.name or "" for p in store.meetings.attendees(meeting)) == ["Dana", "Sam"]
    assert done.notice(Audience.FACILITATOR) == 'Undone: attendee "Dana, School board" removed from the meeting'
    assert done.notice(Audience.ROOM) == "Undone: attendee removed from the meeting"


def test_correcting_an_attendee_is_undone(store: Store, meeting: str) -> None:
    person = store.meetings.add_attendee(meeting, "Amria", None)
    store.meetings.correct_attendee(meeting, person.id, "Amira", "OCISO")
    assert store.meetings.attendees(meeting)[0].label == "Amira, OCISO"
    undo_last(store)
    assert store.meetings.attendees(meeting)[0].label == "Amria"


def test_removing_someone_from_an_ended_meeting_is_refused(store: Store, meeting: str) -> None:
    dana = store.meetings.add_attendee(meeting, "Dana", None)
    store.records.end_and_summarise(meeting)
    with pytest.raises(Exception, match="ended"):
        store.meetings.remove_attendee(meeting, dana.id)


def test_an_action_marked_done_is_reopened_by_undo(store: Store, meeting: str) -> None:
    action = store.business.add_action(meeting, "Send the referral form", due_on=date(2026, 12, 10))
    partnership = store.meetings.get(meeting).partnership_id
    with store.db.transaction():  # as the register's d does (its key lands with another branch)
        store.db.update("actions", action.id, {"status": "done", "closed_at": store.db.now(), "closed_meeting_id": meeting})
        store.changes.record(ChangedTable.ACTIONS, action.id, ChangeKind.DONE, partnership_id=partnership,
                             meeting_id=meeting, fields=[("status", "open", "done"), ("closed_at", None, store.db.now()),
                                                         ("closed_meeting_id", None, meeting)])
    done = undo_last(store)
    row = store.db.rows("SELECT status, closed_at, closed_meeting_id FROM actions WHERE id = ?", [action.id])[0]
    assert tuple(row) == ("open", None, None)
    assert done.notice(Audience.FACILITATOR) == 'Undone: action "Send the referral form" marked done'


def test_a_revision_is_undone_the_old_wording_active_again_and_the_new_row_deleted(store: Store, meeting: str) -> None:
    old = store.business.add_agreement(meeting, "One form")
    new = store.business.add_agreement(meeting, "One form, in French too")
    partnership = store.meetings.get(meeting).partnership_id
    with store.db.transaction():  # as `revise` does (it lands with another branch)
        store.db.update("agreements", old.id, {"status": "revised"})
        store.changes.record(ChangedTable.AGREEMENTS, old.id, ChangeKind.REVISED, partnership_id=partnership,
                             meeting_id=meeting, fields=[("status", "active", "revised"), ("successor_id", None, new.id)])
    undo_last(store)
    assert store.db.value("SELECT status FROM agreements WHERE id = ?", [old.id]) == "active"
    assert store.db.value("SELECT count(*) FROM agreements WHERE id = ?", [new.id]) == 0
    assert store.db.value("SELECT count(*) FROM tombstones WHERE row_id = ?", [new.id]) == 1


def test_joining_two_names_is_not_undone_here(store: Store, meeting: str) -> None:
    partnership = store.meetings.get(meeting).partnership_id
    with store.db.transaction():
        store.changes.record(ChangedTable.JARGON_TERMS, "t1", ChangeKind.MERGED, partnership_id=partnership)
    with pytest.raises(UndoRefused, match="rename or split them by hand"):
        undo_last(store)
    with pytest.raises(NothingToUndo):
        undo_last(store)  # the refused one is off the list: the next undo goes further back


def test_the_last_is_this_stores_and_a_rolled_back_change_is_passed_over(
    store: Store, meeting: str, clock: FrozenClock
) -> None:
    first = store.notes.add(meeting, "a")
    second = store.notes.add(meeting, "b")
    store.notes.edit(first, "a2")
    with pytest.raises(RuntimeError), store.db.transaction():
        store.notes.edit(second, "b2")
        raise RuntimeError("fault")
    other = Store.open(store.path, clock=clock)
    other.notes.edit(second, "b3")  # another terminal's edit is not this console's to undo
    other.close()
    undo_last(store)
    assert store.notes.get(first).text == "a"
    assert store.notes.get(second).text == "b3"
    with pytest.raises(NothingToUndo):
        undo_last(store)


def test_an_undo_is_not_undone_twice(store: Store, meeting: str) -> None:
    note = store.notes.add(meeting, "x")
    store.notes.edit(note, "y")
    change = store.changes.history(ChangedTable.NOTES, note)[0]
    undo(store, change.id)
    with pytest.raises(UndoRefused, match="already"):
        undo(store, change.id)


def test_an_anonymous_notes_history_is_numbered_apart(store: Store, meeting: str, clock: FrozenClock) -> None:
    clock.advance(97.5)
    note = store.notes.add(meeting, "said anonymously")
    store.notes.edit(note, "said anonymously, fixed")
    undo_last(store)
    rowids = [row[0] for row in store.db.rows("SELECT rowid FROM changes WHERE row_id = ?", [note])]
    assert rowids and all(rowid < 0 for rowid in rowids)
    stamps = [row[0] for row in store.db.rows("SELECT changed_at FROM changes WHERE row_id = ?", [note])]
    assert all(stamp.endswith(":00.000Z") for stamp in stamps)


def test_one_note_edited_in_the_editor_save_after_save_is_one_change(store: Store, meeting: str) -> None:
    note = store.notes.add(meeting, "Waitlist")
    run = store.notes.get(note).section_run_id
    assert run is not None
    loaded = store.notes.save_editor(run, "Waitlist is six", based_on="Waitlist")
    store.notes.save_editor(run, "Waitlist is six weeks", based_on=loaded)
    [edited] = store.changes.history(ChangedTable.NOTES, note)
    assert edited.fields == (("text", "Waitlist", "Waitlist is six weeks"),)
    undo_last(store)
    assert store.notes.get(note).text == "Waitlist"
    store.notes.save_editor(run, "Waitlist, again", based_on="Waitlist")  # after an undo: a change of its own
    assert [c.kind for c in store.changes.history(ChangedTable.NOTES, note)] == [
        ChangeKind.EDITED, ChangeKind.UNDONE, ChangeKind.EDITED]


def test_a_named_notes_undo_keeps_its_precise_time(store: Store, meeting: str, clock: FrozenClock) -> None:
    dana = store.meetings.add_attendee(meeting, "Dana", None)
    clock.advance(97.5)
    note = store.notes.add(meeting, "said by Dana", attribution=Attribution.NAMED, person_id=dana.id)
    store.notes.edit(note, "said by Dana, fixed")
    undo_last(store)
    rowids = [row[0] for row in store.db.rows("SELECT rowid FROM changes WHERE row_id = ?", [note])]
    assert len(rowids) == 2 and all(rowid > 0 for rowid in rowids)


def test_an_undone_deletion_and_an_undone_edit_travel_through_merge(
    store: Store, meeting: str, clock: FrozenClock, tmp_path: Path
) -> None:
    gone = store.notes.add(meeting, "Gone")
    edited = store.notes.add(meeting, "Kept")
    other = Store.open(tmp_path / "other-site.db", clock=clock)
    other.merge.merge_file(store.path)  # the other site holds both notes
    run = store.notes.get(gone).section_run_id
    assert run is not None
    clock.advance(60)
    store.notes.save_editor(run, "Kept", based_on="Gone\nKept")  # one deleted
    store.notes.save_editor(run, "Kept, fixed", based_on="Kept")  # one edited
    assert [n.id for n in store.notes.section_notes(run)] == [edited]
    undo_last(store)  # the edit
    undo_last(store)  # the deletion: back under a new id
    clock.advance(60)
    other.merge.merge_file(store.path)
    other.merge.merge_file(store.path)  # twice changes nothing
    try:
        assert sorted(n.text for n in other.notes.meeting_notes(meeting)) == ["Gone", "Kept"]
        assert gone not in {n.id for n in other.notes.meeting_notes(meeting)}
        kinds = sorted(str(c.kind) for table in [ChangedTable.NOTES]
                       for c in [*other.changes.history(table, gone), *other.changes.history(table, edited)])
        assert kinds == ["deleted", "edited", "undone", "undone"]
        assert other.db.value("SELECT count(*) FROM changes WHERE kind = 'restored'") == 1
    finally:
        other.close()


def _made(store: Store, meeting: str, table: str) -> str:
    """A row of `table` in the meeting's partnership, as the app makes one."""
    if table == "agreements":
        return store.business.add_agreement(meeting, "One form", review_on=date(2026, 12, 1)).id
    if table == "actions":
        return store.business.add_action(meeting, "Send the form").id
    if table == "jargon_terms":
        return store.jargon.mention(meeting, "ISPs")[0]
    if table == "organisations":
        return store.partnerships.ensure_organisation(store.meetings.get(meeting).partnership_id, "OCSB").id
    return str(store.db.value("SELECT id FROM section_runs WHERE meeting_id = ? ORDER BY position LIMIT 1", [meeting]))


@pytest.mark.parametrize(("kind", "table", "column", "was", "became"), [
    (ChangeKind.REVIEWED, "agreements", "review_on", "2026-12-01", "2027-06-01"),
    (ChangeKind.RETIRED, "agreements", "status", "active", "retired"),
    (ChangeKind.DONE, "actions", "status", "open", "done"),
    (ChangeKind.DROPPED, "actions", "status", "open", "dropped"),
    (ChangeKind.EDITED, "actions", "due_on", None, "2026-12-24"),
    (ChangeKind.RENAMED, "jargon_terms", "display", "ISPs", "ISP"),
    (ChangeKind.RENAMED, "organisations", "name", "OCSB", "Ottawa Catholic School Board"),
    (ChangeKind.ADJUSTED, "section_runs", "adjusted_minutes", None, 15),
    (ChangeKind.SKIPPED, "section_runs", "skipped", 0, True),
    (ChangeKind.REPLANNED, "section_runs", "planned_minutes", 5, 8),
])
def test_every_kind_of_change_to_columns_is_undone_in_a_real_file(
    store: Store, meeting: str, kind: ChangeKind, table: str, column: str, was: object, became: object
) -> None:
    row = _made(store, meeting, table)
    assert store.db.value(f"SELECT {column} FROM {table} WHERE id = ?", [row]) == was
    partnership = store.meetings.get(meeting).partnership_id
    with store.db.transaction():  # as the repository making that change does, in its own transaction
        store.db.update(table, row, {column: int(became) if isinstance(became, bool) else became})
        store.changes.record(table, row, kind, partnership_id=partnership, meeting_id=meeting,
                             fields=[(column, was, became)])
    done = undo_last(store)
    assert store.db.value(f"SELECT {column} FROM {table} WHERE id = ?", [row]) == was
    assert done.undo.kind is ChangeKind.UNDONE and (column, became, was) in done.undo.fields
    assert done.notice(Audience.FACILITATOR).startswith("Undone: ")


@pytest.mark.parametrize("kind", [ChangeKind.MERGED, ChangeKind.ALIASED])
def test_an_alias_or_a_merge_of_names_is_refused(store: Store, meeting: str, kind: ChangeKind) -> None:
    organisation = _made(store, meeting, "organisations")
    with store.db.transaction():
        store.changes.record("organisations", organisation, kind,
                             partnership_id=store.meetings.get(meeting).partnership_id,
                             fields=[("merged_into_id", None, organisation)])
    with pytest.raises(UndoRefused, match="cannot be undone here"):
        undo_last(store)


def test_someone_taken_off_the_list_is_taken_off_at_the_other_site_too(
    store: Store, meeting: str, clock: FrozenClock, tmp_path: Path
) -> None:
    dana = store.meetings.add_attendee(meeting, "Dana", "School board")
    store.meetings.add_attendee(meeting, "Sam", "Agency")
    other = Store.open(tmp_path / "other-site.db", clock=clock)
    try:
        other.merge.merge_file(store.path)  # the other site holds both attendances
        clock.advance(60)
        store.meetings.remove_attendee(meeting, dana.id)
        other.merge.merge_file(store.path)
        other.merge.merge_file(store.path)  # twice changes nothing
        assert [p.name for p in other.meetings.attendees(meeting)] == ["Sam"]
        assert [p.name for p in other.partnerships.people(other.meetings.get(meeting).partnership_id)
                if p.name == "Dana"] == ["Dana"]  # still one of the partnership's people
    finally:
        other.close()


def test_the_last_change_is_the_last_whichever_repository_made_it(store: Store, meeting: str) -> None:
    """Every repository records into the one history of this open store, so ctrl+z undoes what was
    done last: an action corrected after a note is the action, then the note."""
    note = store.notes.add(meeting, "Referals up")
    store.notes.edit(note, "Referrals up")
    action = store.business.add_action(meeting, "Send the from").id
    store.business.edit_action(action, {"text": "Send the form"}, meeting_id=meeting)
    undo_last(store)
    assert store.business.action(action).text == "Send the from"
    assert store.notes.get(note).text == "Referrals up"
    undo_last(store)
    assert store.notes.get(note).text == "Referals up"
