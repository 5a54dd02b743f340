"""The documents a practice lead files or sends: a meeting's record, a partnership's report, its glossary.

Each is read inside one `store.db.snapshot()`, so its parts agree with each other even
while a meeting is being captured in another process, and rendered by `core`. Neither the
CLI nor the console gathers a document itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetingkit.core.audience import Naming
from meetingkit.core.export import glossary_to, render
from meetingkit.core.minutes import MINUTES_RENDERERS
from meetingkit.core.models import TermLanguage
from meetingkit.core.periods import Period
from meetingkit.core.report import REPORT_RENDERERS, ReportLanguage
from meetingkit.store import Store


@dataclass(frozen=True)
class Document:
    """A rendered document and what it held back."""

    text: str
    """The document, in the format asked for."""
    left_out: int
    """How many confidential items it leaves out (0 when they were asked for)."""


def meeting_document(store: Store, meeting_id: str, fmt: str, *, include_confidential: bool = False) -> Document:
    """One meeting's record as Markdown, HTML, JSON or CSV (`core.export.FORMATS`)."""
    with store.db.snapshot():
        record = store.records.meeting_record(meeting_id, include_confidential=include_confidential)
    return Document(render(record, fmt), record.left_out.confidential)


def minutes_document(store: Store, meeting_id: str, fmt: str, *, include_confidential: bool = False) -> Document:
    """A meeting's minutes, to send everyone, as Markdown or printable HTML (`core.minutes`)."""
    with store.db.snapshot():
        minutes = store.records.minutes(meeting_id, include_confidential=include_confidential)
    return Document(MINUTES_RENDERERS[fmt](minutes), minutes.left_out)


def report_document(
    store: Store, partnership_id: str, period: Period, fmt: str, *, include_confidential: bool = False,
    naming: Naming = Naming.ORGANISATIONS, language: ReportLanguage | None = None,
) -> Document:
    """A partnership's report for a period, as Markdown or printable HTML (`core.report.REPORT_RENDERERS`),
    naming people, organisations only (the default) or nobody, in `language` (default: the interface's)."""
    with store.db.snapshot():
        report = store.reports.partnership_report(
            partnership_id, period=period, include_confidential=include_confidential, naming=naming
        )
    return Document(REPORT_RENDERERS[fmt](report, language), report.left_out.confidential)


def glossary_document(
    store: Store, partnership_id: str, fmt: str, *, include_confidential: bool = False,
    term_language: TermLanguage | None = None,
) -> str:
    """Every term a partnership has named (or those of `term_language`), with its meanings, as Markdown, CSV or JSON."""
    with store.db.snapshot():
        partnership = store.partnerships.get(partnership_id)
        terms = store.records.glossary_records(
            partnership_id, include_confidential=include_confidential, language=term_language
        )
    return glossary_to(terms, fmt, partnership.name)
