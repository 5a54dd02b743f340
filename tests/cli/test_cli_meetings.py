"""The meeting commands (start, end, meetings, capture, resume), run in process through `main(argv)`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from meetingkit.core.models import ActionStatus, MeetingStatus
from meetingkit.store import Store
from tests.helpers import RunCli


@pytest.fixture
def env(db_path: Path) -> dict[str, str]:
    return {"MEETINGKIT_DB": str(db_path)}


def start(cli: RunCli, env: dict[str, str], partnership: str = "Literacy & Employment", *extra: str) -> str:
    result = cli("start", "--partnership", partnership, "--type", "strategic", *extra, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_start_creates_the_partnership_and_prints_the_id(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    meeting_id = start(cli, env, "Literacy & Employment", "--title", "Planning day", "--site", "Hall B")
    with Store.open(db_path) as store:
        meeting = store.meetings.get(meeting_id)
        assert meeting.status is MeetingStatus.RUNNING
        assert (meeting.title, meeting.site, meeting.partnership_name) == ("Planning day", "Hall B", "Literacy & Employment")
        assert meeting.agenda_id == "strategic"


def test_start_with_an_unknown_type_or_agenda_says_what_exists(env: dict[str, str], cli: RunCli) -> None:
    result = cli("start", "--partnership", "P", "--type", "brunch", env=env)
    assert result.returncode == 1 and "Types: operational, reflective-practice" in result.stderr
    result = cli("start", "--partnership", "P", "--type", "strategic", "--agenda", "nope", env=env)
    assert result.returncode == 1 and "No agenda called 'nope'" in result.stderr


def test_capture_prints_the_id_only_after_the_commit(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    meeting_id = start(cli, env)
    action = cli(
        "capture", "action", "Map the referral pathways", "--owner", "Dana, school board", "--due", "2026-12-04", env=env
    )
    agreement = cli("capture", "agreement", "One referral form", "--due", "2027-03-01", env=env)
    note = cli("capture", "note", "Waitlists came up twice", "--meeting", meeting_id[-8:], env=env)
    secret = cli("capture", "action", "Call the family", "--confidential", env=env)
    for result in (action, agreement, note, secret):
        assert result.returncode == 0, result.stderr
    with Store.open(db_path) as store:
        [mapped, called] = store.business.actions(meeting_id)
        assert mapped.id == action.stdout.strip()
        assert (mapped.owner, str(mapped.due_on), mapped.status) == ("Dana, school board", "2026-12-04", ActionStatus.OPEN)
        assert called.confidential
        [agreed] = store.business.agreements(meeting_id)
        assert agreed.id == agreement.stdout.strip() and str(agreed.review_on) == "2027-03-01"
        assert store.meetings.section_runs(meeting_id)[0].notes == "Waitlists came up twice"
        [noted] = store.notes.meeting_notes(meeting_id)
        assert noted.id == note.stdout.strip() and noted.section_run_id == store.meetings.section_runs(meeting_id)[0].id


def test_capture_note_confidential_prints_the_notes_id_and_keeps_it_out_of_exports(
    env: dict[str, str], db_path: Path, cli: RunCli
) -> None:
    meeting_id = start(cli, env)
    secret = cli("capture", "note", "The Ahmed family's address", "--confidential", env=env)
    shared = cli("capture", "note", "Waitlist is six weeks", env=env)
    assert secret.returncode == shared.returncode == 0, secret.stderr + shared.stderr
    with Store.open(db_path) as store:
        notes = {note.id: note for note in store.notes.meeting_notes(meeting_id)}
    assert notes[secret.stdout.strip()].confidential and not notes[shared.stdout.strip()].confidential
    exported = cli("export", meeting_id[-8:], "--format", "json", env=env)
    assert exported.returncode == 0, exported.stderr
    assert "Ahmed" not in exported.stdout and "Waitlist is six weeks" in exported.stdout


def test_capture_needs_exactly_one_meeting_in_progress(env: dict[str, str], cli: RunCli) -> None:
    none = cli("capture", "note", "hello", env=env)
    assert none.returncode == 1 and "No meeting is in progress" in none.stderr
    start(cli, env, "First")
    start(cli, env, "Second")
    several = cli("capture", "note", "hello", env=env)
    assert several.returncode == 1 and "2 meetings are in progress" in several.stderr
    assert several.stdout == ""


def test_capture_explains_bad_input_and_saves_nothing(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    meeting_id = start(cli, env)
    bad_date = cli("capture", "action", "Do it", "--due", "whenever", env=env)
    assert bad_date.returncode == 1 and "Couldn't read 'whenever' as a date" in bad_date.stderr
    empty = cli("capture", "action", "  ", env=env)
    assert empty.returncode == 1 and "Type the action" in empty.stderr
    too_long = cli("capture", "agreement", "x" * 5000, env=env)
    assert too_long.returncode == 1 and "5,000 characters" in too_long.stderr
    with Store.open(db_path) as store:
        assert store.business.actions(meeting_id) == [] and store.business.agreements(meeting_id) == []


def test_meetings_lists_as_a_table_or_json(env: dict[str, str], cli: RunCli) -> None:
    meeting_id = start(cli, env, "Child Welfare [CW] & Mental Health")
    table = cli("meetings", env=env)
    assert table.returncode == 0
    assert meeting_id in table.stdout and "in progress" in table.stdout and "[CW]" in table.stdout
    listed = json.loads(cli("meetings", "--json", env=env).stdout)
    assert listed[0]["id"] == meeting_id
    assert listed[0]["status"] == "running"
    assert listed[0]["current_section"] == "Welcome and our safe-space agreements"


def test_end_saves_the_summary_and_cannot_end_twice(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    meeting_id = start(cli, env)
    ended = cli("end", env=env)
    assert ended.returncode == 0 and "Ended Strategic meeting (Literacy & Employment)" in ended.stdout
    with Store.open(db_path) as store:
        meeting = store.meetings.get(meeting_id)
        assert meeting.status is MeetingStatus.ENDED and meeting.summary is not None
    again = cli("end", meeting_id, env=env)
    assert again.returncode == 1 and "already ended" in again.stderr


def test_resume_without_a_meeting_in_progress_says_so(env: dict[str, str], cli: RunCli) -> None:
    result = cli("resume", env=env)
    assert result.returncode == 1 and "No meeting is in progress" in result.stderr


def test_resume_of_an_ended_meeting_says_so(env: dict[str, str], cli: RunCli) -> None:
    meeting_id = start(cli, env)
    cli("end", env=env)
    result = cli("resume", meeting_id, env=env)
    assert result.returncode == 1 and "is ended, not in progress" in result.stderr


def test_a_short_or_unknown_meeting_id_is_explained(env: dict[str, str], cli: RunCli) -> None:
    start(cli, env)
    short = cli("end", "01a2", env=env)
    assert short.returncode == 1 and "at least 6 characters" in short.stderr
    unknown = cli("end", "ffffffff", env=env)
    assert unknown.returncode == 1 and "No meeting id contains 'ffffffff'" in unknown.stderr


def test_an_empty_partnership_name_is_one_clear_line(env: dict[str, str], cli: RunCli) -> None:
    result = cli("start", "--partnership", " ", "--type", "operational", env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "A partnership needs a name" in result.stderr


def test_capture_onto_the_boards_with_each_attribution(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    meeting_id = start(cli, env)
    by_org = cli("capture", "jargon", "I.S.P.", "--org", "school board", env=env)
    by_person = cli("capture", "jargon", "isp", "--by", "Dana, school board", env=env)
    elephant = cli("capture", "elephant", "Numbers, not time at the school", "--anonymous", env=env)
    moment = cli("capture", "turning-point", "", "--kind", "new-understanding", "--confidential", env=env)
    for result in (by_org, by_person, elephant, moment):
        assert result.returncode == 0, result.stderr
    assert by_org.stdout == by_person.stdout, "one term, raised twice"
    with Store.open(db_path) as store:
        [term] = store.jargon.board_terms(meeting_id)
        assert (term.display, term.tally) == ("I.S.P.", 2)
        mentions = store.db.rows("SELECT attribution, person_id IS NOT NULL, organisation_id IS NOT NULL FROM jargon_mentions")
        assert sorted(tuple(m) for m in mentions) == [("named", 1, 1), ("organisation", 0, 1)]
        assert store.boards.elephant(elephant.stdout.strip()).said_by == "anonymous"
        [point] = store.boards.turning_points(meeting_id)
        assert point.id == moment.stdout.strip() and point.kind.value == "new_understanding" and point.confidential


def test_capture_refuses_mismatched_options(env: dict[str, str], cli: RunCli) -> None:
    start(cli, env)
    both = cli("capture", "jargon", "ISP", "--by", "Dana", "--org", "OCISO", env=env)
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    kind = cli("capture", "turning-point", "x", "--kind", "epiphany", env=env)
    assert kind.returncode == 1 and "--kind must be one of apology" in kind.stderr
    note = cli("capture", "note", "hi", "--by", "Dana", env=env)
    assert note.returncode == 1 and "A note is just text" in note.stderr


def test_a_refused_capture_leaves_no_person_or_organisation_behind(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    start(cli, env)
    note = cli("capture", "note", "x", "--by", "Zed Typo, Nowhere Agency", env=env)
    jargon = cli("capture", "jargon", "x", "--org", "Typo Org", "--due", "tomorrow", env=env)
    assert note.returncode == 1 and jargon.returncode == 1
    with Store.open(db_path) as store:
        assert store.db.value("SELECT count(*) FROM people") == 0
        assert store.db.value("SELECT count(*) FROM organisations") == 0


def test_a_capture_the_store_refuses_adds_nobody_either(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    """The options are fine but the text is blank: the person and organisation typed go with it,
    because crediting and capturing are one transaction (they were two, and Lee stayed)."""
    start(cli, env)
    action = cli("capture", "action", "   ", "--by", "Lee, OCISO", "--owner", "Sam, TDSB", env=env)
    elephant = cli("capture", "elephant", "\t", "--org", "Typo Org", env=env)
    assert action.returncode == 1 and elephant.returncode == 1
    assert action.stderr.count("\n") == 1 and elephant.stderr.count("\n") == 1
    with Store.open(db_path) as store:
        assert store.db.value("SELECT count(*) FROM people") == 0
        assert store.db.value("SELECT count(*) FROM organisations") == 0


def test_an_export_that_cannot_be_written_is_one_line(env: dict[str, str], tmp_path: Path, cli: RunCli) -> None:
    meeting_id = start(cli, env)
    target = tmp_path / "unplugged-stick" / "record.md"
    result = cli("export", meeting_id, "-o", str(target), env=env)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"meetingkit: {target}: cannot be written (No such file or directory).\n"


def test_start_records_who_came_as_the_new_meeting_form_reads_them(
    env: dict[str, str], db_path: Path, cli: RunCli
) -> None:
    """Either part may be left out; a bare word is an organisation when it is known or an acronym."""
    first = start(cli, env, "Schools and settlement", "--attendee", "Dana, school board")
    cli("end", first, env=env)
    meeting_id = start(
        cli, env, "schools and SETTLEMENT",
        "--attendee", "Dana, School Board",
        "--attendee", "settlement worker, OCISO",
        "--attendee", "OCISO",
        "--attendee", "school board",  # known from the last meeting: an organisation, not a name
        "--attendee", "Sam",
        "--attendee", "  ",  # blank, as an empty line in the form: skipped
    )
    with Store.open(db_path) as store:
        labels = [person.label for person in store.meetings.attendees(meeting_id)]
        # The organisation keeps the spelling it was first given.
        assert labels == ["Dana, school board", "settlement worker, OCISO", "OCISO", "school board", "Sam"]
        assert store.meetings.get(meeting_id).partnership_name == "Schools and settlement"


def test_start_refuses_an_over_long_attendee_and_makes_nothing(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    result = cli("start", "--partnership", "P", "--type", "strategic", "--attendee", "x" * 3_000, env=env)
    assert result.returncode == 1 and "3,000 characters" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    with Store.open(db_path) as store:
        assert store.meetings.recent(limit=None) == [] and store.partnerships.all() == []


def test_attend_records_a_late_arrival_and_prints_their_label(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    meeting_id = start(cli, env, "Schools", "--attendee", "Dana, school board")
    late = cli("attend", "Amira, OCISO", env=env)
    assert (late.returncode, late.stdout) == (0, "Amira, OCISO\n")
    known = cli("attend", meeting_id[-8:], "School Board", env=env)  # the partnership knows it: an organisation
    assert (known.returncode, known.stdout) == (0, "school board\n")
    with Store.open(db_path) as store:
        attendees = store.meetings.attendees(meeting_id)
        assert [(p.name, p.organisation_name) for p in attendees] == [
            ("Dana", "school board"), ("Amira", "OCISO"), (None, "school board"),
        ]


def test_attend_refuses_an_ended_meeting_blank_or_over_long_entries_in_one_line(
    env: dict[str, str], db_path: Path, cli: RunCli
) -> None:
    meeting_id = start(cli, env, "Schools")
    for entry in (" ", "x" * 3_000):
        refused = cli("attend", entry, env=env)
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and refused.stdout == ""
    cli("end", env=env)
    with Store.open(db_path) as store:
        before = (store.partnerships.organisations(store.meetings.get(meeting_id).partnership_id),
                  store.meetings.attendees(meeting_id))
    ended = cli("attend", meeting_id, "Late, New agency", env=env)
    assert ended.returncode == 1 and ended.stdout == ""
    assert ended.stderr == f"meetingkit: Strategic meeting ({meeting_id}) has ended; arrivals are recorded while it runs.\n"
    with Store.open(db_path) as store:
        after = (store.partnerships.organisations(store.meetings.get(meeting_id).partnership_id),
                 store.meetings.attendees(meeting_id))
    assert after == before  # no organisation or person left behind


def test_capture_says_how_it_read_a_date_and_warns_of_one_in_the_past(
    env: dict[str, str], db_path: Path, cli: RunCli
) -> None:
    from meetingkit.core.clock import local
    from meetingkit.core.dates import describe_date

    start(cli, env)
    today = local(datetime.now(UTC)).date()
    result = cli("capture", "action", "Book the hall", "--due", "yesterday", env=env)
    planned = cli("capture", "action", "Send the minutes", "--due", "in 2 weeks", env=env)

    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1  # the id alone, for scripts
    yesterday = today - timedelta(days=1)
    assert f"due {describe_date(yesterday, today).split(' (')[0]}" in result.stderr
    assert "warning:" in result.stderr and "is in the past" in result.stderr
    assert planned.returncode == 0 and "warning" not in planned.stderr
    assert f"due {describe_date(today + timedelta(days=14), today).split(' (')[0]}" in planned.stderr
