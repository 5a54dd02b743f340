"""Dialogs behind the boards: holding the space for an elephant, moving it on, explaining a term,
describing a turning point."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Select, Static

from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.clock import local
from meetingkit.core.i18n import N_, _
from meetingkit.core.lines import confidential_agreement, confidential_item, confidential_term
from meetingkit.core.localise import time_text
from meetingkit.core.models import (
    Agreement,
    BoardTerm,
    Elephant,
    ElephantStatus,
    Organisation,
    TurningPoint,
    TurningPointKind,
)
from meetingkit.core.text import sanitise
from meetingkit.localised import Localised
from meetingkit.ui.dialogs.capture_form import (
    CaptureForm,
    FormCheckbox,
    FormSelect,
    WordsInput,
    confidential_label,
    list_keys,
)
from meetingkit.ui.dialogs.room import RoomDialog


def hold_the_space() -> str:
    """The quiet reminder, for the facilitator's eyes only (coaching)."""
    return _(
        "Naming that took courage: thank them for it.\n"
        "Say that the discomfort is real and welcome here.\n"
        "Then let the group decide together: talk about it now, or park it for later."
    )


def to_the_room() -> str:
    """The same moment in words the room may read, where the room sees the dialog (projection
    mode): the facilitator still has something to say aloud, and the room hears nothing it
    should not."""
    return _(
        "Thank you for naming it. What is hard to say is welcome here.\n"
        "Shall we talk about it now, or park it for later?"
    )


class HoldTheSpaceDialog(Localised, RoomDialog[str | None]):
    """After an elephant is named: a quiet reminder for the facilitator (words for the room when
    it is projected), then discuss now or park."""

    BINDINGS = [
        Binding("d", "choose('discuss')", N_("Discuss now")),
        Binding("p,escape,enter", "choose('park')", N_("Park it")),
    ]

    def __init__(self, *, projecting: bool | None = None) -> None:
        super().__init__(projecting=projecting)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.assemble((_("The elephant is named and parked."), "bold")), classes="dialog-title")
            if shows(Kind.COACHING, Audience.console(projecting=self.projecting)):
                yield Static(Content(hold_the_space()), classes="dialog-detail", id="hold-the-space")
            else:
                yield Static(Content(to_the_room()), classes="dialog-detail", id="hold-the-space")
            yield Static(Content(_("d  discuss it now      p  leave it parked for later")), classes="dialog-keys")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def elephant_moves() -> list[tuple[Content, str]]:
    """Where an elephant can go, as the list in its dialog says it."""
    return [
        (Content(_("Parked: for a later meeting")), ElephantStatus.PARKED.value),
        (Content(_("Discussing: we are talking about it now")), ElephantStatus.DISCUSSING.value),
        (Content(_("Addressed: say how below")), ElephantStatus.ADDRESSED.value),
        (Content(_("Let go: say why below")), ElephantStatus.LET_GO.value),
    ]


@dataclass(frozen=True)
class ElephantMove:
    """Where an elephant goes next, and the words for the record."""

    status: ElephantStatus
    note: str


class ElephantDialog(CaptureForm):
    """Change an elephant's status; addressing or letting go asks for a few words on how or why."""

    AUTO_FOCUS = "#elephant-note"

    def __init__(self, elephant: Elephant, today: date, *, projecting: bool | None = None) -> None:
        super().__init__(today, kind=Kind.ELEPHANT, confidential=elephant.confidential, projecting=projecting)
        self.elephant = elephant

    def compose(self) -> ComposeResult:
        elephant = self.elephant
        said = elephant.text if shows(Kind.ELEPHANT, self.audience, confidential=elephant.confidential) \
            else confidential_item()
        with Vertical(classes="dialog"):
            yield from self.heading(Content.assemble((_("Elephant:") + " ", "bold"), said))
            yield WordsInput(
                self.elephant.resolution_note,
                placeholder=_("How it was addressed, or why the group let it go"),
                id="elephant-note",
            )
            yield FormSelect(elephant_moves(), value=self.elephant.status.value, allow_blank=False, id="elephant-status")
            yield Static(Content(list_keys()), classes="dialog-keys")

    def draft(self) -> ElephantMove:
        status = ElephantStatus(str(self.query_one("#elephant-status", Select).value))
        note = sanitise(self.query_one("#elephant-note", WordsInput).value)
        if status in (ElephantStatus.ADDRESSED, ElephantStatus.LET_GO) and not note:
            raise ValueError(_("A few words for the record, please: how was it addressed, or why let it go?"))
        self.second_look(note, self.elephant.confidential)
        return ElephantMove(status, note)


