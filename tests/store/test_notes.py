"""Notes as items of their own (migration 5), on a real file: migrating old files, adding and
listing, the console editor's save beside a second terminal's notes, and confidential notes
kept out of exports and search; merge and purge carry them."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

import meetingkit.store.connection as store_connection
import meetingkit.store.database as store_base
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.export import render
from meetingkit.core.models import Attribution
from meetingkit.store import Store
from meetingkit.store.schema import LATEST_VERSION, MIGRATIONS

START = datetime(2026, 9, 1, 9, 0, 27, tzinfo=UTC)


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary) -> str:
    partnership = store.partnerships.ensure("Settlement & Schools")
    return store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id).id


def _version_4_file(path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch) -> str:
    """A file as meetingkit of schema 4 made it, through the store with migration 5 unknown; notes
    as it kept them: one text per section (written as its `save_notes` did), one flag per section."""
    with monkeypatch.context() as patch:
        patch.setattr(store_base, "MIGRATIONS", MIGRATIONS[:4])
        patch.setattr(store_base, "LATEST_VERSION", 4)
        patch.setattr(store_connection, "LATEST_VERSION", 4)
        with Store.open(path, clock=FrozenClock(START)) as store:
            partnership = store.partnerships.ensure("Literacy network")
            meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
            sections = [row[0] for row in store.db.rows(
                "SELECT id FROM section_runs WHERE meeting_id = ? ORDER BY position", [meeting.id]
            )]
            store.db.write(lambda: store.db.update(
                "section_runs", sections[0], {"notes": "Everyone arrived\n\nWaitlist is six weeks\nAgreed.\nAgreed."}
            ))
            store.db.write(lambda: store.db.update(
                "section_runs", sections[1], {"notes": "The family's address came up", "notes_confidential": 1}
            ))
            store.business.add_action(meeting.id, "Call the school")
            return meeting.id


def test_an_old_file_migrates_every_line_of_its_notes_keeping_each_sections_flag(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    meeting = _version_4_file(path, library, monkeypatch)
    with Store.open(path, clock=FrozenClock(START.replace(day=2))) as store:
        assert store.schema_version() == LATEST_VERSION
        notes = store.notes.meeting_notes(meeting)
        runs = store.meetings.section_runs(meeting)
        assert [(n.text, n.confidential, n.section_run_id) for n in notes] == [
            ("Everyone arrived", False, runs[0].id),
            ("Waitlist is six weeks", False, runs[0].id),
            ("Agreed.", False, runs[0].id),
            ("Agreed.", False, runs[0].id),
            ("The family's address came up", True, runs[1].id),
        ]
        assert len({n.id for n in notes}) == 5
        # Anonymous, as they always were: nobody, and times to the minute.
        assert all(n.attribution is Attribution.ANONYMOUS and n.said_by is None for n in notes)
        assert {n.created_at for n in notes} == {START.replace(second=0)}
        assert runs[0].notes == "Everyone arrived\nWaitlist is six weeks\nAgreed.\nAgreed."
        # The old columns and their index are gone; the notes are searched where they now are.
        columns = {row["name"] for row in store.db.rows("PRAGMA table_info(section_runs)")}
        assert "notes" not in columns and "notes_confidential" not in columns
        assert [hit.id for hit in store.records.search("waitlist")] == [notes[1].id]
        assert store.records.search("address") == []
        assert [hit.id for hit in store.records.search("address", include_confidential=True)] == [notes[4].id]
        record = store.records.meeting_record(meeting)
        assert record.left_out.confidential == 1 and record.sections[1].notes == ""
    assert path.with_name(f"old.before-v{LATEST_VERSION}.db").exists()


def test_notes_are_added_listed_edited_and_deleted_one_by_one(store: Store, meeting: str, clock: FrozenClock) -> None:
    first = store.notes.add(meeting, "Waitlist is six weeks")
    secret = store.notes.add(meeting, "The family's address came up", confidential=True)
    store.meetings.go_to_section(meeting, 1)
    later = store.notes.add(meeting, "  Second section  ")
    runs = store.meetings.section_runs(meeting)
    assert [(n.id, n.text, n.confidential) for n in store.notes.section_notes(runs[0].id)] == [
        (first, "Waitlist is six weeks", False), (secret, "The family's address came up", True),
    ]
    assert [n.id for n in store.notes.meeting_notes(meeting)] == [first, secret, later]
    clock.advance(90)
    store.notes.edit(first, "Waitlist is eight weeks")
    store.notes.set_confidential(secret, False)
    assert store.notes.get(first).text == "Waitlist is eight weeks"
    assert store.notes.get(first).updated_at == clock.now().replace(second=0, microsecond=0)  # anonymous: to the minute
    assert not store.notes.get(secret).confidential
    store.notes.delete(later)
    assert [n.id for n in store.notes.meeting_notes(meeting)] == [first, secret]
    assert store.db.value("SELECT count(*) FROM tombstones WHERE table_name = 'notes' AND row_id = ?", [later]) == 1
    with pytest.raises(ValueError, match="empty"):
        store.notes.add(meeting, "  \n ")


def test_the_editor_keeps_each_lines_note_and_a_second_terminals_notes(store: Store, meeting: str) -> None:
    run = store.meetings.section_runs(meeting)[0]
    opened_with = store.notes.save_editor(run.id, "First thought\nSecond thougt")
    [first, second] = store.notes.section_notes(run.id)
    secret = store.notes.add(meeting, "Scribe: the family's address", confidential=True)
    scribe = store.notes.add(meeting, "Scribe: waitlist is six weeks")
    # The facilitator fixes a typo, drops nothing, adds a line: the scribe's notes are kept after theirs.
    saved = store.notes.save_editor(run.id, "First thought\nSecond thought\n\nThird", based_on=opened_with)
    assert saved == "First thought\nSecond thought\n\nThird\nScribe: the family's address\nScribe: waitlist is six weeks"
    notes = store.notes.section_notes(run.id)
    assert [n.text for n in notes] == [
        "First thought", "Second thought", "Third", "Scribe: the family's address", "Scribe: waitlist is six weeks",
    ]
    assert [n.id for n in notes[:2]] == [first.id, second.id]  # a changed line keeps its note
    assert [n.id for n in notes[3:]] == [secret, scribe] and notes[3].confidential
    # Reloaded with everything, the facilitator deletes a line: that note goes, with a tombstone.
    store.notes.save_editor(run.id, saved.replace("First thought\n", ""), based_on=saved)
    assert first.id not in {n.id for n in store.notes.section_notes(run.id)}
    assert store.meetings.section_runs(meeting)[0].notes == (
        "Second thought\nThird\nScribe: the family's address\nScribe: waitlist is six weeks"
    )
    # Editing the scribe's confidential note keeps it confidential.
    text = store.meetings.section_runs(meeting)[0].notes
    store.notes.save_editor(run.id, text.replace("address", "new address"), based_on=text)
    assert store.notes.get(secret).text == "Scribe: the family's new address" and store.notes.get(secret).confidential


def test_the_editor_marks_the_note_on_a_line_confidential(store: Store, meeting: str) -> None:
    run = store.meetings.section_runs(meeting)[0]
    store.notes.save_editor(run.id, "Open\n\nThe family's address\nOpen again")
    marked = store.notes.toggle_confidential_at(run.id, 1)
    assert marked is not None and marked.text == "The family's address" and marked.confidential
    assert store.notes.toggle_confidential_at(run.id, 7) is None
    assert [n.confidential for n in store.notes.section_notes(run.id)] == [False, True, False]


def test_a_confidential_note_is_left_out_of_every_export_even_when_an_open_one_follows(
    store: Store, meeting: str
) -> None:
    store.notes.add(meeting, "Before")
    store.notes.add(meeting, "The Ahmed family's address", confidential=True)
    store.notes.add(meeting, "Waitlist is six weeks")
    record = store.records.meeting_record(meeting)
    assert record.sections[0].notes == "Before\nWaitlist is six weeks"
    assert record.left_out.confidential == 1
    for fmt in ("md", "html", "json", "csv"):
        shown = render(record, fmt)
        assert "Ahmed" not in shown, fmt
        assert fmt == "csv" or "Waitlist" in shown, fmt
    full = store.records.meeting_record(meeting, include_confidential=True)
    assert full.sections[0].notes == "Before\nThe Ahmed family's address\nWaitlist is six weeks"
    assert full.left_out.confidential == 0


def test_search_finds_a_confidential_note_only_when_asked(store: Store, meeting: str) -> None:
    secret = store.notes.add(meeting, "The Ahmed family moved", confidential=True)
    open_note = store.notes.add(meeting, "Ahmed spoke about waitlists")
    assert [hit.id for hit in store.records.search("Ahmed")] == [open_note]
    assert {hit.id for hit in store.records.search("Ahmed", include_confidential=True)} == {secret, open_note}
    store.notes.edit(open_note, "Someone spoke about waitlists")
    assert store.records.search("Ahmed") == []


def test_a_purge_takes_the_notes_and_a_merge_carries_them(
    tmp_path: Path, library: AgendaLibrary
) -> None:
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        partnership = store.partnerships.ensure("Northside")
        meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id).id
        kept = store.notes.add(meeting, "Kept at both sites")
        gone = store.notes.add(meeting, "Deleted here later")
    shutil.copyfile(here, there)
    with Store.open(there, clock=FrozenClock(START.replace(day=3))) as store:
        added = store.notes.add(meeting, "Added there", confidential=True)
        store.notes.edit(kept, "Kept at both sites, edited there")
    with Store.open(here, clock=FrozenClock(START.replace(day=2))) as store:
        store.notes.delete(gone)
        report = store.merge.merge_file(there)
        assert report.counts["notes"]["added"] == 1
        notes = {n.id: n for n in store.notes.meeting_notes(meeting)}
        assert set(notes) == {kept, added}  # deleting wins: the copy there does not bring it back
        assert notes[kept].text == "Kept at both sites, edited there" and notes[added].confidential
        plan = store.retention.purge_plan(before="2100-01-01T00:00:00.000Z")
        assert plan.counts["notes"] == 2
        store.retention.delete_meetings(plan.meeting_ids)
        assert store.db.value("SELECT count(*) FROM notes") == 0
        assert store.db.value("SELECT count(*) FROM tombstones WHERE table_name = 'notes'") == 3
        assert store.records.search("Kept", include_confidential=True) == []


def test_editing_an_anonymous_note_keeps_its_time_to_the_minute(store: Store, library: AgendaLibrary, clock) -> None:
    """A later edit is a later change to an anonymous capture: it keeps no precise moment either."""
    from meetingkit.usecases.meetings import start_meeting

    meeting = start_meeting(store, "Schools", library.agendas["operational"])
    note = store.notes.add(meeting.id, "Said in the round")
    clock.advance(41.5)
    store.notes.edit(note, "Said in the round, and agreed")
    [row] = store.db.rows("SELECT updated_at FROM notes WHERE id = ?", [note])
    assert row["updated_at"].endswith(":00.000Z")
