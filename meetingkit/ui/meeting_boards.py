"""The boards as the runner uses them: capture keys (`j`, `e`, `t`), the full-screen views
(`J`, `E`, `T`), moderation, and the dialogs behind each board.

Owned by `RunnerScreen`, which keeps the keys and hands this object exactly what it needs:
the screen to show dialogs and notes on, the store and meeting, and what only the runner
knows (whether the room is looking, who is here, how to redraw, how to save an agreement).
Nothing here imports the runner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from meetingkit.core.clock import local
from meetingkit.core.models import ElephantStatus, Meeting, Person
from meetingkit.store import Store
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
from meetingkit.ui.messages import BoardName, OpenBoard
from meetingkit.ui.widgets.jargon_board import JargonBoard
from meetingkit.ui.widgets.parking_lot import ParkingLotBoard

ELEPHANT_OUTCOMES = {
    ElephantStatus.PARKED: "Kept in the parking lot.",
    ElephantStatus.DISCUSSING: "Discussing it now.",
    ElephantStatus.ADDRESSED: "Marked addressed.",
    ElephantStatus.LET_GO: "Let go.",
}


class MeetingBoards:
    """Jargon, elephants and turning points for one running meeting."""

    def __init__(
        self,
        screen: Screen[None],
        store: Store,
        meeting: Meeting,
        *,
        projecting: Callable[[], bool],
        attendees: Callable[[], list[Person]],
        refresh: Callable[[], None],
        save_agreement: Callable[[AgreementDraft], str],
    ) -> None:
        """
        Args:
            screen: Where the boards are, and where dialogs and notes are shown.
            store: The open database.
            meeting: The running meeting (its id and partnership do not change).
            projecting: Whether the room is looking at the screen now.
            attendees: Who is here now.
            refresh: Redraws the whole runner after a change beyond the boards.
            save_agreement: Saves an agreement made from a turning point, as `g` does.
        """
        self.screen = screen
        self.store = store
        self.meeting_id = meeting.id
        self.partnership_id = meeting.partnership_id
        self._projecting = projecting
        self._attendees = attendees
        self._refresh = refresh
        self._save_agreement = save_agreement

    @property
    def projecting(self) -> bool:
        """Whether the room is looking."""
        return self._projecting()

    def _today(self) -> date:
        return local(self.store.clock.now()).date()

    def _notify(self, text: str, timeout: float = CONFIRMATION_SECONDS) -> None:
        self.screen.notify(text, markup=False, timeout=timeout)

    def _attempt(self, work: Callable[[], object]) -> bool:
        return attempt(self.screen, work)

    def reload(self) -> None:
        """Read all three boards again (on opening, and when another process, such as a
        participant's browser, changed them)."""
        now = self.store.clock.now()
        hidden = self.store.room.moderated(self.meeting_id)
        self.screen.query_one(JargonBoard).load(
            self.store.jargon.board_terms(self.meeting_id), projecting=self.projecting, hidden=hidden.terms
        )
        self.screen.query_one(ParkingLotBoard).show(
            self.store.boards.meeting_elephants(self.meeting_id), now, projecting=self.projecting, hidden=hidden.elephants
        )
        self.refresh_moments()

    def refresh_moments(self) -> None:
        """The line of this meeting's turning points under the boards."""
        points = self.store.boards.turning_points(self.meeting_id)
        moments = self.screen.query_one("#moments", Static)
        if not points:
            hint = "" if self.projecting else " (t marks one)"
            moments.update(Content.assemble((f"Turning points: none yet{hint}", "dim")))
            return
        times = " · ".join(local(p.marked_at).strftime("%H:%M") for p in points)
        to_describe = sum(1 for p in points if p.kind is None and not p.note)
        hint = f" ({to_describe} to describe: T)" if to_describe and not self.projecting else ""
        moments.update(Content.assemble(("Turning points: ", "bold"), times, (hint, "dim")))

    # -- the boards ---------------------------------------------------------------------------

    def _capture_dialog(
        self, title: str, placeholder: str, save: Callable[[CaptureDraft], str]
    ) -> CaptureLineDialog:
        return CaptureLineDialog(
            title, placeholder, self._attendees(), self.store.partnerships.organisations(self.partnership_id), save,
            self._today(), projecting=self.projecting,
        )

    def capture_jargon(self) -> None:
        """Name the Jargon: a term as it was said, counted again if it is on the board."""
        def save(draft: CaptureDraft) -> str:
            term_id, _ = self.store.jargon.mention(
                self.meeting_id, draft.text, attribution=draft.attribution, person_id=draft.person_id,
                organisation_id=draft.organisation_id, confidential=draft.confidential,
            )
            return term_id

        def captured(term_id: str | None) -> None:
            if term_id:
                term = self.store.jargon.board_term(term_id, self.meeting_id)
                board = self.screen.query_one(JargonBoard)
                board.upsert(term)
                if self.projecting and term.id in board.hidden:
                    said = "a term hidden from the room"
                else:
                    said = "a confidential term" if term.confidential and self.projecting else term.display
                self._notify(f"{said} ×{term.tally}")

        dialog = self._capture_dialog("Name the Jargon", "the term, as it was said", save)
        self.screen.app.push_screen(dialog, captured)

    def raise_elephant(self) -> None:
        """Name the elephant, then hold the space: discuss it now or park it."""
        def save(draft: CaptureDraft) -> str:
            return self.store.boards.raise_elephant(
                self.meeting_id, draft.text, attribution=draft.attribution, person_id=draft.person_id,
                organisation_id=draft.organisation_id, confidential=draft.confidential,
            )

        def named(elephant_id: str | None) -> None:
            if not elephant_id:
                return
            self.reload()

            def decided(choice: str | None) -> None:
                if choice == "discuss":
                    self.set_elephant(elephant_id, ElephantStatus.DISCUSSING, "")
                self.reload()

            self.screen.app.push_screen(HoldTheSpaceDialog(projecting=self.projecting), decided)

        dialog = self._capture_dialog("Name the elephant", "what is hard to say, in a sentence", save)
        self.screen.app.push_screen(dialog, named)

    def mark_turning_point(self) -> None:
        """One key, no dialog: the moment is stamped and the facilitator keeps listening."""
        if self._attempt(lambda: self.store.boards.mark_turning_point(self.meeting_id)):
            now = local(self.store.clock.now()).strftime("%H:%M")
            self._notify(f"Turning point marked at {now}.")
            self.refresh_moments()

    def show_full(self, board: BoardName) -> None:
        """A board full-screen (`J`, `E`, `T`); Enter there opens the item here, in this meeting."""
        opener = {
            "glossary": self.open_term,
            "parking_lot": self.open_elephant,
            "timeline": self.open_turning_point,
        }[board]
        self.screen.post_message(
            OpenBoard(board, self.partnership_id, self.meeting_id, opener, projecting=self.projecting)
        )

    # -- moderation: what participants (or anyone) put on a board can be hidden from the room ---------

    def toggle_term_hidden(self, term_id: str) -> None:
        """Hide a term from the room, or show it again."""
        hide = term_id not in self.screen.query_one(JargonBoard).hidden
        self._moderated(hide, lambda: self.store.room.set_term_hidden(self.meeting_id, term_id, hide))

    def toggle_elephant_hidden(self, elephant_id: str) -> None:
        """Hide an elephant from the room, or show it again."""
        hide = elephant_id not in self.screen.query_one(ParkingLotBoard).hidden
        self._moderated(hide, lambda: self.store.room.set_elephant_hidden(elephant_id, hide))

    def _moderated(self, hide: bool, work: Callable[[], object]) -> None:
        if self._attempt(work):
            # Never the item's words: this may be on the wall.
            if hide:
                note = "Hidden from the projection and from participants. It is kept; h shows it again."
                if self.projecting:
                    note = "Hidden from the projection and from participants. It is kept."
            else:
                note = "Shown to the room again."
            self._notify(note, timeout=CONFIRMATION_SECONDS * 2)
        self.reload()

    def set_elephant(self, elephant_id: str, status: ElephantStatus, note: str) -> None:
        """Move an elephant (from the parking lot or the carry-over list) and say so quietly."""
        if self._attempt(
            lambda: self.store.boards.set_elephant_status(elephant_id, status, meeting_id=self.meeting_id, note=note)
        ):
            self._notify(ELEPHANT_OUTCOMES.get(status, "Updated."))
        self._refresh()

    def open_term(self, term_id: str) -> None:
        """A term's meaning, expansion and plain words, edited in this meeting."""
        term = self.store.jargon.board_term(term_id, self.meeting_id)

        def save(edit: TermEdit) -> str:
            self.store.jargon.edit_term(
                term_id,
                meaning=edit.meaning,
                meaning_organisation_id=edit.organisation_id,
                meeting_id=self.meeting_id,
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

        organisations = self.store.partnerships.organisations(self.partnership_id)
        self.screen.app.push_screen(
            TermDialog(term, organisations, save, self._today(), hide_confidential=self.projecting), saved
        )

    def open_elephant(self, elephant_id: str) -> None:
        """An elephant's status, moved in this meeting."""
        elephant = self.store.boards.elephant(elephant_id)

        def save(move: ElephantMove) -> str:
            self.store.boards.set_elephant_status(elephant_id, move.status, meeting_id=self.meeting_id, note=move.note)
            return elephant_id

        self.screen.app.push_screen(ElephantDialog(elephant, save, self._today()), lambda _: self.reload())

    def open_turning_point(self, point_id: str) -> None:
        """A turning point's details, and the agreement it led to (a new one if need be)."""
        point = next(p for p in self.store.boards.turning_points(self.meeting_id) if p.id == point_id)

        def save(details: TurningPointDetails) -> str:
            self.store.boards.describe_turning_point(
                point_id, kind=details.kind, note=details.note, opened_up=details.opened_up,
                confidential=details.confidential,
            )
            if details.agreement and details.agreement != NEW_AGREEMENT:
                self.store.boards.link_turning_point(point_id, details.agreement)
            return details.agreement or point_id

        def saved(result: str | None) -> None:
            self.refresh_moments()
            if result == NEW_AGREEMENT:
                def link(agreement_id: str | None) -> None:
                    if agreement_id:
                        self.store.boards.link_turning_point(point_id, agreement_id)
                        self._refresh()

                organisations = self.store.partnerships.organisations(self.partnership_id)
                self.screen.app.push_screen(AgreementDialog(organisations, self._save_agreement, self._today()), link)

        agreements = self.store.business.agreements(self.meeting_id)
        self.screen.app.push_screen(TurningPointDialog(point, agreements, save, self._today()), saved)