@dataclass(frozen=True)
class TermEdit:
    """What the group said about a term."""

    expansion: str
    plain_words: str
    meaning: str
    organisation_id: str | None
    same_as: str
    unexplained: bool


class TermDialog(CaptureForm):
    """Explain a term: what it stands for, what it means in an organisation, plain words, same as."""

    AUTO_FOCUS = "#term-meaning"

    def __init__(
        self, term: BoardTerm, organisations: list[Organisation], today: date, *,
        hide_confidential: bool = False,
    ) -> None:
        """`hide_confidential`: on the wall, or in review before the lead shows confidential items."""
        super().__init__(today, kind=Kind.TERM, confidential=term.confidential)
        self.term = term
        self.organisations = organisations
        self.hide_confidential = hide_confidential

    @property
    def audience(self) -> Audience:
        """The room's, while projected or while confidential items are hidden from whoever looks on."""
        return Audience.ROOM if self.hide_confidential else super().audience

    def compose(self) -> ComposeResult:
        term = self.term
        audience = self.audience
        shown = [m for m in term.meanings
                 if shows(Kind.MEANING, audience, confidential=m.confidential or term.confidential)]
        known = [_("{organisation}: {meaning}").format(organisation=m.organisation or _("everyone"), meaning=m.meaning)
                 for m in shown]
        if len(shown) < len(term.meanings):
            known.append(_("(and a confidential meaning, not shown here)"))
        said = term.display if shows(Kind.TERM, audience, confidential=term.confidential) else confidential_term()
        with VerticalScroll(classes="dialog"):
            yield from self.heading(Content.assemble((_("Name the Jargon:") + " ", "bold"), (said, "bold")))
            if known:
                yield Static(Content("\n".join(known)), classes="dialog-detail", id="term-known")
            yield WordsInput(placeholder=_("What it means in…"), id="term-meaning")
            yield FormSelect(
                [(Content(o.name), o.id) for o in self.organisations],
                prompt=_("…which organisation (optional)"),
                id="term-organisation",
            )
            yield WordsInput(term.expansion, placeholder=_("What the letters stand for (optional)"), id="term-expansion")
            yield WordsInput(term.plain_words, placeholder=_("Plain words anyone would understand (optional)"),
                             id="term-plain")
            yield WordsInput(placeholder=_("Same thing as… (another term, optional)"), id="term-same-as")
            yield FormCheckbox(_("Still unexplained: someone didn't know this one"), term.unexplained,
                               id="term-unexplained")
            yield Static(Content(list_keys()), classes="dialog-keys")

    def draft(self) -> TermEdit:
        organisation = self.query_one("#term-organisation", Select).value
        self.second_look(sanitise(self.query_one("#term-meaning", WordsInput).value), self.term.confidential)
        return TermEdit(
            expansion=sanitise(self.query_one("#term-expansion", WordsInput).value),
            plain_words=sanitise(self.query_one("#term-plain", WordsInput).value),
            meaning=sanitise(self.query_one("#term-meaning", WordsInput).value),
            organisation_id=organisation if isinstance(organisation, str) else None,
            same_as=sanitise(self.query_one("#term-same-as", WordsInput).value),
            unexplained=self.query_one("#term-unexplained", FormCheckbox).value,
        )


