"""The CSVs a spreadsheet user can trust (issue 15): one fixed schema per export kind, documented in the
README; the meeting's id, date and title on every row of a meeting's CSV; one meaning per column; readable
statuses and yes/no; ISO dates; a glossary whose column sums are right; a byte-order mark only when asked."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock, local
from meetingkit.core.export import (
    GLOSSARY_CSV_COLUMNS,
    MEETING_CSV_COLUMNS,
    glossary_to,
    local_date,
    local_time,
    to_csv,
)
from meetingkit.core.models import Attribution, ElephantStatus, TurningPointKind
from meetingkit.demo import demo_start
from meetingkit.store import Store
from tests.helpers import RunCli, fill_demo, new_database

UNTIL = datetime(2026, 11, 24, 12, tzinfo=UTC)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LOCAL_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
README = Path(__file__).parents[2] / "README.md"

ONLY_FOR = {
    "owner": {"action"}, "due_on": {"action"},
    "parties": {"agreement"}, "review_on": {"agreement"},
    "resolved_at": {"elephant"}, "resolution": {"elephant"},
    "turning_point_kind": {"turning point"}, "opened_up": {"turning point"}, "led_to": {"turning point"},
    "organisation": {"attendee"},
    "status": {"agreement", "action", "term", "elephant"},
}
"""The columns that belong to some kinds of row, and those kinds: any other row leaves them empty."""

READABLE_STATUS = {
    "agreement": {"active", "revised", "retired"},
    "action": {"open", "done", "dropped", "carried"},
    "term": {"explained", "unexplained"},
    "elephant": {"parked", "discussing", "addressed", "let go"},
}


@pytest.fixture
def demo(tmp_path: Path, library: AgendaLibrary) -> Iterator[Store]:
    """A demo history of 16 meetings, as `meetingkit demo` makes (every board, carried actions, resolved
    elephants, turning points that led to agreements, terms with several meanings)."""
    clock = FrozenClock(demo_start(16, UNTIL))
    with Store.open(new_database(tmp_path / "demo.db"), clock=clock) as store:
        fill_demo(store, clock, library, meetings=16, seed=1, until=UNTIL)
        yield store


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_glossary_csv_sums_to_the_times_terms_were_raised(demo: Store) -> None:
    """A spreadsheet's sum of `times_raised` is the number of mentions in the file, and there is one term row per
    term: the totals are on the term's own row, never repeated on its meanings' rows."""
    several_meanings = 0
    for partnership in demo.partnerships.all():
        terms = demo.records.glossary_records(partnership.id, include_confidential=True)
        rows = read(glossary_to(terms, "csv", partnership.name))
        stored = demo.db.value(
            "SELECT count(*) FROM jargon_mentions m JOIN jargon_terms t ON t.id = m.term_id WHERE t.partnership_id = ?",
            [partnership.id],
        )
        assert stored > 0
        assert sum(int(row["times_raised"] or 0) for row in rows) == stored
        assert [row["term"] for row in rows if row["kind"] == "term"] == [term.term for term in terms]
        assert sum(row["kind"] == "meaning" for row in rows) == sum(len(term.meanings) for term in terms)
        assert all(row["times_raised"] == row["meetings"] == "" for row in rows if row["kind"] == "meaning")
        several_meanings += sum(len(term.meanings) > 1 for term in terms)
    assert several_meanings, "the demo holds terms with several meanings, the rows that used to repeat the totals"


def test_every_row_of_a_meetings_csv_names_its_meeting(demo: Store) -> None:
    for meeting in demo.meetings.recent(None):
        rows = read(to_csv(demo.records.meeting_record(meeting.id, include_confidential=True)))
        assert rows
        assert meeting.started_at is not None
        day = local(meeting.started_at).date().isoformat()
        assert {(row["meeting_id"], row["meeting_date"], row["meeting_title"], row["partnership"]) for row in rows} == {
            (meeting.id, day, meeting.title, meeting.partnership_name)
        }


def test_no_column_of_a_meetings_csv_mixes_meanings(demo: Store) -> None:
    """Due dates only in `due_on`, review dates only in `review_on`, resolution times only in `resolved_at`, a
    turning point's agreement only in `led_to`, an action's owner only in `owner`; dates and times in ISO."""
    kinds: set[str] = set()
    filled: set[str] = set()
    for meeting in demo.meetings.recent(None):
        text = to_csv(demo.records.meeting_record(meeting.id, include_confidential=True))
        assert text.splitlines()[0].split(",") == list(MEETING_CSV_COLUMNS)
        for row in read(text):
            kinds.add(row["kind"])
            filled.update(column for column, value in row.items() if value)
            for column, owners in ONLY_FOR.items():
                assert row["kind"] in owners or row[column] == "", (column, row)
            for column in ("due_on", "review_on", "meeting_date"):
                assert row[column] == "" or ISO_DATE.fullmatch(row[column]), (column, row[column])
            for column in ("recorded_at", "resolved_at"):
                assert row[column] == "" or LOCAL_TIME.fullmatch(row[column]), (column, row[column])
    assert kinds == {"attendee", "agreement", "action", "term", "elephant", "turning point"}
    assert filled >= set(ONLY_FOR), "the demo fills every kind-specific column somewhere"


def test_statuses_kinds_and_flags_are_words_people_read(store: Store, library: AgendaLibrary) -> None:
    partnership = store.partnerships.ensure("Settlement & schools")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    elephant = store.boards.raise_elephant(meeting.id, "Funding by client numbers")
    store.boards.set_elephant_status(elephant, ElephantStatus.LET_GO, meeting_id=meeting.id, note="Not ours to change")
    store.boards.mark_turning_point(meeting.id, kind=TurningPointKind.KIND_WORD, note="Thanks for the referral")
    store.business.add_action(meeting.id, "Send the form", due_on=date(2026, 12, 1), confidential=True)
    store.jargon.mention(meeting.id, "ISP")
    rows = read(to_csv(store.records.meeting_record(meeting.id, include_confidential=True)))
    by_kind = {row["kind"]: row for row in rows}
    assert by_kind["elephant"]["status"] == "let go" and by_kind["elephant"]["resolution"] == "Not ours to change"
    assert by_kind["turning point"]["turning_point_kind"] == "kind word"
    assert by_kind["action"]["confidential"] == "yes" and by_kind["action"]["due_on"] == "2026-12-01"
    assert by_kind["term"]["status"] == "unexplained" and by_kind["term"]["confidential"] == "no"
    for row in rows:
        assert row["confidential"] in {"yes", "no"} and row["from_earlier_meeting"] in {"yes", "no", ""}
        assert row["status"] in READABLE_STATUS.get(row["kind"], {""})
    glossary = read(glossary_to(store.records.glossary_records(partnership.id), "csv", partnership.name))
    assert [row["unexplained"] for row in glossary] == ["yes"]


def test_a_turning_point_names_its_agreement_in_led_to_and_a_person_only_in_said_by(
    store: Store, library: AgendaLibrary
) -> None:
    partnership = store.partnerships.ensure("Settlement & schools")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    lee = store.meetings.add_attendee(meeting.id, "Lee", "Settlement agency")
    agreement = store.business.add_agreement(meeting.id, "One referral form", review_on=date(2027, 2, 24))
    point = store.boards.mark_turning_point(meeting.id, note="An apology", attribution=Attribution.NAMED,
                                            person_id=lee.id)
    store.boards.link_turning_point(point, agreement.id)
    rows = {row["kind"]: row for row in read(to_csv(store.records.meeting_record(meeting.id)))}
    assert rows["turning point"]["led_to"] == "One referral form" and rows["turning point"]["owner"] == ""
    assert rows["turning point"]["said_by"] == "Lee, Settlement agency"
    assert rows["agreement"]["review_on"] == "2027-02-24" and rows["agreement"]["due_on"] == ""
    assert rows["attendee"]["text"] == "Lee" and rows["attendee"]["organisation"] == "Settlement agency"


@pytest.mark.parametrize("stamp", ["=cmd()", "not a time", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"])
def test_a_stored_time_that_cannot_be_read_as_local_is_written_as_it_is(ottawa_time: None, stamp: str) -> None:
    """A file another tool changed can hold anything where a time belongs: it is written as it is (and `_cell`
    then keeps it from running as a formula), never a traceback; one that reads is an ISO date and time."""
    for written in (local_date(stamp), local_time(stamp)):
        assert written == stamp or ISO_DATE.match(written or ""), written
    assert local_time("2026-11-24T14:00:00.000Z") == "2026-11-24 09:00"
    assert local_date("2026-11-25T04:59:00.000Z") == "2026-11-24", "the local day, not UTC's"


def test_a_byte_order_mark_only_when_asked(
    store: Store, library: AgendaLibrary, db_path: Path, tmp_path: Path, cli: RunCli
) -> None:
    """`--bom` starts the file with UTF-8's byte-order mark (Excel on Windows then reads "Séverine" right);
    the file still parses with the csv module read as `utf-8-sig`; without `--bom` there is none."""
    partnership = store.partnerships.ensure("Partenariat Séverine")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.meetings.add_attendee(meeting.id, "Séverine Gagné", "Conseil des écoles")
    store.jargon.mention(meeting.id, "PEI")
    store.close()
    commands = {
        "export": ("export", meeting.id, "--format", "csv"),
        "glossary": ("glossary", "--partnership", "Partenariat Séverine", "--format", "csv"),
    }
    for name, command in commands.items():
        plain, marked = tmp_path / f"{name}.csv", tmp_path / f"{name}-excel.csv"
        assert cli("--db", db_path, *command, "-o", plain).returncode == 0
        result = cli("--db", db_path, *command, "--bom", "-o", marked)
        assert result.returncode == 0, result.stderr
        assert not plain.read_bytes().startswith(codecs.BOM_UTF8)
        assert marked.read_bytes() == codecs.BOM_UTF8 + plain.read_bytes()
        with marked.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert next(iter(rows[0])) in ("meeting_id", "partnership"), "the first column's name, without the mark"
        assert rows[0]["partnership"] == "Partenariat Séverine"
        printed = cli("--db", db_path, *command, "--bom")
        assert printed.stdout.startswith("\ufeff") and printed.stdout[1:] == plain.read_text("utf-8")
    assert "Séverine Gagné" in (tmp_path / "export-excel.csv").read_bytes().decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_a_byte_order_mark_is_refused_for_other_formats(store: Store, library: AgendaLibrary, db_path: Path,
                                                         cli: RunCli, fmt: str) -> None:
    partnership = store.partnerships.ensure("Settlement & schools")
    meeting = store.meetings.create(partnership.id, library.agendas["operational"])
    result = cli("--db", db_path, "export", meeting.id, "--format", fmt, "--bom")
    assert result.returncode == 1 and "--bom goes with --format csv only" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("title", "columns"), [
    ("The meeting's CSV", MEETING_CSV_COLUMNS), ("The glossary's CSV", GLOSSARY_CSV_COLUMNS),
])
def test_the_readme_documents_every_column_in_order(title: str, columns: dict[str, str]) -> None:
    readme = README.read_text("utf-8")
    table = readme[readme.index(f"**{title}**"):]
    table = table[: table.index("\n\n", table.index("| column |"))]
    documented = re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE)
    assert documented == list(columns)
