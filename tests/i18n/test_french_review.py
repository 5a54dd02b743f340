"""Review for practice leads, and the partnership report, in French: the report made in either
language (or with its headings in both) whatever the interface's, from the command line on a real
file, and the review screen, its registers and trends read in French with keys pressed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static, Tab, TabbedContent

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.screens.registers import RegisterScreen, ReviewGlossaryScreen, ReviewParkingLotScreen
from meetingkit.ui.screens.trends import TrendsScreen
from tests.helpers import RunCli, history_rows, open_review, rendered_text

PARTNERSHIP = "Schools and settlement"
NBSP = "\u00a0"


def report(cli: RunCli, db_path: Path, *options: str) -> str:
    result = cli("--db", db_path, "report", "--partnership", PARTNERSHIP, *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


def without_made(text: str) -> str:
    """The report without its second line, which says when (to the minute) it was made."""
    return "\n".join(line for line in text.splitlines() if "made " not in line and "produit le" not in line)


@pytest.mark.usefixtures("history")
def test_the_report_in_french_from_an_english_interface(db_path: Path, cli: RunCli) -> None:
    text = report(cli, db_path, "--language", "fr")
    assert text.startswith(f"# Rapport du partenariat{NBSP}: Schools and settlement\n")
    assert f"Période{NBSP}: **" in text
    for heading in ("## En un coup d’œil", "## Réunions tenues", "## Présences par organisme",
                    f"## Nommer le jargon{NBSP}: le glossaire commun", "## Éléphants dans la pièce",
                    "## Moments charnières", "## Ententes et compréhensions communes", "## Actions",
                    "### Les réunions", "### Soulevés pendant la période (1)"):
        assert f"\n{heading}\n" in text, heading
    assert "| Réunions tenues | **2 réunions**, " in text
    assert "Dans ce rapport, les organismes sont nommés, jamais les personnes." in text
    assert "**1 traité**" in text and "**2 termes**" in text
    # What people typed stays as they typed it.
    assert "Funding by client numbers" in text and "One referral form" in text
    for english in ("At a glance", "Meetings held", "Elephants in the room", "still open", "In this report"):
        assert english not in text, english


@pytest.mark.usefixtures("history")
def test_the_html_report_in_french_says_its_language(db_path: Path, cli: RunCli) -> None:
    page = report(cli, db_path, "--language", "fr", "--format", "html")
    assert '<html lang="fr-CA">' in page
    assert "<h2>Réunions tenues</h2>" in page and "<th>Type de réunion</th>" in page
    english = report(cli, db_path, "--format", "html")
    assert '<html lang="en">' in english and "<h2>Meetings held</h2>" in english


@pytest.mark.usefixtures("history")
def test_headings_in_both_languages_and_the_body_in_the_interfaces(db_path: Path, cli: RunCli) -> None:
    both = report(cli, db_path, "--language", "en+fr")
    assert both.startswith(f"# Partnership report / Rapport du partenariat: {PARTNERSHIP}\n")
    assert "\n## Meetings held / Réunions tenues\n" in both
    assert "\n## Elephants in the room / Éléphants dans la pièce\n" in both
    assert "| Meetings held / Réunions tenues | **2 meetings**, " in both  # the body: English
    assert "\n## Actions\n" in both, "a heading the same in both languages is said once"
    page = report(cli, db_path, "--language", "en+fr", "--format", "html")
    assert '<html lang="en">' in page and "<h2>At a glance / En un coup d’œil</h2>" in page


@pytest.mark.usefixtures("history", "french")
def test_the_report_follows_the_french_interface_unless_told(db_path: Path, cli: RunCli) -> None:
    assert "\n## Réunions tenues\n" in report(cli, db_path)
    both = report(cli, db_path, "--language", "en+fr")
    assert "\n## Meetings held / Réunions tenues\n" in both
    assert "| Meetings held / Réunions tenues | **2 réunions**, " in both  # the body: French
    assert '<html lang="fr-CA">' in report(cli, db_path, "--language", "en+fr", "--format", "html")


@pytest.mark.usefixtures("history")
def test_an_english_report_from_a_french_interface_is_the_english_one(
    db_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = report(cli, db_path)
    monkeypatch.setenv("MEETINGKIT_LANG", "fr")
    assert without_made(report(cli, db_path, "--language", "en")) == without_made(english)
    assert without_made(report(cli, db_path, "--lang", "fr", "--language", "en", "--format", "html")) == \
        without_made(report(cli, db_path, "--lang", "en", "--format", "html"))


@pytest.fixture
def french_app(french: None, store: Store, library: AgendaLibrary, history: dict[str, str]) -> MeetingkitApp:
    return create_app(store, library)


def words(widget) -> str:
    """What a widget draws, spaces (non-breaking ones too) folded, so wrapping does not matter."""
    return " ".join(rendered_text(widget).replace(NBSP, " ").split())


async def test_the_review_screen_reads_in_french(french_app: MeetingkitApp) -> None:
    app = french_app
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        assert "Bilan" in words(screen.query_one("#title-bar", Static))
        status = words(screen.query_one("#review-status", Static))
        assert "3 réunions" in status and "trié par date, les plus récentes d’abord" in status
        headings = " ".join(str(column.label).replace("\n", " ") for column in
                            screen.query_one("#history", DataTable).columns.values())
        for heading in ("Date", "Partenariat", "Durée", "Présences", "Éléphants", "Moments charnières",
                        "Ententes", "Titre"):
            assert heading in headings, heading
        rows = history_rows(screen)
        assert "en cours" in rows[0] and "Schools and settlement" in rows[-1]
        await pilot.press("s")
        await pilot.pause()
        assert "trié par partenariat, de A à Z" in words(screen.query_one("#review-status", Static))
        await pilot.press("c")
        await pilot.pause()
        assert "Les éléments confidentiels sont affichés" in words(screen.query_one("#confidential-banner"))
        await pilot.press("c")
        await pilot.pause()

        screen.query_one("#history", DataTable).move_cursor(row=2)  # a Schools and settlement meeting
        await pilot.pause()
        expected = {
            "g": (ReviewGlossaryScreen, ["Glossaire (inexpliqués en tête; Entrée pour expliquer)",
                                         "2 termes, 1 inexpliqué, de toutes les réunions"]),
            "e": (ReviewParkingLotScreen, ["Stationnement (éléphants ouverts", "Funding by client numbers"]),
            "a": (RegisterScreen, ["Ententes et actions ouvertes", "Actions ouvertes : 2 · 1 en retard",
                                   "Ententes : 1", "One referral form"]),
        }
        for key, (kind, said) in expected.items():
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, kind), key
            text = words(app.screen.query_one("#board-heading")) + " " + words(app.screen.query_one("#board-list"))
            for phrase in said:
                assert phrase in text, (key, phrase)
            await pilot.press("escape")
            await pilot.pause()


async def test_trends_read_in_french(french_app: MeetingkitApp) -> None:
    app = french_app
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("T")
        await pilot.pause()
        trends = app.screen
        assert isinstance(trends, TrendsScreen)
        assert "Tendances" in words(trends.query_one("#title-bar", Static))
        tabs = " ".join(tab.label.plain for tab in trends.query_one(TabbedContent).query(Tab))
        for tab in ("1 Jargon", "2 Inexpliqués", "3 Éléphants", "4 Moments charnières", "5 Dépassements",
                    "6 Ajustements"):
            assert tab in tabs, tab
        await pilot.press("v")  # the numbers as a table
        await pilot.pause()
        table = trends.query_one("#trend-jargon DataTable", DataTable)
        assert [str(column.label) for column in table.columns.values()] == ["", "mentions"]
        assert all("-" in str(table.get_row_at(row)[0]) for row in range(table.row_count)), "days as 2026-09-25"
        empty = trends.query_one("#trend-steered .trend-empty", Static)
        assert str(empty.render()) == "Rien à afficher pour cette période pour l’instant."
