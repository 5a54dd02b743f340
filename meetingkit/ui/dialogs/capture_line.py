"""`j`, `e`: one line to capture a jargon term or an elephant, with who said it and whether it is confidential."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.i18n import _
from meetingkit.core.models import ANONYMOUS, Organisation, Person, Speaker
from meetingkit.core.text import sanitise
from meetingkit.ui.dialogs.capture_form import CaptureForm, FormCheckbox, WordsInput, confidential_label

NOBODY = "anonymous"
"""The said-by choice that keeps nobody on record (the default)."""


@dataclass(frozen=True)
class CaptureDraft:
    """One line, who said it (as every capture takes it), and whether it may ever be shown."""

    text: str
    speaker: Speaker
    confidential: bool


def said_by_choices(
    people: list[Person], organisations: list[Organisation], audience: Audience = Audience.FACILITATOR
) -> list[tuple[Content, str]]:
    """Anonymous first (the default), then each person in the room, then each organisation alone.

    People are listed only where the policy lets the audience see who is here: while the room
    watches the console, nobody's name is offered (or lit up as it is chosen) on the wall.
    """
    choices = [(Content(_("Anonymous: nobody on record")), NOBODY)]
    if shows(Kind.ATTENDEE, audience):
        choices += [(Content(_("Said by {person}").format(person=p.label)), f"person:{p.id}") for p in people]
    choices += [(Content(_("Said by {organisation} (no name)").format(organisation=o.name)), f"org:{o.id}")
                for o in organisations]
    return choices


class CaptureLineDialog(CaptureForm):
    """Enter saves, Escape cancels; attribution and confidentiality are a Tab away."""

    AUTO_FOCUS = "#capture-text"

    def __init__(
        self,
        title: str,
        placeholder: str,
        people: list[Person],
        organisations: list[Organisation],
        today: date,
        *,
        kind: Kind = Kind.TERM,
        projecting: bool | None = None,
    ) -> None:
        """`kind`: a jargon term or an elephant, which decides what the room may read as it is typed."""
        super().__init__(today, kind=kind, projecting=projecting)
        self.title_text = title
        self.placeholder = placeholder
        self.people = {p.id: p for p in people}
        self.organisations = organisations

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from self.heading(Content.assemble((self.title_text, "bold")))
            yield WordsInput(placeholder=self.placeholder, id="capture-text")
            audience = self.audience
            label = _("Who said it (Tab, then ↑ ↓):")
            if not shows(Kind.ATTENDEE, audience):
                label = _("Who said it (Tab, then ↑ ↓; no names while the room watches):")
            yield Static(Content(label), classes="dialog-label")
            choices = said_by_choices(list(self.people.values()), self.organisations, audience)
            yield OptionList(
                *(Option(text, id=value) for text, value in choices),
                id="said-by",
                markup=False,
            )
            yield FormCheckbox(confidential_label(), id="confidential")
            yield Static(Content(_("Enter saves · Tab: who said it · Escape cancels")), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#said-by", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#said-by")
    def _said_by_chosen(self) -> None:
        self.action_save()

    def draft(self) -> CaptureDraft:
        text = sanitise(self.query_one("#capture-text", WordsInput).value)
        if not text:
            raise ValueError(_("Type it first, or press Escape."))
        confidential = self.query_one("#confidential", FormCheckbox).value
        self.second_look(text, confidential)
        highlighted = self.query_one("#said-by", OptionList).highlighted_option
        choice = highlighted.id if highlighted and highlighted.id else NOBODY
        if choice.startswith("org:"):
            return CaptureDraft(text, Speaker.organisation(choice[4:]), confidential)
        if choice.startswith("person:"):
            person = self.people[choice[7:]]
            return CaptureDraft(text, Speaker.person(person.id, person.organisation_id), confidential)
        return CaptureDraft(text, ANONYMOUS, confidential)
