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
from meetingkit.core.i18n import _
from meetingkit.core.models import Organisation
from meetingkit.core.text import sanitise
from meetingkit.ui.dialogs.capture_form import CaptureForm, FormCheckbox, WordsInput, confidential_label
from meetingkit.ui.dialogs.line import LineDialog
from meetingkit.ui.widgets.line_input import LineInput


def review_hint() -> str:
    """Under an empty review date: what may be typed there."""
    return _("No review date (optional): try 'in 3 months' or '1 March'.")




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
            yield from self.heading(Content.assemble((_("New agreement or shared understanding"), "bold")))
            yield WordsInput(placeholder=_("What do we now understand the same way?"), id="agreement-text")
            if self.organisations:
                yield Static(Content(_("Organisations party to it (space to tick):")), classes="dialog-label")
                yield SelectionList[str](
                    *((Content(o.name), o.id) for o in self.organisations), id="parties"
                )
            yield LineInput(placeholder=_("Review date (optional)"), id="review")
            yield Static(Content(review_hint()), id="review-feedback", classes="dialog-hint")
            yield FormCheckbox(confidential_label(), id="confidential")
            yield Static(Content(_("Enter saves · Tab moves · Escape cancels")), classes="dialog-keys")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "review":
            self.describe_date_field("#review", "#review-feedback", review_hint())

    def draft(self) -> AgreementDraft:
        text = sanitise(self.query_one("#agreement-text", Input).value)
        if not text:
            raise ValueError(_("Type the agreement first."))
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
            yield from self.heading(Content.assemble((_("Correct the agreement"), "bold"), (
                "  " + _("(a typo, its review date; new substance is a revision, w)"), "")))
            yield WordsInput(value=self.wording, placeholder=_("The agreement's words"), id="agreement-text")
            yield LineInput(value=self._review_as_it_was, placeholder=_("Review date (optional)"), id="review")
            yield Static(Content(review_hint()), id="review-feedback", classes="dialog-hint")
            yield Static(Content(_("Enter or ctrl+s saves · Tab moves · Escape cancels")), classes="dialog-keys")

    def on_mount(self) -> None:  # besides the form's own: Textual calls each class's handler
        if self._review_as_it_was:
            self.describe_date_field("#review", "#review-feedback", review_hint())

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "review":
            self.describe_date_field("#review", "#review-feedback", review_hint())

    def draft(self) -> AgreementCorrection:
        text = sanitise(self.query_one("#agreement-text", Input).value)
        if not text:
            raise ValueError(_("The agreement cannot be left empty: type its words, or delete it."))
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
        _("Confirm the agreement as it stands: when should it be reviewed next?"),
        placeholder=_("A date or a phrase: 'in 6 months', '2027-03-01' (empty: no further review)"),
        hint=_("Enter confirms · Escape cancels"), allow_empty=True, check=check,
    )


def note_dialog(question: str, *, does: str, placeholder: str | None = None) -> LineDialog:
    """A decision's note, kept in the item's history (why an agreement was retired, what was said
    when it was confirmed, how an action was done): optional, so Enter alone decides; Escape
    decides nothing. The same question from the register and from the review section.

    `question`, `does` ("retires it": what Enter does) and `placeholder` come in the interface's
    language; None is "A note for its history (optional)".
    """
    if placeholder is None:
        placeholder = _("A note for its history (optional)")
    # Translators: {does} is what Enter does, already translated: "retires it", "confirms it".
    hint = _("Enter {does} · Escape cancels").format(does=does)
    return LineDialog(question, placeholder=placeholder, hint=hint, allow_empty=True)


def retire_dialog() -> LineDialog:
    """Retiring an agreement: why it no longer stands, for its history (optional)."""
    return note_dialog(
        _("Retire this agreement? It stays in the register as retired and is no longer reviewed."),
        does=_("retires it"), placeholder=_("Why it no longer stands (optional), for its history"),
    )


def confirm_note_dialog() -> LineDialog:
    """Confirming an agreement as it stands: anything said about it, for its history (optional)."""
    return note_dialog(_("Anything said about it, for its history?"), does=_("confirms it"))


def revise_dialog(wording: str) -> LineDialog:
    """An agreement's new wording, starting from the one that stands."""
    return LineDialog(
        _("The agreement's new wording (the old wording stays in the register, marked revised)"),
        value=wording, hint=_("Enter saves · Escape cancels"),
    )