def kind_choices() -> list[tuple[Content, str]]:
    """The kinds of turning point, as the list in its dialog says them."""
    return [
        (Content(_("A new understanding: 'I never thought about it like that'")),
         TurningPointKind.NEW_UNDERSTANDING.value),
        (Content(_("An apology")), TurningPointKind.APOLOGY.value),
        (Content(_("A concession")), TurningPointKind.CONCESSION.value),
        (Content(_("A kind word")), TurningPointKind.KIND_WORD.value),
        (Content(_("Something else")), TurningPointKind.OTHER.value),
    ]

NEW_AGREEMENT = "new"


@dataclass(frozen=True)
class TurningPointDetails:
    """The details of a turning point, filled in after the moment."""

    kind: TurningPointKind | None
    note: str
    opened_up: str
    agreement: str | None
    """An agreement id, `NEW_AGREEMENT` to write one now, or None."""
    confidential: bool


class TurningPointDialog(CaptureForm):
    """Kind, what happened, what it opened up, and the agreement it led to."""

    AUTO_FOCUS = "#tp-note"

    def __init__(
        self, point: TurningPoint, agreements: list[Agreement], today: date, *, projecting: bool | None = None
    ) -> None:
        super().__init__(today, kind=Kind.TURNING_POINT, confidential=point.confidential, projecting=projecting)
        self.point = point
        self.agreements = agreements

    def compose(self) -> ComposeResult:
        point = self.point
        when = time_text(local(point.marked_at))
        links = [(Content(_("Led to: {agreement}").format(agreement=self._agreement_words(a))), a.id)
                 for a in self.agreements]
        links.append((Content(_("Led to a new agreement: write it next")), NEW_AGREEMENT))
        with VerticalScroll(classes="dialog"):
            yield from self.heading(
                Content.assemble(*_around(_("Turning point at {time}"), "{time}", when),
                                 (f"  ({point.section})", "" if self.projecting else "dim"))
            )
            yield WordsInput(point.note, placeholder=_("What happened?"), id="tp-note")
            yield WordsInput(point.opened_up, placeholder=_("What did it open up?"), id="tp-opened")
            yield FormSelect(
                kind_choices(), value=point.kind.value if point.kind else Select.NULL,
                prompt=_("What kind of moment?"), id="tp-kind",
            )
            yield FormSelect(links, value=point.agreement_id or Select.NULL,
                             prompt=_("The agreement it led to (optional)"), id="tp-agreement")
            yield FormCheckbox(confidential_label(), point.confidential, id="confidential")
            yield Static(Content(list_keys()), classes="dialog-keys")

    def _agreement_words(self, agreement: Agreement) -> str:
        if shows(Kind.AGREEMENT, self.audience, confidential=agreement.confidential):
            return agreement.text
        return confidential_agreement()

    def draft(self) -> TurningPointDetails:
        kind = self.query_one("#tp-kind", Select).value
        agreement = self.query_one("#tp-agreement", Select).value
        confidential = self.query_one("#confidential", FormCheckbox).value
        for field in ("#tp-note", "#tp-opened"):
            self.second_look(sanitise(self.query_one(field, WordsInput).value), confidential)
        return TurningPointDetails(
            kind=TurningPointKind(kind) if isinstance(kind, str) else None,
            note=sanitise(self.query_one("#tp-note", WordsInput).value),
            opened_up=sanitise(self.query_one("#tp-opened", WordsInput).value),
            agreement=agreement if isinstance(agreement, str) else None,
            confidential=self.query_one("#confidential", FormCheckbox).value,
        )


def _around(message: str, placeholder: str, value: str) -> list[tuple[str, str]]:
    """A bold title's runs: the words before `placeholder`, `value`, then the words after (if any)."""
    before, found, after = message.partition(placeholder)
    runs = [(before, "bold"), (value, "bold")] if found else [(before + " ", "bold"), (value, "bold")]
    return [*runs, (after, "bold")] if after else runs
