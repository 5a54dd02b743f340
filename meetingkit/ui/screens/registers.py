"""A partnership across all its meetings, for review: its glossary, parking lot, turning-point
timeline, and the register of agreements and open actions.

Confidential items show as stand-ins until the lead turns them on from the review screen."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.content import Content

from meetingkit.core import lines
from meetingkit.core.audience import Audience, Kind
from meetingkit.core.clock import is_overdue, local
from meetingkit.core.models import Action, Agreement, TurningPoint
from meetingkit.core.periods import Period
from meetingkit.store import Store
from meetingkit.ui.dialogs.boards import TermDialog, TermEdit
from meetingkit.ui.dialogs.capture_form import CaptureForm
from meetingkit.ui.forms import FormSaves
from meetingkit.ui.rendering import content
from meetingkit.ui.screens.boards import (
    BoardScreen,
    GlossaryScreen,
    ParkingLotScreen,
)

HIDDEN = "That item is confidential: press c on the review screen to show confidential items."


class ReviewBoard(BoardScreen):
    """A board screen about one partnership, opened from review."""

    hidden_reason = HIDDEN
    board_title = ""

    covers = "all meetings, whatever the review's period"
    """What the view covers, said in its heading (a lead may have filtered the history)."""

    def __init__(
        self, store: Store, partnership_id: str, partnership: str, include_confidential: bool,
        period: Period | None = None,
    ) -> None:
        super().__init__(store, partnership_id, None, self.choose, Audience.console(projecting=not include_confidential))
        self.forms = FormSaves(self)
        """The term dialog, when one is open, and what saves it."""
        self.include_confidential = include_confidential
        self.period = period or Period()
        self.partnership = partnership

    def current_heading(self) -> str:
        """Counted again at every reload: explaining a term changes how many are still unexplained."""
        shown = "  ·  CONFIDENTIAL ITEMS SHOWN" if self.include_confidential else ""
        return f"{self.partnership}  ·  {self.board_title}  ·  {self.describe_cover()}{shown}"

    def describe_cover(self) -> str:
        return self.covers

    def today(self) -> date:
        return local(self.store.clock.now()).date()

    def choose(self, item_id: str) -> None:
        """Enter on an item; read-only boards have nothing to do."""


class ReviewGlossaryScreen(ReviewBoard, GlossaryScreen):
    """The glossary, as in a meeting; Enter explains a term, outside any meeting."""

    board_title = "Glossary (unexplained terms first; Enter explains one)"

    def describe_cover(self) -> str:
        terms = self.store.jargon.glossary(self.partnership_id)
        unexplained = sum(1 for term in terms if term.unexplained)
        return f"{len(terms)} term{'s' if len(terms) != 1 else ''}, {unexplained} still unexplained, from {self.covers}"

    def choose(self, item_id: str) -> None:
        if self.store.read_only:
            self.notify("This database is read-only, so the glossary cannot be changed here.", markup=False)
            return
        term = self.store.jargon.board_term(item_id)

        def save(edit: TermEdit) -> str:
            self.store.jargon.edit_term(
                item_id, meaning=edit.meaning, meaning_organisation_id=edit.organisation_id, meeting_id=None,
                expansion=edit.expansion, plain_words=edit.plain_words, same_as=edit.same_as,
                unexplained=edit.unexplained,
            )
            return item_id

        organisations = self.store.partnerships.organisations(self.partnership_id)
        self.forms.open(
            TermDialog(term, organisations, self.today(), hide_confidential=not self.include_confidential),
            save,
            lambda _: self.reload(),
        )

    @on(CaptureForm.Submitted)
    def _form_submitted(self, message: CaptureForm.Submitted) -> None:
        self.forms.submitted(message)


class ReviewParkingLotScreen(ReviewBoard, ParkingLotScreen):
    """Open elephants by age in days and meetings, then addressed ones with how and let-go ones with why."""

    board_title = "Parking lot (open elephants oldest first, then addressed, then let go)"


def milestone_line(point: TurningPoint, *, hidden: bool) -> Content:
    """A turning point on the partnership's timeline, by the day and meeting it happened in
    (`hidden`: for the room's audience, confidential ones as stand-ins)."""
    return content(lines.milestone_line(point, Audience.console(projecting=hidden)))


class PartnershipTimelineScreen(ReviewBoard):
    """Every turning point of the partnership, oldest first: its milestones."""

    board_title = "Turning points: the partnership's milestones"

    def describe_cover(self) -> str:
        return self.period.describe(self.today())

    def rows(self) -> list[tuple[str, Content]]:
        points = self.store.boards.partnership_turning_points(
            self.partnership_id, period=self.period, include_confidential=True
        )
        return [(p.id, line) for p, line in self.rendered(
            Kind.TURNING_POINT, points, lambda p: lines.milestone_line(p, self.audience))] or [
            ("empty", Content("No turning points yet. In a meeting, one key (m) stamps the moment."))
        ]


def agreement_line(agreement: Agreement, *, hidden: bool, today: date) -> Content:
    """An agreement with where it was made and whether its review is due (`hidden`: for the room's audience)."""
    return content(lines.register_agreement_line(agreement, Audience.console(projecting=hidden), today=today))


def action_line(action: Action, *, hidden: bool, today: date) -> Content:
    """An open action: who, by when, how overdue, how old (`hidden`: for the room's audience)."""
    return content(lines.register_action_line(action, Audience.console(projecting=hidden), today=today))


class RegisterScreen(ReviewBoard):
    """Agreements with their review dates, then open actions with the overdue ones first."""

    board_title = "Agreements and open actions"

    def rows(self) -> list[tuple[str, Content]]:
        today = self.today()
        agreements = self.store.business.agreement_register(self.partnership_id, include_confidential=True)
        actions = self.store.business.open_actions(self.partnership_id, include_confidential=True)
        due = sum(1 for a in agreements if a.review_on and a.review_on <= today)
        overdue = sum(1 for a in actions if is_overdue(a.due_on, today=today, status=a.status))
        # What needs attention first: open actions (the most overdue at the top), then the
        # agreements whose review is due, then the rest, newest first.
        due_first = sorted(reversed(agreements), key=lambda a: not (a.review_on and a.review_on <= today))
        shown_actions = self.rendered(
            Kind.ACTION, actions, lambda a: lines.register_action_line(a, self.audience, today=today))
        stand_ins = self.confidential
        shown_agreements = self.rendered(
            Kind.AGREEMENT, due_first, lambda a: lines.register_agreement_line(a, self.audience, today=today))
        stand_ins |= self.confidential
        rows: list[tuple[str, Content]] = [
            ("heading-actions", Content.assemble(
                (f"Open actions: {len(actions)}", "bold underline"),
                (f"  ·  {overdue} overdue" if overdue else "", "bold $error"),
            )),
            *((a.id, line) for a, line in shown_actions),
            ("", Content("")),
            ("heading-agreements", Content.assemble(
                (f"Agreements: {len(agreements)}", "bold underline"),
                (f"  ·  {due} due for review" if due else "", "bold $warning"),
            )),
            *((a.id, line) for a, line in shown_agreements),
        ]
        self.confidential = stand_ins
        return rows
