"""The boards as the runner uses them: capture keys (`j`, `e`, `t`), the full-screen views
(`J`, `E`, `T`), moderation, and the dialogs behind each board.

Owned by `RunnerScreen`, which keeps the keys and hands this object exactly what it needs:
the screen to show dialogs and notes on, the meeting's session (every read and write goes
through it, so through the use cases), the screen's open forms, and what only the runner
knows (how to redraw). Nothing here imports the runner or the store.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from meetingkit.core import lines
from meetingkit.core.audience import Audience, Kind
from meetingkit.core.clock import local
from meetingkit.core.i18n import _
from meetingkit.core.localise import time_text
from meetingkit.core.models import ElephantStatus
from meetingkit.ui.dialogs.agreement import AgreementDialog, AgreementDraft
from meetingkit.ui.dialogs.boards import (
    NEW_AGREEMENT,
    ElephantDialog,
    ElephantMove,
    HoldTheSpaceDialog,
    TermDialog,
    TermEdit,
    TurningPointDetails,
    TurningPointDialog,
)
from meetingkit.ui.dialogs.capture_line import CaptureDraft, CaptureLineDialog
from meetingkit.ui.feedback import CONFIRMATION_SECONDS, attempt
from meetingkit.ui.forms import FormSaves
from meetingkit.ui.messages import BoardName, OpenBoard
from meetingkit.ui.widgets.jargon_board import JargonBoard
from meetingkit.ui.widgets.parking_lot import ParkingLotBoard
from meetingkit.usecases.session import MeetingSession


def elephant_outcome(status: ElephantStatus) -> str:
    """What the facilitator is told once an elephant moved to `status`, in the interface's language."""
    return {
        ElephantStatus.PARKED: _("Kept in the parking lot."),
        ElephantStatus.DISCUSSING: _("Discussing it now."),
        ElephantStatus.ADDRESSED: _("Marked addressed."),
        ElephantStatus.LET_GO: _("Let go."),
    }.get(status) or _("Updated.")


