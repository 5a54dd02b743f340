"""The export dialogs as the review screens open them, rendering through the document use cases.

The dialog (`ui/dialogs/export.py`) only asks for a format, a file and whether confidential
items go in; it is handed a `render(format, include_confidential)` built here, so it never
reads the store itself. The documents are the CLI's (`meetingkit export`, `meetingkit report`),
made by `usecases.documents`.
"""

from __future__ import annotations

from datetime import datetime

from meetingkit.core.clock import local
from meetingkit.core.i18n import _
from meetingkit.core.localise import quoted
from meetingkit.core.periods import Period
from meetingkit.store import Store
from meetingkit.ui.dialogs.export import MEETING_FORMATS, MINUTES_FORMATS, REPORT_FORMATS, ExportDialog, slug
from meetingkit.usecases.documents import meeting_document, minutes_document, report_document


def meeting_export(
    store: Store, meeting_id: str, title: str, started_at: datetime | None, include_confidential: bool
) -> ExportDialog:
    """The dialog that saves one meeting's record (Markdown, HTML, JSON or CSV)."""

    def make(fmt: str, confidential: bool) -> tuple[str, int]:
        document = meeting_document(store, meeting_id, fmt, include_confidential=confidential)
        return document.text, document.left_out

    day = local(started_at).strftime("%Y-%m-%d-") if started_at else ""
    return ExportDialog(_("Export {title}").format(title=quoted(title)), MEETING_FORMATS, day + slug(title), make,
                        include_confidential)


def minutes_export(store: Store, meeting_id: str, title: str, started_at: datetime | None) -> ExportDialog:
    """The dialog that saves a meeting's minutes (Markdown, or HTML to print), from the summary screen;
    confidential items go in only when its box is ticked."""

    def make(fmt: str, confidential: bool) -> tuple[str, int]:
        document = minutes_document(store, meeting_id, fmt, include_confidential=confidential)
        return document.text, document.left_out

    day = local(started_at).strftime("%Y-%m-%d-") if started_at else ""
    return ExportDialog(_("Save the minutes of {title}").format(title=quoted(title)), MINUTES_FORMATS,
                        day + "minutes-" + slug(title), make, False)


def report_export(
    store: Store, partnership_id: str, partnership: str, period: Period, include_confidential: bool
) -> ExportDialog:
    """The dialog that saves a partnership's report over `period` (Markdown or HTML)."""

    def make(fmt: str, confidential: bool) -> tuple[str, int]:
        document = report_document(store, partnership_id, period, fmt, include_confidential=confidential)
        return document.text, document.left_out

    today = local(store.clock.now()).date()
    stem = f"{today:%Y-%m-%d}-report-{slug(partnership)}"
    # Translators: {period} is "the last 90 days", "2026" and the like.
    return ExportDialog(_("Report on {partnership}, {period}").format(partnership=partnership,
                                                                       period=period.describe(today)),
                        REPORT_FORMATS, stem, make, include_confidential)
