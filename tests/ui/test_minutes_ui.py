"""The summary screen is the minutes (issue 17): the texts, not only counts, in the minutes' order,
scrollable, and `m` saves them through the export dialog (HTML to print, or Markdown)."""

from __future__ import annotations

import stat
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import DataTable

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.export import ExportDialog
from meetingkit.ui.messages import OpenMeeting
from meetingkit.ui.screens.summary import PART_IDS, SummaryScreen
from tests.helpers import rendered_text, table_rows
from tests.store.test_minutes import two_meetings


async def test_the_summary_shows_the_minutes_texts_in_order_and_scrolls(
    store: Store, clock: FrozenClock, library: AgendaLibrary
) -> None:
    meeting_id = two_meetings(store, clock, library)
    app = create_app(store, library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(OpenMeeting(meeting_id))
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        parts = [summary.query_one(f"#summary-{name}") for name in PART_IDS]
        places = [part.virtual_region.y for part in parts]
        assert places == sorted(places)
        shown = {name: rendered_text(part) for name, part in zip(PART_IDS, parts, strict=True)}
        assert "Done  EARLIER share the timetable" in shown["earlier"]
        assert "Agreement confirmed  EARLIER one referral form" in shown["earlier"]
        assert "<script>alert(1)</script> [bold]loud[/bold]" in shown["elephants"], "markup stays text"
        assert "Settlement Workers in Schools" in shown["terms"]
        assert "opened up: NOW trust to talk about numbers" in shown["turning-points"]
        assert "NOW-SECRET about the Ahmed family" in shown["agreements"], "the facilitator sees everything"
        times = table_rows(summary.query_one("#summary-sections", DataTable))
        assert any("over by under a minute" in row for row in times), times
        assert any("skipped" in row for row in times)
        scroll = summary.query_one("#summary", VerticalScroll)
        assert scroll.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y


async def test_m_saves_the_minutes_as_html_to_print_readable_only_by_its_owner(
    store: Store, clock: FrozenClock, library: AgendaLibrary, tmp_path: Path
) -> None:
    meeting_id = two_meetings(store, clock, library)
    target = tmp_path / "minutes.html"
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        app.post_message(OpenMeeting(meeting_id))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path_input = dialog.query_one("#export-path")
        assert path_input.value.endswith("-minutes-operational-meeting.html")  # type: ignore[attr-defined]
        path_input.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h2>Since last time</h2>" in page
    assert "&lt;script&gt;" in page and "<script>" not in page and "SECRET" not in page
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