class MeetingBoards:
    """Jargon, elephants and turning points for one running meeting."""

    def __init__(
        self,
        screen: Screen[None],
        session: MeetingSession,
        forms: FormSaves,
        *,
        refresh: Callable[[], None],
    ) -> None:
        """
        Args:
            screen: Where the boards are, and where dialogs and notes are shown.
            session: The running meeting: whether the room is looking, who is here, every read and write.
            forms: The screen's open forms, which save what they submit.
            refresh: Redraws the whole runner after a change beyond the boards.
        """
        self.screen = screen
        self.session = session
        self.forms = forms
        self.meeting_id = session.meeting_id
        self.partnership_id = session.partnership_id
        self._refresh = refresh

    @property
    def projecting(self) -> bool:
        """Whether the room is looking."""
        return self.session.projecting

    def _notify(self, text: str, timeout: float = CONFIRMATION_SECONDS) -> None:
        self.screen.notify(text, markup=False, timeout=timeout)

    def _attempt(self, work: Callable[[], object]) -> bool:
        return attempt(self.screen, work)

    def reload(self) -> None:
        """Read all three boards again (on opening, and when another process, such as a
        participant's browser, changed them)."""
        session = self.session
        hidden = session.moderated()
        audience = Audience.console(projecting=self.projecting)
        self.screen.query_one(JargonBoard).load(session.board_terms(), audience, hidden=hidden.terms)
        self.reload_parking_lot(hidden.elephants)
        self.refresh_moments()

    def reload_parking_lot(self, hidden: frozenset[str] | None = None) -> None:
        """The parking lot board read again (after an elephant moved, wherever it was moved from)."""
        session = self.session
        hidden = session.moderated().elephants if hidden is None else hidden
        self.screen.query_one(ParkingLotBoard).show(
            session.elephants(), session.now(), Audience.console(projecting=self.projecting), hidden=hidden)

    def refresh_moments(self) -> None:
        """The line of this meeting's turning points under the boards."""
        points = self.session.turning_points()
        moments = self.screen.query_one("#moments", Static)
        if not points:
            words = _("Turning points: none yet") if self.projecting else _("Turning points: none yet (t marks one)")
            # Dimmed text fades on a projector: full strength while the room is watching.
            moments.update(Content.assemble((words, "" if self.projecting else "dim")))
            return
        times = " · ".join(time_text(local(p.marked_at)) for p in points)
        to_describe = sum(1 for p in points if p.kind is None and not p.note)
        # Translators: T is the key that opens the timeline.
        hint = " " + _("({count} to describe: T)").format(count=to_describe) if to_describe and not self.projecting else ""
        # Translators: the label before the times of this meeting's turning points.
        moments.update(Content.assemble((_("Turning points:") + " ", "bold"), times, (hint, "dim")))

    # -- the boards ---------------------------------------------------------------------------

    def _capture_dialog(self, title: str, placeholder: str, kind: Kind) -> CaptureLineDialog:
        return CaptureLineDialog(
            title, placeholder, self.session.attendees, self.session.organisations(), self.session.today(),
            kind=kind, projecting=self.projecting,
        )

    def capture_jargon(self) -> None:
        """Name the Jargon: a term as it was said, counted again if it is on the board."""
        def save(draft: CaptureDraft) -> str:
            term = self.session.name_jargon(draft.text, speaker=draft.speaker, confidential=draft.confidential)
            return term.id

        def captured(term_id: str | None) -> None:
            if term_id:
                term = self.session.board_term(term_id)
                board = self.screen.query_one(JargonBoard)
                board.upsert(term)
                audience = Audience.console(projecting=self.projecting)
                self._notify(lines.term_notice(term, audience, hidden=term.id in board.hidden))

        self.forms.open(self._capture_dialog(_("Name the Jargon"), _("the term, as it was said"), Kind.TERM), save, captured)

    def raise_elephant(self) -> None:
        """Name the elephant, then hold the space: discuss it now or park it."""
        def save(draft: CaptureDraft) -> str:
            return self.session.raise_elephant(draft.text, speaker=draft.speaker, confidential=draft.confidential)

        def named(elephant_id: str | None) -> None:
            if not elephant_id:
                return
            self.reload()

            def decided(choice: str | None) -> None:
                if choice == "discuss":
                    self.set_elephant(elephant_id, ElephantStatus.DISCUSSING, "")
                self.reload()

            self.screen.app.push_screen(HoldTheSpaceDialog(projecting=self.projecting), decided)

        dialog = self._capture_dialog(_("Name the elephant"), _("what is hard to say, in a sentence"), Kind.ELEPHANT)
        self.forms.open(dialog, save, named)

    def mark_turning_point(self) -> None:
        """One key, no dialog: the moment is stamped and the facilitator keeps listening."""
        if self._attempt(self.session.mark_turning_point):
            self._notify(_("Turning point marked at {time}.").format(time=time_text(local(self.session.now()))))
            self.refresh_moments()

    def show_full(self, board: BoardName) -> None:
        """A board full-screen (`J`, `E`, `T`); Enter there opens the item here, in this meeting."""
        opener = {
            "glossary": self.open_term,
            "parking_lot": self.open_elephant,
            "timeline": self.open_turning_point,
        }[board]
        self.screen.post_message(
            OpenBoard(board, self.partnership_id, self.meeting_id, opener, Audience.console(projecting=self.projecting))
        )

    # -- moderation: what participants (or anyone) put on a board can be hidden from the room ---------

    def toggle_term_hidden(self, term_id: str) -> None:
        """Hide a term from the room, or show it again."""
        hide = term_id not in self.screen.query_one(JargonBoard).hidden
        self._moderated(hide, lambda: self.session.set_term_hidden(term_id, hide))

    def toggle_elephant_hidden(self, elephant_id: str) -> None:
        """Hide an elephant from the room, or show it again."""
        hide = elephant_id not in self.screen.query_one(ParkingLotBoard).hidden
        self._moderated(hide, lambda: self.session.set_elephant_hidden(elephant_id, hide))

    def _moderated(self, hide: bool, work: Callable[[], object]) -> None:
        if self._attempt(work):
            # Never the item's words: this may be on the wall.
            if hide:
                note = _("Hidden from the projection and from participants. It is kept; h shows it again.")
                if self.projecting:
                    note = _("Hidden from the projection and from participants. It is kept.")
            else:
                note = _("Shown to the room again.")
            self._notify(note, timeout=CONFIRMATION_SECONDS * 2)
        self.reload()

    def set_elephant(self, elephant_id: str, status: ElephantStatus, note: str) -> None:
        """Move an elephant (from the parking lot or the carry-over list) and say so quietly."""
        if self._attempt(lambda: self.session.move_elephant(elephant_id, status, note)):
            self._notify(elephant_outcome(status))
        self.reload_parking_lot()  # moved from the review section's list, the board must not go on saying "parked"
        self._refresh()

    def open_term(self, term_id: str) -> None:
        """A term's meaning, expansion and plain words, edited in this meeting."""
        term = self.session.board_term(term_id)

        def save(edit: TermEdit) -> str:
            self.session.explain_term(
                term_id,
                meaning=edit.meaning,
                organisation_id=edit.organisation_id,
                expansion=edit.expansion,
                plain_words=edit.plain_words,
                same_as=edit.same_as,
                unexplained=edit.unexplained,
            )
            return term_id

        def saved(result: str | None) -> None:
            if result:
                # A same-as changes other terms' lines too, and a term explained from the glossary
                # may not be on today's board at all: read the board again (it is one query).
                self.reload()

        dialog = TermDialog(term, self.session.organisations(), self.session.today(), hide_confidential=self.projecting)
        self.forms.open(dialog, save, saved)

    def open_elephant(self, elephant_id: str) -> None:
        """An elephant's status, moved in this meeting."""
        elephant = self.session.elephant(elephant_id)

        def save(move: ElephantMove) -> str:
            if move.status is elephant.status and move.status is not ElephantStatus.PARKED:
                # Saved where it stands: the note corrected, not a move (a move there is refused).
                self.session.correct_elephant_note(elephant_id, move.note)
            else:
                self.session.move_elephant(elephant_id, move.status, move.note)
            return elephant_id

        self.forms.open(ElephantDialog(elephant, self.session.today()), save, lambda _: self.reload())

    def open_turning_point(self, point_id: str) -> None:
        """A turning point's details, and the agreement it led to (a new one if need be)."""
        point = next(p for p in self.session.turning_points() if p.id == point_id)

        def save(details: TurningPointDetails) -> str:
            linked = details.agreement if details.agreement != NEW_AGREEMENT else None
            self.session.describe_turning_point(
                point_id, kind=details.kind, note=details.note, opened_up=details.opened_up,
                confidential=details.confidential, agreement_id=linked,
            )
            return details.agreement or point_id

        def saved(result: str | None) -> None:
            self.refresh_moments()
            if result == NEW_AGREEMENT:
                def save_and_link(draft: AgreementDraft) -> str:
                    return self.session.add_agreement(
                        draft.text, parties=draft.party_ids, review_on=draft.review_on,
                        confidential=draft.confidential, led_from=point_id,
                    ).id

                def linked(agreement_id: str | None) -> None:
                    if agreement_id:
                        self._refresh()

                dialog = AgreementDialog(self.session.organisations(), self.session.today())
                self.forms.open(dialog, save_and_link, linked)

        self.forms.open(TurningPointDialog(point, self.session.agreements(), self.session.today()), save, saved)
