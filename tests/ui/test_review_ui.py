"""Review as a practice lead uses it, keys pressed in a real app on a real file: the history and its
filters, sorting, a meeting's record, search with hostile words, the partnership's registers,
trends at small and large sizes, and saving an export."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.models import HistoryRow, MeetingStatus
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.dialogs.export import ExportDialog
from meetingkit.ui.screens.record import RecordScreen
from meetingkit.ui.screens.registers import (
    PartnershipTimelineScreen,
    RegisterScreen,
    ReviewGlossaryScreen,
    ReviewParkingLotScreen,
)
from meetingkit.ui.screens.review import COLUMNS, history_cells
from meetingkit.ui.screens.search import SearchScreen
from meetingkit.ui.screens.trends import TrendsScreen, TrendView
from tests.helpers import HOSTILE_QUERIES, history_rows, open_review, rendered_text, type_text


@pytest.fixture
def app(store: Store, library: AgendaLibrary, history) -> MeetingkitApp:
    return create_app(store, library)


async def searched(app: MeetingkitApp, pilot) -> None:
    """Wait for the ranked hits (they are found in a thread after the newest ones are shown)."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.screen.ranked


def status(screen) -> str:
    return rendered_text(screen.query_one("#review-status", Static))


async def test_history_lists_every_meeting_with_its_counts(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        rows = history_rows(screen)
        assert len(rows) == 3 and "3 meetings" in status(screen)
        oldest = rows[-1]
        assert "Schools and settlement" in oldest and "Operational" in oldest and "1:30" in oldest
        # people, jargon, elephants, turning points, agreements, actions
        assert " | 2 | 3 | 1 | 1 | 1 | 2 | " in oldest
        assert "running" in rows[0]


def test_the_history_makes_a_repeated_cell_once_and_each_cell_as_its_column_does(french: None) -> None:
    """Shared cells (issue 19) are the cells each column makes, in either language: equal counts, names,
    types, titles and lengths (to the minute) share one, the date and running meetings included."""
    def row(n: int, status: MeetingStatus, seconds: float | None, count: int) -> HistoryRow:
        return HistoryRow(f"m{n}", "p", "Schools", "reflective-practice" if n % 2 else "operational", f"T{n % 2}",
                          status, datetime(2026, 3, 1 + n % 3, 23, 30, tzinfo=UTC), seconds, count, 0, count, 1, 0, 2)

    rows = [row(0, MeetingStatus.ENDED, 5400.0, 3), row(1, MeetingStatus.ENDED, 5410.0, 3),
            row(2, MeetingStatus.ENDED, 5440.0, 0), row(3, MeetingStatus.RUNNING, None, 1),
            row(4, MeetingStatus.PLANNED, None, 3)]
    def shown(cell: Text) -> tuple:
        return cell.plain, str(cell.style), cell.spans, cell.overflow, cell.no_wrap

    cells = history_cells(rows)
    assert [[shown(cell) for cell in line] for line in cells] == [
        [shown(column.cell(each)) for column in COLUMNS] for each in rows
    ]
    length = [column.key for column in COLUMNS].index("length")
    assert cells[0][length] is cells[1][length] and cells[2][length] is not cells[1][length]
    assert cells[0][4] is cells[1][4] and cells[0][1] is cells[4][1]


async def test_a_period_typed_as_people_say_it_filters_and_is_shown_back(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        await pilot.press("f")
        await type_text(pilot, "last 45 days")
        await pilot.pause()
        assert len(history_rows(screen)) == 2
        assert "11 Oct 2026 to today (45 days)" in status(screen)
        # A phrase that cannot be read says so and keeps the last good filter.
        await type_text(pilot, " or so")
        await pilot.pause()
        assert "Couldn't read 'last 45 days or so' as a period" in status(screen)
        assert "2 meetings" in status(screen) and "Still showing: 11 Oct 2026 to today" in status(screen)
        assert len(history_rows(screen)) == 2
        assert screen.query_one("#filter-period").has_class("-invalid")
        await pilot.press(*["backspace"] * len("last 45 days or so"))
        await type_text(pilot, "since 1 Jan 2020")
        await pilot.press("enter")
        await pilot.pause()
        assert len(history_rows(screen)) == 3 and "since 1 Jan 2020" in status(screen)
        assert screen.focused is screen.query_one("#history")


async def test_partnership_and_type_filters_are_chosen_with_keys(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#filter-partnership").focus()
        await pilot.press("enter")  # open the list: All, Literacy network, Schools and settlement (by recency)
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        rows = history_rows(screen)
        assert rows and all("Schools and settlement" in row for row in rows) and len(rows) == 2
        screen.query_one("#filter-type").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # All, operational, strategic (most used first)
        await pilot.pause()
        assert len(history_rows(screen)) == 1 and "Strategic" in history_rows(screen)[0]


async def test_s_sorts_by_each_column_in_turn_and_again_reverses(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        assert "running" in history_rows(screen)[0]  # newest first
        await pilot.press("s")  # partnership, A to Z
        await pilot.pause()
        assert "Literacy network" in history_rows(screen)[0]
        assert "sorted by partnership" in status(screen)
        screen.sort_by("partnership")  # the same column again: Z to A
        await pilot.pause()
        assert "Schools and settlement" in history_rows(screen)[0]
        screen.sort_by("jargon")
        await pilot.pause()
        assert " | 3 | " in history_rows(screen)[0]


async def test_enter_opens_the_whole_record_read_only_confidential_left_out(app: MeetingkitApp, history) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("enter")
        await pilot.pause()
        record = app.screen
        assert isinstance(record, RecordScreen) and record.meeting_id == history["first"]
        text = "\n".join(rendered_text(part) for part in record.query(".record-part"))
        assert "1. " in text and "Agreement" in text and "One referral form" in text
        assert "Draft the form" in text and "Funding by client numbers" in text
        assert "An apology for the missed referrals" in text and "led to: One referral form" in text
        assert "Private thing" not in text and "1 confidential item left out" in text
        await pilot.press("escape", "c")
        await pilot.pause()
        assert screen.query_one("#confidential-banner").display
        await pilot.press("enter")
        await pilot.pause()
        text = "\n".join(rendered_text(part) for part in app.screen.query(".record-part"))
        assert "Private thing" in text and "confidential" in text


@pytest.mark.parametrize("query", HOSTILE_QUERIES[:12] + ["[bold]x[/bold]", "\x1b]52;c;aGk=\x07"])
async def test_search_takes_any_words_without_an_error(app: MeetingkitApp, query: str) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one("#search-words").insert_text_at_cursor(query)
        await searched(app, pilot)
        assert rendered_text(screen.query_one("#search-status"))  # says something, raises nothing


async def test_first_hits_appear_while_typing_and_enter_opens_the_meeting(app: MeetingkitApp, history) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "refer")
        await searched(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        kinds = {hit.kind for hit in screen.hits}
        assert {"agreement", "turning point"} <= kinds
        shown = rendered_text(screen.query_one("#search-hits"))
        assert "One referral form" in shown and "Schools and settlement" in shown
        await type_text(pilot, "ral form")
        await searched(app, pilot)
        assert [hit.kind for hit in screen.hits] == ["agreement"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen) and app.screen.meeting_id == history["first"]


async def test_confidential_text_is_searched_only_after_the_lead_turns_it_on(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "private")
        await searched(app, pilot)
        assert app.screen.hits == []
        assert "not searched" in rendered_text(app.screen.query_one("#title-bar"))
        await pilot.press("escape", "c", "slash")
        await type_text(pilot, "private")
        await searched(app, pilot)
        assert [hit.kind for hit in app.screen.hits] == ["action"]


async def test_each_cross_meeting_view_shows_the_partnership(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)  # a Schools and settlement meeting
        await pilot.pause()
        expected = {
            "g": (ReviewGlossaryScreen, ["ISP", "the family's settlement plan", "MLO", "still unexplained",
                                         "2 terms, 1 still unexplained, from all meetings"]),
            "e": (ReviewParkingLotScreen, ["Funding by client numbers", "after 30 days and 1 meeting: Talked it through"]),
            "t": (PartnershipTimelineScreen, ["An apology for the missed referrals", "led to: One referral form",
                                              "a confidential item"]),
            "a": (RegisterScreen, ["Open actions: 2 · 1 overdue", "overdue since Sun 01 Nov (23 days) Draft the form",
                                   "Agreements: 1", "One referral form"]),
        }
        for key, (kind, words) in expected.items():
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, kind), key
            # Lines wrap at the screen's edge: compare words, not layout.
            text = " ".join((rendered_text(app.screen.query_one("#board-heading"))
                             + rendered_text(app.screen.query_one("#board-list"))).split())
            assert "Schools and settlement" in text, key
            for word in words:
                assert word in text, (key, word)
            assert "Confidential moment" not in text and "Private thing" not in text
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.parametrize(("size", "plotted"), [((56, 16), False), ((80, 24), True), ((160, 50), True)])
async def test_trends_plot_when_there_is_room_and_fall_back_to_a_table(
    app: MeetingkitApp, size: tuple[int, int], plotted: bool
) -> None:
    async with app.run_test(size=size) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("T")
        await pilot.pause()
        trends = app.screen
        assert isinstance(trends, TrendsScreen)
        view = trends.query_one("#trend-jargon", TrendView)
        assert view.plotted is plotted
        assert view.query_one(PlotextPlot).display is plotted
        table = view.query_one(DataTable)
        assert table.display is not plotted and table.row_count == 2
        await pilot.press("3")
        await pilot.pause()
        elephants = trends.query_one("#trend-elephants", TrendView)
        assert elephants.plotted is plotted  # a pane shown later is fitted to its real size too
        await pilot.press("v")
        await pilot.pause()
        assert not elephants.plotted and elephants.query_one(DataTable).display


async def test_x_saves_an_export_readable_only_by_its_owner_and_never_overwrites(
    app: MeetingkitApp, tmp_path: Path
) -> None:
    target = tmp_path / "record.md"
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path_input = dialog.query_one("#export-path")
        path_input.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        text = target.read_text(encoding="utf-8")
        assert "One referral form" in text and "Private thing" not in text
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "already exists" in rendered_text(app.screen.query_one("#export-message"))
        assert target.read_text(encoding="utf-8") == text


async def test_a_csv_can_be_saved_for_excel_on_windows_with_a_byte_order_mark(app: MeetingkitApp, tmp_path: Path) -> None:
    """The box shows only for CSV, and puts the mark first; without it the file starts with its header."""
    from textual.widgets import Checkbox

    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        for ticked in (False, True):
            await pilot.press("x")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            box = dialog.query_one("#export-bom", Checkbox)
            assert not box.display  # Markdown first: no such choice
            dialog.query_one("#format-csv").value = True
            await pilot.pause()
            assert box.display
            box.value = ticked
            target = tmp_path / f"record-{ticked}.csv"
            dialog.query_one("#export-path").value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, ExportDialog)
            raw = target.read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf") is ticked
            assert raw.decode("utf-8-sig").startswith("meeting_id,")


async def test_shift_r_saves_the_partnerships_report_and_says_what_it_left_out(
    app: MeetingkitApp, tmp_path: Path
) -> None:
    """The report of the highlighted meeting's partnership is saved as Markdown; the confidential action
    and turning point stay out, and the notice says how many."""
    target = tmp_path / "report.md"
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("R")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Partnership report: Schools and settlement")
        assert "One referral form" in text and "(2 left out of the lists in this period)" in text
        assert "Private thing" not in text and "Confidential moment" not in text
        assert any("2 confidential items left out." in str(n.message) for n in app._notifications)


async def test_explaining_a_term_in_review_hides_confidential_meanings_until_c(
    app: MeetingkitApp, store: Store, history
) -> None:
    [isp] = [t for t in store.jargon.glossary(history["schools"]) if t.display == "ISP"]
    store.jargon.add_meaning(isp.id, "the Ahmed family's private plan", confidential=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        for confidential_shown in (False, True):
            await pilot.press("g")
            await pilot.pause()
            glossary = app.screen
            glossary.query_one("#board-list").focus()
            options = glossary.query_one("#board-list")
            options.highlighted = options.get_option_index(isp.id)
            await pilot.press("enter")
            await pilot.pause()
            text = " ".join(rendered_text(part) for part in app.screen.query(".dialog-detail"))
            assert ("Ahmed" in text) is confidential_shown
            assert ("the family's settlement plan" in text)
            await pilot.press("escape", "escape")
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()


async def test_the_glossarys_heading_counts_again_when_a_term_is_explained(
    app: MeetingkitApp, store: Store, history
) -> None:
    """The finding: "1 still unexplained" stayed after the term was explained."""
    [mlo] = [t for t in store.jargon.glossary(history["schools"]) if t.display == "MLO"]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("g")
        await pilot.pause()
        glossary = app.screen
        heading = glossary.query_one("#board-heading")
        assert "2 terms, 1 still unexplained" in rendered_text(heading)
        options = glossary.query_one("#board-list")
        options.focus()
        options.highlighted = options.get_option_index(mlo.id)
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "multicultural liaison officer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is glossary
        assert "2 terms, 0 still unexplained" in rendered_text(heading)


async def test_down_from_the_words_lands_on_the_best_hit_and_up_goes_back(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "refer")
        await searched(app, pilot)
        screen = app.screen
        assert len(screen.hits) >= 2
        await pilot.press("down")
        await pilot.pause()
        hits = screen.query_one("#search-hits")
        assert screen.focused is hits and hits.highlighted == 0
        await pilot.press("up")
        await pilot.pause()
        assert screen.focused is screen.query_one("#search-words")
        await type_text(pilot, "ral")
        await searched(app, pilot)
        assert screen.query_one("#search-words").value == "referral"


async def test_x_saves_into_a_folder_names_a_missing_one_and_offers_the_last_folder_again(
    app: MeetingkitApp, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "nowhere" / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "There is no folder" in rendered_text(app.screen.query_one("#export-message"))
        app.screen.query_one("#export-path").value = str(folder)
        await pilot.press("enter")
        await pilot.pause()
        [saved] = folder.iterdir()
        assert saved.suffix == ".md" and "operational" in saved.name
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.query_one("#export-path").value.startswith(str(folder))
