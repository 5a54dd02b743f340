"""The agenda down the side: done, current, skipped and next sections, planned (and as steered) against elapsed."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meetingkit.core.clock import format_minutes
from meetingkit.core.i18n import _, pgettext
from meetingkit.core.models import SectionKind, SectionRun


def kind_words(kind: SectionKind) -> str:
    """What a section is for, as its heading says it ("round", "discussion")."""
    return {
        SectionKind.WELCOME: pgettext("section kind", "welcome"),
        SectionKind.ROUND: pgettext("section kind", "round"),
        SectionKind.DISCUSSION: pgettext("section kind", "discussion"),
        SectionKind.REVIEW: pgettext("section kind", "review"),
        SectionKind.REFLECTION: pgettext("section kind", "reflection"),
        SectionKind.TRAINING: pgettext("section kind", "training"),
        SectionKind.BREAK: pgettext("section kind", "break"),
        SectionKind.CLOSE: pgettext("section kind", "close"),
    }.get(kind, kind.value)



def _mark(run: SectionRun, current: int) -> tuple[str, str]:
    if run.position == current:
        return "▶", "bold $accent"
    if run.skipped:
        return "⤼", "dim"
    if run.started_at is not None:
        return "✓", "$success"
    if run.position == current + 1:
        return "›", "bold"
    return "·", "dim"


class AgendaSidebar(OptionList):
    """Every section with its timebox; the screen calls `show()` to refresh it."""

    DEFAULT_CSS = """
    AgendaSidebar { background: transparent; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.can_focus = False

    def show(self, runs: list[SectionRun], current: int, now: datetime) -> None:
        """Redraw the sections; planned minutes always, the minutes it has now when steered (`>`, `<`,
        a re-plan), time spent once a section has begun, and whether it was skipped."""
        options = []
        for run in runs:
            mark, style = _mark(run, current)
            spent = ""
            if run.adjusted_minutes is not None and run.adjusted_minutes != run.planned_minutes:
                spent += " · " + _("now {minutes}").format(minutes=run.adjusted_minutes)
            if run.started_at is not None:
                spent += f" · {format_minutes(run.elapsed_seconds(now))}"
            if run.skipped:
                spent += " · " + pgettext("section", "skipped")
            line = Content.assemble(
                (f"{mark} ", style),
                (run.title, "bold" if run.position == current else ""),
                ("\n", ""),
                ("  " + _("{minutes} min planned").format(minutes=run.planned_minutes) + spent, "dim"),
            )
            options.append(Option(line, id=run.id))
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        self.highlighted = current if options else highlighted
