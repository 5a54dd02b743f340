"""A partnership across all its meetings, for review: its glossary, parking lot, turning-point
timeline, and the register of agreements and open actions.

Confidential items show as stand-ins until the lead turns them on from the review screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList

from meetingkit.core import lines
from meetingkit.core.audience import Audience, Kind
from meetingkit.core.clock import is_overdue, local
from meetingkit.core.dates import describe_date, parse_optional_date
from meetingkit.core.i18n import N_, _, ngettext
from meetingkit.core.models import (
    Action,
    ActionStatus,
    Agreement,
    AgreementStatus,
    ChangedTable,
    TurningPoint,
)
from meetingkit.core.periods import Period
from meetingkit.store import Store
from meetingkit.ui.dialogs.action import ActionDialog, ActionDraft
from meetingkit.ui.dialogs.agreement import (
    AgreementCorrection,
    AgreementEditDialog,
    confirm_note_dialog,
    note_dialog,
    retire_dialog,
    review_dialog,
    revise_dialog,
)
from meetingkit.ui.dialogs.boards import TermDialog, TermEdit
from meetingkit.ui.dialogs.capture_form import CaptureForm
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.dialogs.history import HistoryDialog
from meetingkit.ui.forms import FormSaves
from meetingkit.ui.rendering import content
from meetingkit.ui.screens.boards import (
    BoardScreen,
    GlossaryScreen,
    ParkingLotScreen,
)
from meetingkit.usecases import register


def _no_longer_stands(agreement: Agreement) -> str:
    """Why an agreement revised or retired is not changed again."""
    if agreement.status is AgreementStatus.RETIRED:
        return _("That agreement was retired: it no longer stands, so it is not changed again.")
    return _("That agreement was revised: it no longer stands, so it is not changed again.")


class ReviewBoard(BoardScreen):
    """A board screen about one partnership, opened from review."""

    def hidden_reason(self) -> str:
        return _("That item is confidential: press c on the review screen to show confidential items.")

    def board_title(self) -> str:
        """What the board is, in its heading."""
        return ""

    def covers(self) -> str:
        """What the view covers, said in its heading (a lead may have filtered the history)."""
        return _("all meetings, whatever the review's period")

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
        shown = "  ·  " + _("CONFIDENTIAL ITEMS SHOWN") if self.include_confidential else ""
        return f"{self.partnership}  ·  {self.board_title()}  ·  {self.describe_cover()}{shown}"

    def describe_cover(self) -> str:
        return self.covers()

    def today(self) -> date:
        return local(self.store.clock.now()).date()

    def choose(self, item_id: str) -> None:
        """Enter on an item; read-only boards have nothing to do."""


class ReviewGlossaryScreen(ReviewBoard, GlossaryScreen):
    """The glossary, as in a meeting; Enter explains a term, outside any meeting."""

    def board_title(self) -> str:
        return _("Glossary (unexplained terms first; Enter explains one)")

    def describe_cover(self) -> str:
        terms = self.store.jargon.glossary(self.partnership_id)
        unexplained = sum(1 for term in terms if term.unexplained)
        counted = ngettext("{count} term", "{count} terms", len(terms)).format(count=len(terms))
        # Translators: {terms} is "12 terms"; {covers} is "all meetings, whatever the review's period".
        return ngettext("{terms}, {count} still unexplained, from {covers}",
                        "{terms}, {count} still unexplained, from {covers}", unexplained,
                        ).format(terms=counted, count=unexplained, covers=self.covers())

    def choose(self, item_id: str) -> None:
        if self.store.read_only:
            self.notify(_("This database is read-only, so the glossary cannot be changed here."), markup=False)
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

    def board_title(self) -> str:
        return _("Parking lot (open elephants oldest first, then addressed, then let go)")


def milestone_line(point: TurningPoint, *, hidden: bool) -> Content:
    """A turning point on the partnership's timeline, by the day and meeting it happened in
    (`hidden`: for the room's audience, confidential ones as stand-ins)."""
    return content(lines.milestone_line(point, Audience.console(projecting=hidden)))


class PartnershipTimelineScreen(ReviewBoard):
    """Every turning point of the partnership, oldest first: its milestones."""

    def board_title(self) -> str:
        return _("Turning points: the partnership's milestones")

    def describe_cover(self) -> str:
        return self.period.describe(self.today())

    def rows(self) -> list[tuple[str, Content]]:
        points = self.store.boards.partnership_turning_points(
            self.partnership_id, period=self.period, include_confidential=True
        )
        return [(p.id, line) for p, line in self.rendered(
            Kind.TURNING_POINT, points, lambda p: lines.milestone_line(p, self.audience))] or [
            ("empty", Content(_("No turning points yet. In a meeting, one key (m) stamps the moment.")))
        ]


def agreement_line(agreement: Agreement, *, hidden: bool, today: date) -> Content:
    """An agreement with where it was made and whether its review is due (`hidden`: for the room's audience)."""
    return content(lines.register_agreement_line(agreement, Audience.console(projecting=hidden), today=today))


def action_line(action: Action, *, hidden: bool, today: date) -> Content:
    """An open action: who, by when, how overdue, how old (`hidden`: for the room's audience)."""
    return content(lines.register_action_line(action, Audience.console(projecting=hidden), today=today))


class RegisterScreen(ReviewBoard):
    """Open actions with the overdue ones first, then agreements with their review dates; keys
    review, revise or retire the highlighted agreement, and mark the highlighted action done or
    dropped, between meetings (`usecases.register`, as `meetingkit agreement` and `action` do);
    `e` corrects the highlighted one, `delete` deletes it (after asking), `h` shows its history."""

    def board_title(self) -> str:
        return _("Agreements and open actions")

    BINDINGS = [
        *ReviewBoard.BINDINGS,
        Binding("v", "review_agreement", N_("Review")),
        Binding("w", "revise_agreement", N_("Revise")),
        Binding("x", "retire_or_drop", N_("Retire/drop")),
        Binding("d", "action_done", N_("Done")),
        Binding("e", "edit_item", N_("Correct")),
        Binding("delete", "delete_item", N_("Delete")),
        Binding("h", "show_history", N_("History")),
    ]

    _agreements: dict[str, Agreement]
    _actions: dict[str, Action]
    """What the list shows, by id, as last read (the keys work on these)."""

    def _highlighted(self) -> Agreement | Action | None:
        """The highlighted agreement or action, if this audience may work on it (else says why)."""
        options = self.query_one("#board-list", OptionList)
        option = options.highlighted_option
        item_id = option.id if option else None
        if not item_id or item_id.startswith("heading-") or item_id == "empty":
            return None
        if item_id in self.confidential:
            self.say_hidden()
            return None
        if self.store.read_only:
            self.notify(_("This database is read-only, so the register cannot be changed here."), markup=False)
            return None
        if item_id in self._agreements:
            return self._agreements[item_id]
        return self._actions.get(item_id)

    def _agreement(self) -> Agreement | None:
        item = self._highlighted()
        if isinstance(item, Action):
            self.notify(_("That is an action: d marks it done, x drops it."), markup=False)
            return None
        if item is not None and not item.is_standing:
            # Said before a dialog asks for anything; the use case refuses it too.
            self.notify(_no_longer_stands(item), severity="warning", markup=False)
            return None
        return item

    def _attempt(self, change: Callable[[], object], said: str) -> None:
        """Make the change; a refusal is said as it is (it never quotes the item)."""
        try:
            change()
        except (LookupError, ValueError) as problem:
            self.notify(str(problem), severity="warning", markup=False)
        else:
            self.notify(said, markup=False)
        self.reload()

    def action_review_agreement(self) -> None:
        agreement = self._agreement()
        if agreement is None:
            return
        today = self.today()

        def reviewed(typed: str | None) -> None:
            if typed is None:
                return
            when = parse_optional_date(typed, today)

            def noted(note: str | None) -> None:
                if note is not None:
                    self._attempt(
                        lambda: register.review_agreement(self.store, agreement.id, when, note=note),
                        _("Confirmed; next review {day}.").format(day=describe_date(when, today)) if when
                        else _("Confirmed; no further review."),
                    )

            self.app.push_screen(confirm_note_dialog(),
                                 noted)

        self.app.push_screen(review_dialog(today), reviewed)

    def action_revise_agreement(self) -> None:
        agreement = self._agreement()
        if agreement is None:
            return

        def revised(text: str | None) -> None:
            if text is not None:
                self._attempt(lambda: register.revise_agreement(self.store, agreement.id, text),
                              _("Revised: the new wording stands; the old one stays, marked revised."))

        self.app.push_screen(revise_dialog(agreement.text), revised)

    def action_retire_or_drop(self) -> None:
        highlighted = self._highlighted()
        if isinstance(highlighted, Action):
            self._close(highlighted, ActionStatus.DROPPED)
            return
        item = self._agreement() if highlighted is not None else None
        if item is not None:
            def retired(why: str | None) -> None:
                if why is not None:
                    self._attempt(lambda: register.retire_agreement(self.store, item.id, note=why), _("Retired."))

            self.app.push_screen(retire_dialog(),
                                 retired)

    def action_action_done(self) -> None:
        item = self._highlighted()
        if isinstance(item, Agreement):
            self.notify(_("That is an agreement: v reviews it, w revises it, x retires it."), markup=False)
        elif item is not None:
            self._close(item, ActionStatus.DONE)

    def _close(self, action: Action, status: ActionStatus) -> None:
        def closed(note: str | None) -> None:
            if note is not None:
                self._attempt(lambda: register.close_action(self.store, action.id, status, note=note),
                              _("Marked done.") if status is ActionStatus.DONE else _("Marked dropped."))

        if status is ActionStatus.DONE:
            question, does = _("Mark this action done?"), _("marks it done")
        else:
            question, does = _("Mark this action dropped?"), _("marks it dropped")
        self.app.push_screen(note_dialog(question, does=does), closed)

    def action_edit_item(self) -> None:
        """Correct the highlighted item in a form filled with it as it stands: an action's words, owner
        and due day; a standing agreement's words (a typo) and review day."""
        item = self._highlighted()
        if isinstance(item, Action):
            self._edit_action(item)
        elif item is not None and self._agreement_standing(item):
            self._edit_agreement(item)

    def _agreement_standing(self, agreement: Agreement) -> bool:
        if agreement.is_standing:
            return True
        self.notify(_("That agreement was retired: its words are kept as they were.")
                    if agreement.status is AgreementStatus.RETIRED
                    else _("That agreement was revised: its words are kept as they were."),
                    severity="warning", markup=False)
        return False

    def _edit_action(self, action: Action) -> None:
        was = ActionDraft(text=action.text, owner=action.owner, due_on=action.due_on, confidential=action.confidential)
        owners = sorted({o.name for o in self.store.partnerships.organisations(self.partnership_id)}
                        | {a.owner for a in self._actions.values() if a.owner})

        def save(draft: ActionDraft) -> str:
            edit = register.ActionEdit(text=draft.text, due_on=draft.due_on,
                                       owner=draft.owner if draft.owner != was.owner else None)
            register.edit_action(self.store, action.id, edit)
            return action.id

        self.forms.open(ActionDialog(owners, self.today(), correcting=was), save, self._corrected)

    def _edit_agreement(self, agreement: Agreement) -> None:
        def save(draft: AgreementCorrection) -> str:
            register.edit_agreement(self.store, agreement.id, text=draft.text, review_on=draft.review_on)
            return agreement.id

        dialog = AgreementEditDialog(agreement.text, agreement.review_on, self.today(),
                                     confidential=agreement.confidential)
        self.forms.open(dialog, save, self._corrected)

    @on(CaptureForm.Submitted)
    def _form_submitted(self, message: CaptureForm.Submitted) -> None:
        self.forms.submitted(message)

    def _corrected(self, result: str | None) -> None:
        if result is not None:
            self.notify(_("Corrected; its history keeps what it was (h)."), markup=False)
        self.reload()

    def _describe(self, item: Agreement | Action) -> str:
        today = self.today()
        line = (lines.register_action_line(item, self.audience, today=today) if isinstance(item, Action)
                else lines.register_agreement_line(item, self.audience, today=today))
        return " ".join(line.text.split()) if line is not None else lines.confidential_item()

    def action_delete_item(self) -> None:
        """Delete the highlighted item for good, after saying what goes and asking."""
        item = self._highlighted()
        if item is None:
            return
        if isinstance(item, Action):
            question = _("Delete this action?")
            goes = _("The action goes for good, here and, once files are merged, at other sites. "
                     "Its history keeps what it said.")
        elif item.parties:
            question = _("Delete this agreement?")
            goes = _("The agreement and who was party to it goes for good, here and, once files are merged, "
                     "at other sites. Its history keeps what it said.")
        else:
            question = _("Delete this agreement?")
            goes = _("The agreement goes for good, here and, once files are merged, at other sites. "
                     "Its history keeps what it said.")
        detail = f"{self._describe(item)}\n\n{goes}"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if isinstance(item, Action):
                self._attempt(lambda: register.delete_action(self.store, item.id), _("Deleted the action."))
            else:
                self._attempt(lambda: register.delete_agreement(self.store, item.id), _("Deleted the agreement."))

        self.app.push_screen(ConfirmDialog(question, detail, yes=_("Delete"), no=_("Keep it"),
                                           default_no=True), answered)

    def action_show_history(self) -> None:
        """What was decided and corrected about the highlighted item, oldest first."""
        options = self.query_one("#board-list", OptionList)
        option = options.highlighted_option
        item_id = option.id if option else None
        if item_id in self.confidential:
            self.say_hidden()
            return
        item: Agreement | Action | None = self._agreements.get(item_id or "") or self._actions.get(item_id or "")
        if item is None:
            return
        table = ChangedTable.ACTIONS if isinstance(item, Action) else ChangedTable.AGREEMENTS
        changes = register.history(self.store, table, item.id)
        names = self.store.business.history_names(changes)
        today = self.today()
        entries = [content(line) for line in (
            lines.change_line(change, self.audience, today=today, names=names) for change in changes) if line]
        self.app.push_screen(HistoryDialog(Content(self._describe(item)), entries))

    def rows(self) -> list[tuple[str, Content]]:
        today = self.today()
        agreements = self.store.business.agreement_register(self.partnership_id, include_confidential=True)
        actions = self.store.business.open_actions(self.partnership_id, include_confidential=True)
        due = sum(1 for a in agreements if a.due_for_review(today))
        overdue = sum(1 for a in actions if is_overdue(a.due_on, today=today, status=a.status))
        # What needs attention first: open actions (the most overdue at the top), then the
        # agreements whose review is due, then the rest, newest first.
        due_first = sorted(reversed(agreements), key=lambda a: not a.due_for_review(today))
        shown_actions = self.rendered(
            Kind.ACTION, actions, lambda a: lines.register_action_line(a, self.audience, today=today))
        stand_ins = self.confidential
        shown_agreements = self.rendered(
            Kind.AGREEMENT, due_first, lambda a: lines.register_agreement_line(a, self.audience, today=today))
        stand_ins |= self.confidential
        rows: list[tuple[str, Content]] = [
            ("heading-actions", Content.assemble(
                (_("Open actions: {count}").format(count=len(actions)), "bold underline"),
                ("  ·  " + ngettext("{count} overdue", "{count} overdue", overdue).format(count=overdue)
                 if overdue else "", "bold $error"),
            )),
            *((a.id, line) for a, line in shown_actions),
            ("", Content("")),
            ("heading-agreements", Content.assemble(
                (_("Agreements: {count}").format(count=len(agreements)), "bold underline"),
                ("  ·  " + ngettext("{count} due for review", "{count} due for review", due).format(count=due)
                 if due else "", "bold $warning"),
            )),
            *((a.id, line) for a, line in shown_agreements),
        ]
        self.confidential = stand_ins
        self._agreements = {a.id: a for a in agreements}
        self._actions = {a.id: a for a in actions}
        return rows
