"""Records in French (issue 18): the line renderers, the minutes, a meeting's export and the glossary
read French in French, and a document can be written in either language whatever the interface's
(`--language` on `export`, `minutes` and `glossary`; the export dialog's choice). English is unchanged."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, RadioButton

from meetingkit.core import lines
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.audience import Audience
from meetingkit.core.clock import FrozenClock
from meetingkit.core.i18n import Language, set_language, speaking
from meetingkit.core.models import Elephant, ElephantStatus
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.dialogs.export import ExportDialog
from tests.helpers import RunCli, open_review
from tests.store.test_minutes import HEADINGS, two_meetings

NBSP = "\u00a0"
FRENCH_HEADINGS = ["Présences", "Ententes conclues", "Actions", "Depuis la dernière fois", "Éléphants nommés",
                   "Termes expliqués", "Moments charnières", "Temps"]


# -- the line renderers --------------------------------------------------------------------------


def _elephant(status: ElephantStatus, *, confidential: bool = False) -> Elephant:
    raised = datetime(2026, 11, 20, 15, tzinfo=UTC)
    return Elephant(id="e1", text="Funding by numbers", status=status, raised_at=raised, confidential=confidential)


def test_an_elephants_status_and_wait_read_in_french(french: None) -> None:
    now = datetime(2026, 12, 4, 15, tzinfo=UTC)
    line = lines.elephant_line(_elephant(ElephantStatus.PARKED), now, Audience.FACILITATOR)
    assert line is not None
    assert line.text.startswith("en attente ") and "en attente depuis 14 jours" in line.text
    stand_in = lines.elephant_line(_elephant(ElephantStatus.LET_GO, confidential=True), now, Audience.ROOM)
    assert stand_in is not None and stand_in.text == "laissé de côté " + "un élément confidentiel"
    # The status column is as wide as French's longest status, so the elephants' words line up.
    widths = {len(lines._status_cell(status)) for status in ElephantStatus}
    assert widths == {len("laissé de côté") + 1}


def test_the_same_lines_stay_english_outside_french() -> None:
    now = datetime(2026, 12, 4, 15, tzinfo=UTC)
    line = lines.elephant_line(_elephant(ElephantStatus.PARKED), now, Audience.FACILITATOR)
    assert line is not None and line.text == "parked     Funding by numbers  — waiting 14 days"
    assert lines.status_words("let_go") == "let go" and lines.confidential_item() == lines.CONFIDENTIAL_ITEM


def test_dues_stand_ins_and_undo_read_in_french(french: None) -> None:
    run = lines.due_run(date(2026, 12, 1), date(2026, 12, 4))
    assert run[0].startswith("en retard depuis le ") and run[0].endswith("(3 jours)")
    assert lines.due_run(date(2026, 12, 1), date(2026, 12, 2))[0].endswith("(1 jour)")  # French counts 1 as one
    assert lines.confidential_term() == "un terme confidentiel"
    said = lines.undone_notice("actions", "done", [("status", "open", "done")], "Send the form", Audience.FACILITATOR)
    assert said == f"Annulé (marquée faite){NBSP}: action «{NBSP}Send the form{NBSP}»"
    hidden = lines.undone_notice("notes", "deleted", [], "SECRET", Audience.ROOM, confidential=True)
    assert "SECRET" not in hidden and "une note confidentielle" in hidden


def test_speaking_makes_one_document_french_and_leaves_the_interface_english() -> None:
    with speaking("fr"):
        assert lines.status_words("addressed") == "traité"
    assert lines.status_words("addressed") == "addressed"


# -- the minutes, the export and the glossary from the command line ------------------------------


def test_the_minutes_print_in_french_when_the_interface_is_french(
    store: Store, clock: FrozenClock, library: AgendaLibrary, db_path: Path, cli: RunCli, french: None
) -> None:
    meeting_id = two_meetings(store, clock, library)
    result = cli("--db", db_path, "minutes", meeting_id[-8:])
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"# Compte rendu{NBSP}: Operational meeting")
    assert all(f"## {heading}\n" in out for heading in FRENCH_HEADINGS), out
    assert not any(f"## {heading}\n" in out for heading in HEADINGS if heading != "Actions")
    assert "Réunion opérationnelle" in out and "1 élément confidentiel omis dans ce compte rendu." in out
    assert "NOW workers are school-based" in out  # what people typed is never translated
    assert "SECRET" not in out


def test_the_minutes_can_be_written_in_the_other_language_than_the_interfaces(
    store: Store, clock: FrozenClock, library: AgendaLibrary, db_path: Path, cli: RunCli
) -> None:
    meeting_id = two_meetings(store, clock, library)
    english = cli("--db", db_path, "minutes", meeting_id).stdout
    assert english.startswith("# Minutes: Operational meeting")
    french = cli("--db", db_path, "minutes", meeting_id, "--language", "fr")
    assert french.returncode == 0 and french.stdout.startswith(f"# Compte rendu{NBSP}:")
    page = cli("--db", db_path, "minutes", meeting_id, "--format", "html", "--language", "fr").stdout
    assert '<html lang="fr-CA">' in page and "<h2>Présences</h2>" in page
    assert '<html lang="en">' in cli("--db", db_path, "minutes", meeting_id, "--format", "html").stdout
    # After a French document the interface is English again, and an English one reads as before.
    assert cli("--db", db_path, "minutes", meeting_id, "--language", "en").stdout == english


def test_an_english_document_from_a_french_interface_is_the_english_one(
    store: Store, clock: FrozenClock, library: AgendaLibrary, db_path: Path, cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meeting_id = two_meetings(store, clock, library)
    english = {fmt: cli("--db", db_path, "export", meeting_id, "--format", fmt).stdout for fmt in ("md", "html")}
    monkeypatch.setenv("MEETINGKIT_LANG", "fr")
    for fmt, text in english.items():
        assert cli("--db", db_path, "export", meeting_id, "--format", fmt, "--language", "en").stdout == text


def test_a_meetings_export_reads_french_and_keeps_its_data_keys(
    store: Store, clock: FrozenClock, library: AgendaLibrary, db_path: Path, cli: RunCli
) -> None:
    meeting_id = two_meetings(store, clock, library)
    markdown = cli("--db", db_path, "export", meeting_id, "--language", "fr").stdout
    for heading in ("Présences", "Ordre du jour", "Ententes", "Actions", "Nommer le jargon", "Éléphants",
                    "Moments charnières"):
        assert f"## {heading}\n" in markdown, heading
    assert "Chaque élément tel qu’il était à la fin de la réunion" in markdown
    assert "prévu 10 min" in markdown and "1 élément confidentiel omis dans cette exportation." in markdown
    page = cli("--db", db_path, "export", meeting_id, "--format", "html", "--language", "fr").stdout
    assert '<html lang="fr-CA">' in page and "<th>Point</th><th>Prévu</th><th>Réel</th>" in page
    # The JSON is data: the same in both languages. The CSV's header and documented values stay English.
    documents = [json.loads(cli("--db", db_path, "export", meeting_id, "--format", "json", *language).stdout)
                 for language in ((), ("--language", "fr"))]
    for document in documents:
        document.pop("exported_at")  # the moment each was written
    assert documents[0] == documents[1]
    table = cli("--db", db_path, "export", meeting_id, "--format", "csv", "--language", "fr").stdout
    assert table.splitlines()[0].startswith("meeting_id,meeting_date,meeting_title,partnership,kind,")
    assert ",agreement," in table and ",yes," not in table.split("\n", 1)[0]


def test_the_glossary_can_be_written_in_french(
    store: Store, clock: FrozenClock, library: AgendaLibrary, db_path: Path, cli: RunCli
) -> None:
    two_meetings(store, clock, library)
    english = cli("--db", db_path, "glossary", "--partnership", "Schools and settlement").stdout
    assert english.startswith("# Glossary: Schools and settlement")
    french = cli("--db", db_path, "glossary", "--partnership", "Schools and settlement", "--language", "fr").stdout
    assert french.startswith(f"# Glossaire{NBSP}: Schools and settlement")
    assert f"Signifie{NBSP}: Settlement Workers in Schools" in french and "dans 1 réunion." in french
    assert "SWIS" in french


def test_a_language_meetingkit_does_not_speak_is_refused(
    store: Store, clock: FrozenClock, library: AgendaLibrary, db_path: Path, cli: RunCli
) -> None:
    meeting_id = two_meetings(store, clock, library)
    refused = cli("--db", db_path, "minutes", meeting_id, "--language", "de")
    assert refused.returncode == 2 and refused.stdout == ""


# -- the export dialog's choice of language ------------------------------------------------------


@pytest.fixture
def app(store: Store, library: AgendaLibrary, history: dict[str, str]) -> MeetingkitApp:
    return create_app(store, library)


async def test_the_export_dialog_writes_the_file_in_the_language_chosen(app: MeetingkitApp, tmp_path: Path) -> None:
    english, french = tmp_path / "record-en.md", tmp_path / "record-fr.md"
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.chosen_language == "en"  # the interface's, unless another is chosen
        dialog.query_one("#export-path").value = str(english)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.click("#language-fr")
        await pilot.pause()
        assert dialog.query_one("#language-fr", RadioButton).value and dialog.chosen_language == "fr"
        dialog.query_one("#export-path").value = str(french)
        dialog.query_one("#export-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    assert "## Who came" in english.read_text(encoding="utf-8")
    text = french.read_text(encoding="utf-8")
    assert "## Présences" in text and "## Nommer le jargon" in text and "One referral form" in text
    assert "Private thing" not in text


async def test_the_export_dialog_reads_french_and_offers_english_in_a_french_interface(
    french: None, app: MeetingkitApp, tmp_path: Path
) -> None:
    target = tmp_path / "record.md"
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.chosen_language == "fr"
        assert str(dialog.query_one("#export-save").label) == "Enregistrer"
        await pilot.click("#language-en")
        await pilot.pause()
        dialog.query_one("#export-path").value = str(target)
        dialog.query_one("#export-path").focus()
        await pilot.press("enter")
        await pilot.pause()
    text = target.read_text(encoding="utf-8")
    assert "## Who came" in text and "Présences" not in text


def test_the_timeline_of_a_meeting_says_its_times_as_the_language_writes_them(french: None) -> None:
    from meetingkit.core.models import TurningPoint

    point = TurningPoint(id="p1", meeting_id="m1", marked_at=datetime(2026, 12, 4, 14, 30, tzinfo=UTC),
                         note="Une excuse", section="Tour de table")
    line = lines.timeline_line(point, Audience.FACILITATOR)
    assert line is not None and " h " in line.text and f"dans «{NBSP}Tour de table{NBSP}»" in line.text


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_the_export_dialogs_language_and_file_show_on_a_small_terminal(
    app: MeetingkitApp, language: Language
) -> None:
    """At 80×24 the choice of language and the file's name are on screen (Enter saves from the name)."""
    set_language(language)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        for widget in ("#language-en", "#language-fr", "#export-path"):
            region = dialog.query_one(widget).region
            assert region.height and region.bottom <= 24, (widget, region)
    set_language("en")


MY_FILES = ["core/lines.py", "core/audience.py", "core/minutes.py", "core/export.py", "core/records.py",
            "core/summary.py", "ui/dialogs/export.py", "ui/exports.py"]


def test_every_message_marked_in_these_files_reaches_the_catalogue() -> None:
    """A marker inside an f-string (`f"{_('x')}"`) parses, but Babel's extraction does not look inside
    f-strings: the message would never be translated."""
    import ast

    import meetingkit
    from tools.catalogue import extracted

    catalogue = extracted()
    package = Path(meetingkit.__file__).parent
    missing = []
    for name in MY_FILES:
        for node in ast.walk(ast.parse((package / name).read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_", "pgettext", "ngettext")):
                continue
            texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            context, message = (texts[0], texts[1]) if node.func.id == "pgettext" else (None, texts[0])
            if catalogue.get(message, context=context) is None:
                missing.append(f"{name}:{node.lineno} {message!r}")
    assert missing == []
