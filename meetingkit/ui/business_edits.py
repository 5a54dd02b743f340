"""`C` in the meeting: correcting this meeting's agreements and actions (issue 16).

The runner hands this object what it needs, as it does `MeetingBoards`: the screen to show dialogs on,
the meeting's session (every write goes through it, so through `usecases.register`, made in this
meeting), the screen's open forms, whether the room watches, and how to redraw. Nothing here imports
the runner or the store. Every line is rendered for the screen's audience (`core.lines`): projected,
a confidential item is not listed at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.content import Content
from textual.screen import Screen

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.clock import local
from meetingkit.core.i18n import _
from meetingkit.core.models import Action, Agreement, ChangedTable
from meetingkit.ui.dialogs.action import ActionDialog, ActionDraft
from meetingkit.ui.dialogs.agreement import AgreementCorrection, AgreementEditDialog
from meetingkit.ui.dialogs.business import BusinessDialog
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.dialogs.history import HistoryDialog
from meetingkit.ui.feedback import CONFIRMATION_SECONDS, attempt
from meetingkit.ui.forms import FormSaves
from meetingkit.ui.rendering import content
from meetingkit.usecases import register
from meetingkit.usecases.session import MeetingSession


class BusinessEdits:
    """The `C` list and what its keys open: a filled form, a question before deleting, a history."""

    def __init__(self, screen: Screen[Any], session: MeetingSession, forms: FormSaves, projecting: bool,
                 redraw: Callable[[], None]) -> None:
        self.screen = screen
        self.session = session
        self.forms = forms
        self.audience = Audience.console(projecting=projecting)
        self.redraw = redraw
        self.items: dict[str, Agreement | Action] = {}

    def _line(self, item: Agreement | Action) -> Content | None:
        today = self.session.today()
        rendered = (lines.action_line(item, self.audience, today=today) if isinstance(item, Action)
                    else lines.agreement_line(item, self.audience, today=today))
        return content(rendered) if rendered is not None else None

    def open(self) -> None:
        rows: list[tuple[str, Content]] = []
        found: list[Agreement | Action] = [*self.session.agreements(), *self.session.actions()]
        for item in found:
            line = self._line(item)
            if line is not None:
                self.items[item.id] = item
                rows.append((item.id, line))
        self.screen.app.push_screen(BusinessDialog(rows), self._chosen)

    def _chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        what, item_id = choice
        item = self.items[item_id]
        if what == "edit":
            self._edit(item)
        elif what == "delete":
            self._delete(item)
        else:
            self._history(item)

    def _edit(self, item: Agreement | Action) -> None:
        today = self.session.today()
        if isinstance(item, Action):
            was = ActionDraft(text=item.text, owner=item.owner, due_on=item.due_on, confidential=item.confidential)

            def save_action(draft: ActionDraft) -> str:
                self.session.edit_action(item.id, register.ActionEdit(
                    text=draft.text, due_on=draft.due_on, owner=draft.owner if draft.owner != was.owner else None))
                return item.id

            self.forms.open(ActionDialog(self.session.owners(), today, correcting=was), save_action, self._done)
            return
        if not item.is_standing:
            if item.status.value == "retired":
                kept = _("That agreement was retired: its words are kept as they were.")
            elif item.status.value == "revised":
                kept = _("That agreement was revised: its words are kept as they were.")
            else:
                kept = _("That agreement was {status}: its words are kept as they were.").format(
                    status=item.status.value)
            self.screen.notify(kept, severity="warning", markup=False)
            return

        def save_agreement(draft: AgreementCorrection) -> str:
            self.session.edit_agreement(item.id, draft.text, draft.review_on)
            return item.id

        dialog = AgreementEditDialog(item.text, item.review_on, today, confidential=item.confidential)
        self.forms.open(dialog, save_agreement, self._done)

    def _done(self, result: str | None) -> None:
        if result is not None:
            self.screen.notify(_("Corrected; its history keeps what it was (G, then h)."), markup=False,
                               timeout=CONFIRMATION_SECONDS)
        self.redraw()

    def _delete(self, item: Agreement | Action) -> None:
        is_action = isinstance(item, Action)
        line = self._line(item)
        said = " ".join(line.plain.split()) if line is not None else lines.confidential_item()
        goes = (_("The action goes for good, here and, once files are merged, at other sites.") if is_action
                else _("The agreement goes for good, here and, once files are merged, at other sites."))
        detail = f"{said}\n\n{goes}"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            delete = self.session.delete_action if isinstance(item, Action) else self.session.delete_agreement
            if attempt(self.screen, lambda: delete(item.id)):
                deleted = _("Deleted the action.") if is_action else _("Deleted the agreement.")
                self.screen.notify(deleted, markup=False, timeout=CONFIRMATION_SECONDS)
            self.redraw()

        question = _("Delete this action?") if is_action else _("Delete this agreement?")
        self.screen.app.push_screen(ConfirmDialog(question, detail, yes=_("Delete"), no=_("Keep it"),
                                                  default_no=True), answered)

    def _history(self, item: Agreement | Action) -> None:
        table = ChangedTable.ACTIONS if isinstance(item, Action) else ChangedTable.AGREEMENTS
        changes, names = self.session.history(table, item.id)
        today = local(self.session.now()).date()
        entries = [content(rendered) for rendered in (
            lines.change_line(change, self.audience, today=today, names=names) for change in changes) if rendered]
        title = self._line(item) or Content(lines.confidential_item())
        self.screen.app.push_screen(HistoryDialog(title, entries))
