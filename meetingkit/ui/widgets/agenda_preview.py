"""A read-only view of one agenda: what it is for and its timeboxed sections."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from meetingkit.core.agendas import agenda_in
from meetingkit.core.i18n import _, ngettext
from meetingkit.core.models import Agenda
from meetingkit.ui.widgets.agenda_sidebar import kind_words


class AgendaPreview(VerticalScroll):
    """Shows the agenda in `agenda`; template text is always shown as plain text."""

    DEFAULT_CSS = """
    AgendaPreview { padding: 0 1; }
    AgendaPreview .agenda-description { margin-bottom: 1; }
    AgendaPreview .section-title { margin-top: 1; }
    AgendaPreview .section-prompts { padding-left: 9; color: $text-muted; }
    AgendaPreview .hint { color: $text-muted; }
    """

    agenda: reactive[Agenda | None] = reactive(None, recompose=True)
    """The agenda on show; `None` shows a hint instead."""

    def compose(self) -> ComposeResult:
        if self.agenda is None:
            yield Static(Content(_("Choose an agenda to see its sections.")), classes="hint")
            return
        agenda = agenda_in(self.agenda)  # its words in the interface's language, when it has them
        # English says "sections" even for one, as it always has; French chooses its own form.
        yield Static(
            Content.assemble(
                (agenda.name, "bold"),
                ("  ·  " + ngettext("{minutes} min  ·  {count} sections", "{minutes} min  ·  {count} sections",
                                    len(agenda.sections)).format(minutes=agenda.total_minutes, count=len(agenda.sections)),
                 "dim"),
            )
        )
        if agenda.description:
            yield Static(Content(agenda.description), classes="agenda-description")
        for section in agenda.sections:
            yield Static(
                Content.assemble(
                    (f"{section.minutes:>4} min  ", "bold"), section.title, (f"  {kind_words(section.kind)}", "dim italic")
                ),
                classes="section-title",
            )
            if section.prompts:
                yield Static(Content("\n".join(section.prompts)), classes="section-prompts")

    def watch_agenda(self) -> None:
        self.scroll_home(animate=False)
