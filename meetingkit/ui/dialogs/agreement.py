"""`g`: record an agreement or shared understanding, its parties and when to review it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, SelectionList, Static

from meetingkit.core.audience import Kind
from meetingkit.core.dates import parse_optional_date
from meetingkit.core.models import Organisation
from meetingkit.core.text import sanitise
from meetingkit.ui.dialogs.capture_form import CONFIDENTIAL_LABEL, CaptureForm, FormCheckbox, WordsInput
from meetingkit.ui.dialogs.line import LineDialog
from meetingkit.ui.widgets.line_input import LineInput

REVIEW_HINT = "No review date (optional): try 'in 3 months' or '1 March'."

RETIRE_QUESTION = "Retire this agreement? It stays in the register as retired and is no longer reviewed."
RETIRE_WHY = "Why it no longer stands (optional), for its history"


@dataclass(frozen=True)
class AgreementDraft:
    """What the facilitator typed, checked and ready to store."""

    text: str
    party_ids: tuple[str, ...]
    review_on: date | None
    confidential: bool


class AgreementDialog(CaptureForm):
    """Text, parties, optional review date, confidential or not."""

    AUTO_FOCUS = "#agreement-text"

    def __init__(self, organisations: list[Organisation], today: date) -> None:
        super().__init__(today, kind=Kind.AGREEMENT)
        self.organisations = organisations

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield from self.heading(Content.assemble(("New agreement or shared understanding", "bold")))
            yield WordsInput(placeholder="What do we now understand the same way?", id="agreement-text")
            if self.organisations:
                yield Static(Content("Organisations party to it (space to tick):"), classes="dialog-label")
                yield SelectionList[str](
                    *((Content(o.name), o.id) for o in self.organisations), id="parties"
                )
            yield LineInput(placeholder="Review date (optional)", id="review")
            yield Static(Content(REVIEW_HINT), id="review-feedback", classes="dialog-hint")
            yield FormCheckbox(CONFIDENTIAL_LABEL, id="confidential")
            yield Static(Content("Enter saves · Tab moves · Escape cancels"), classes="dialog-keys")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "review":
            self.describe_date_field("#review", "#review-feedback", REVIEW_HINT)

    def draft(self) -> AgreementDraft:
        text = sanitise(self.query_one("#agreement-text", Input).value)
        if not text:
            raise ValueError("Type the agreement first.")
        parties = tuple(self.query_one("#parties", SelectionList).selected) if self.organisations else ()
        confidential = self.query_one("#confidential", FormCheckbox).value
        self.second_look(text, confidential)
        return AgreementDraft(
            text=text,
            party_ids=parties,
            review_on=self.dated("#review"),
            confidential=confidential,
        )


@dataclass(frozen=True)
class AgreementCorrection:
    """An agreement's words with a typo fixed, and its review day: what `AgreementEditDialog` saves."""

    text: str
    review_on: date | None


class AgreementEditDialog(CaptureForm):
    """Correct a standing agreement in place: a typo in its words, its review day. A change of
    substance is a revision instead (`w`), which keeps the old wording."""

    AUTO_FOCUS = "#agreement-text"

    def __init__(self, text: str, review_on: date | None, today: date, *, confidential: bool) -> None:
        super().__init__(today, kind=Kind.AGREEMENT, confidential=confidential)
        self.wording = text
        self.review_on = review_on
        self._review_as_it_was = review_on.isoformat() if review_on else ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield from self.heading(Content.assemble(("Correct the agreement", "bold"), (
                "  (a typo, its review date; new substance is a revision, w)", "")))
            yield WordsInput(value=self.wording, placeholder="The agreement's words", id="agreement-text")
            yield LineInput(value=self._review_as_it_was, placeholder="Review date (optional)", id="review")
            yield Static(Content(REVIEW_HINT), id="review-feedback", classes="dialog-hint")
            yield Static(Content("Enter or ctrl+s saves · Tab moves · Escape cancels"), classes="dialog-keys")

    def on_mount(self) -> None:  # besides the form's own: Textual calls each class's handler
        if self._review_as_it_was:
            self.describe_date_field("#review", "#review-feedback", REVIEW_HINT)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "review":
            self.describe_date_field("#review", "#review-feedback", REVIEW_HINT)

    def draft(self) -> AgreementCorrection:
        text = sanitise(self.query_one("#agreement-text", Input).value)
        if not text:
            raise ValueError("The agreement cannot be left empty: type its words, or delete it.")
        self.second_look(text, self.marked_confidential)
        unchanged = self.query_one("#review", Input).value == self._review_as_it_was
        return AgreementCorrection(text=text, review_on=self.review_on if unchanged else self.dated("#review"))


def review_dialog(today: date) -> LineDialog:
    """Confirming an agreement as it stands: when to review it next (empty: no further review).
    The same question from the register and from the review section; what was typed is read
    with `parse_optional_date` by the screen that asked, which the check has already passed."""

    def check(typed: str) -> str | None:
        try:
            parse_optional_date(typed, today)
        except ValueError as problem:
            return str(problem)
        return None

    return LineDialog(
        "Confirm the agreement as it stands: when should it be reviewed next?",
        placeholder="A date or a phrase: 'in 6 months', '2027-03-01' (empty: no further review)",
        hint="Enter confirms · Escape cancels", allow_empty=True, check=check,
    )


def note_dialog(question: str, *, does: str, placeholder: str = "A note for its history (optional)") -> LineDialog:
    """A decision's note, kept in the item's history (why an agreement was retired, what was said
    when it was confirmed, how an action was done): optional, so Enter alone decides; Escape
    decides nothing. The same question from the register and from the review section."""
    return LineDialog(question, placeholder=placeholder, hint=f"Enter {does} · Escape cancels", allow_empty=True)


def revise_dialog(wording: str) -> LineDialog:
    """An agreement's new wording, starting from the one that stands."""
    return LineDialog(
        "The agreement's new wording (the old wording stays in the register, marked revised)",
        value=wording, hint="Enter saves · Escape cancels",
    )
