"""The export dialogs as the review screens open them: what to render, read from the store here.

The dialog (`ui/dialogs/export.py`) only asks for a format, a file and whether confidential
items go in; it is handed a `render(format, include_confidential)` built here, so it never
reads the store itself. The renderings are the CLI's (`meetingkit export`, `meetingkit report`).
"""

from __future__ import annotations

from datetime import datetime

from meetingkit.core.clock import local
from meetingkit.core.periods import Period
from meetingkit.store import Store
from meetingkit.ui.dialogs.export import MEETING_FORMATS, REPORT_FORMATS, ExportDialog, slug


def meeting_export(
    store: Store, meeting_id: str, title: str, started_at: datetime | None, include_confidential: bool
) -> ExportDialog:
    """The dialog that saves one meeting's record (Markdown, HTML, JSON or CSV)."""
    from meetingkit.core.export import render

    def make(fmt: str, confidential: bool) -> tuple[str, int]:
        record = store.records.meeting_record(meeting_id, include_confidential=confidential)
        return render(record, fmt), record["left_out"]["confidential"]

    day = local(started_at).strftime("%Y-%m-%d-") if started_at else ""
    return ExportDialog(f"Export “{title}”", MEETING_FORMATS, day + slug(title), make, include_confidential)


def report_export(
    store: Store, partnership_id: str, partnership: str, period: Period, include_confidential: bool
) -> ExportDialog:
    """The dialog that saves a partnership's report over `period` (Markdown or HTML)."""
    from meetingkit.core.report import report_to_html, report_to_markdown

    def make(fmt: str, confidential: bool) -> tuple[str, int]:
        data = store.reports.partnership_report(partnership_id, period=period, include_confidential=confidential)
        text = report_to_html(data) if fmt == "html" else report_to_markdown(data)
        return text, int(data.get("left_out", {}).get("confidential", 0))

    today = local(store.clock.now()).date()
    stem = f"{today:%Y-%m-%d}-report-{slug(partnership)}"
    return ExportDialog(f"Report on {partnership}, {period.describe(today)}", REPORT_FORMATS, stem, make,
                        include_confidential)
