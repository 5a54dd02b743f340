"""The console opens on its home screen without importing what only other screens need (issue 19):
each screen's module, and the store's repositories behind it, load when that screen is first opened.

Checked in a fresh interpreter that runs `meetingkit` up to its home screen (headless), then lists
the modules it has loaded; nothing here is timed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
import textual.app

def run(self, *args, **kwargs):
    async def look(pilot):
        await pilot.pause()
        assert type(self.screen).__name__ == "HomeScreen", self.screen
        for key in {keys!r}:
            await pilot.press(key)
            await pilot.pause()
        self.exit(0)
    return textual.app.App.run.__wrapped__(self, headless=True, size=(120, 36), auto_pilot=look)

run.__wrapped__ = textual.app.App.run
textual.app.App.run = run
from meetingkit.cli import main
main(["--db", {db!r}])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

NOT_AT_START = (
    # the other screens and what they show with
    "meetingkit.ui.screens.runner", "meetingkit.ui.screens.review", "meetingkit.ui.screens.search",
    "meetingkit.ui.screens.record", "meetingkit.ui.screens.registers", "meetingkit.ui.screens.trends",
    "meetingkit.ui.screens.summary", "meetingkit.ui.screens.boards", "meetingkit.ui.screens.new_meeting",
    "meetingkit.ui.screens.help", "meetingkit.ui.screens.language", "meetingkit.ui.dialogs.invite",
    "meetingkit.ui.widgets.notes_editor", "meetingkit.ui.widgets.jargon_board", "textual_plotext", "segno",
    # the repositories the home screen does not read, and what only they import
    "meetingkit.store.merge", "meetingkit.store.report", "meetingkit.store.records", "meetingkit.store.review",
    "meetingkit.store.participants", "meetingkit.store.boards", "meetingkit.store.jargon",
    "meetingkit.store.business", "meetingkit.store.notes", "meetingkit.store.schema_snapshot",
    "meetingkit.core.report_data", "meetingkit.core.periods", "meetingkit.cli.lookup", "meetingkit.usecases.undo",
    "meetingkit.core.records",  # a meeting's summary: read with the first one (none in a new file)
)


def loaded_by_opening(db: Path, keys: tuple[str, ...] = ()) -> set[str]:
    """Every module a fresh `meetingkit --db DB` has loaded once its home screen is up (and `keys` pressed)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(db=str(db), keys=keys)], capture_output=True, text=True, check=True,
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def made(path: Path) -> Path:
    """A database file made as on first use, so the probe opens one already there."""
    from meetingkit.store import Store

    with Store.open(path):
        pass
    return path


def test_the_home_screen_opens_without_the_other_screens_modules(tmp_path: Path) -> None:
    modules = loaded_by_opening(made(tmp_path / "m.db"))
    assert "meetingkit.ui.screens.home" in modules
    assert sorted(name for name in NOT_AT_START if name in modules) == []


def test_the_probe_would_notice_a_screen_loaded(tmp_path: Path) -> None:
    """The check above can fail: opening the review (v) loads its screen and the store's history."""
    modules = loaded_by_opening(made(tmp_path / "m.db"), keys=("v",))
    assert {"meetingkit.ui.screens.review", "meetingkit.store.review"} <= modules
