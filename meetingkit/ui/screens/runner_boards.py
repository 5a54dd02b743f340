"""The boards as the runner uses them: capture keys (`j`, `e`, `t`), the full-screen views
(`J`, `E`, `T`), and the dialogs behind each board. Mixed into `RunnerScreen`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from meetingkit.core.clock import local
from meetingkit.core.models import ElephantStatus
from meetingkit.ui.dialogs.agreement import AgreementDialog
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
from meetingkit.ui.screens.boards import GlossaryScreen, ParkingLotScreen, TimelineScreen
from meetingkit.ui.widgets.jargon_board import JargonBoard
from meetingkit.ui.widgets.parking_lot import ParkingLotBoard

if TYPE_CHECKING:
    from meetingkit.ui.screens.runner import RunnerScreen

    _Base = RunnerScreen
else:
    _Base = object

CONFIRMATION_SECONDS = 2.0
"""How long a quiet confirmation stays up: long enough to see, short enough not to cover the agenda."""


class RunnerBoards(_Base):
    """Board actions for the runner; expects the runner's store, meeting and helpers."""

    def _reload_boards(self) -> None:
        """Read all three boards again (on opening, and when another process, such as a
        participant's browser, changed them)."""
        now = self.store.clock.now()
        hidden = self.store.room.moderated(self.meeting_id)
        self.query_one(JargonBoard).load(
            self.store.jargon.board_terms(self.meeting_id), projecting=self.projecting, hidden=hidden.terms
        )
        self.query_one(ParkingLotBoard).show(
            self.store.boards.meeting_elephants(self.meeting_id), now, projecting=self.projecting, hidden=hidden.elephants
        )
        self._refresh_moments()

    def _refresh_moments(self) -> None:
        points = self.store.boards.turning_points(self.meeting_id)
        moments = self.query_one("#moments", Static)
        if not points:
            hint = "" if self.projecting else " (t marks one)"
            moments.update(Content.assemble((f"Turning points: none yet{hint}", "dim")))
            return
        times = " · ".join(local(p.marked_at).strftime("%H:%M") for p in points)
        to_describe = sum(1 for p in points if p.kind is None and not p.note)
        hint = f" ({to_describe} to describe: T)" if to_describe and not self.projecting else ""
        moments.update(Content.assemble(("Turning points: ", "bold"), times, (hint, "dim")))

    # -- the boards ---------------------------------------------------------------------------

    def _capture_dialog(self, title: str, placeholder: str, save) -> CaptureLineDialog:
        return CaptureLineDialog(
            title, placeholder, self.attendees, self.store.partnerships.organisations(self.meeting.partnership_id), save,
            self._today(), projecting=self.projecting,
        )

    def action_jargon(self) -> None:
        def save(draft: CaptureDraft) -> str:
            term_id, _ = self.store.jargon.mention(
                self.meeting_id, draft.text, attribution=draft.attribution, person_id=draft.person_id,
                organisation_id=draft.organisation_id, confidential=draft.confidential,
            )
            return term_id

        def captured(term_id: str | None) -> None:
            if term_id:
                term = self.store.jargon.board_term(term_id, self.meeting_id)
                board = self.query_one(JargonBoard)
                board.upsert(term)
                if self.projecting and term.id in board.hidden:
                    said = "a term hidden from the room"
                else:
                    said = "a confidential term" if term.confidential and self.projecting else term.display
                self.notify(f"{said} ×{term.tally}", timeout=CONFIRMATION_SECONDS, markup=False)

        self.app.push_screen(self._capture_dialog("Name the Jargon", "the term, as it was said", save), captured)

    def action_elephant(self) -> None:
        def save(draft: CaptureDraft) -> str:
            return self.store.boards.raise_elephant(
                self.meeting_id, draft.text, attribution=draft.attribution, person_id=draft.person_id,
                organisation_id=draft.organisation_id, confidential=draft.confidential,
            )

        def named(elephant_id: str | None) -> None:
            if not elephant_id:
                return
            self._reload_boards()

            def decided(choice: str | None) -> None:
                if choice == "discuss":
                    self._set_elephant(elephant_id, ElephantStatus.DISCUSSING, "")
                self._reload_boards()

            self.app.push_screen(HoldTheSpaceDialog(projecting=self.projecting), decided)

        self.app.push_screen(self._capture_dialog("Name the elephant", "what is hard to say, in a sentence", save), named)

    def action_turning_point(self) -> None:
        """One key, no dialog: the moment is stamped and the facilitator keeps listening."""
        if self._attempt(lambda: self.store.boards.mark_turning_point(self.meeting_id)):
            now = local(self.store.clock.now()).strftime("%H:%M")
            self.notify(f"Turning point marked at {now}.", timeout=CONFIRMATION_SECONDS, markup=False)
            self._refresh_moments()

    def action_glossary(self) -> None:
        self.app.push_screen(
            GlossaryScreen(
                self.store, self.meeting.partnership_id, self.meeting_id, self._open_term, projecting=self.projecting
            )
        )

    def action_parking_lot(self) -> None:
        self.app.push_screen(
            ParkingLotScreen(
                self.store, self.meeting.partnership_id, self.meeting_id, self._open_elephant,
                projecting=self.projecting,
            )
        )

    def action_timeline(self) -> None:
        self.app.push_screen(
            TimelineScreen(
                self.store, self.meeting.partnership_id, self.meeting_id, self._open_turning_point,
                projecting=self.projecting,
            )
        )

    def on_jargon_board_term_chosen(self, message: JargonBoard.TermChosen) -> None:
        self._open_term(message.term_id)

    def on_parking_lot_board_elephant_chosen(self, message: ParkingLotBoard.ElephantChosen) -> None:
        self._open_elephant(message.elephant_id)

    # -- moderation: what participants (or anyone) put on a board can be hidden from the room ---------

    def on_jargon_board_hide_toggled(self, message: JargonBoard.HideToggled) -> None:
        hide = message.term_id not in self.query_one(JargonBoard).hidden
        self._moderated(hide, lambda: self.store.room.set_term_hidden(self.meeting_id, message.term_id, hide))

    def on_parking_lot_board_hide_toggled(self, message: ParkingLotBoard.HideToggled) -> None:
        hide = message.elephant_id not in self.query_one(ParkingLotBoard).hidden
        self._moderated(hide, lambda: self.store.room.set_elephant_hidden(message.elephant_id, hide))

    def _moderated(self, hide: bool, work) -> None:
        if self._attempt(work):
            # Never the item's words: this may be on the wall.
            if hide:
                note = "Hidden from the projection and from participants. It is kept; h shows it again."
                if self.projecting:
                    note = "Hidden from the projection and from participants. It is kept."
            else:
                note = "Shown to the room again."
            self.notify(note, markup=False, timeout=CONFIRMATION_SECONDS * 2)
        self._reload_boards()

    def _open_term(self, term_id: str) -> None:
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
                self._reload_boards()

        organisations = self.store.partnerships.organisations(self.meeting.partnership_id)
        self.app.push_screen(
            TermDialog(term, organisations, save, self._today(), hide_confidential=self.projecting), saved
        )

    def _open_elephant(self, elephant_id: str) -> None:
        elephant = self.store.boards.elephant(elephant_id)

        def save(move: ElephantMove) -> str:
            self.store.boards.set_elephant_status(elephant_id, move.status, meeting_id=self.meeting_id, note=move.note)
            return elephant_id

        self.app.push_screen(ElephantDialog(elephant, save, self._today()), lambda _: self._reload_boards())

    def _open_turning_point(self, point_id: str) -> None:
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
            self._refresh_moments()
            if result == NEW_AGREEMENT:
                def link(agreement_id: str | None) -> None:
                    if agreement_id:
                        self.store.boards.link_turning_point(point_id, agreement_id)
                        self.refresh_state()

                organisations = self.store.partnerships.organisations(self.meeting.partnership_id)
                self.app.push_screen(AgreementDialog(organisations, self._save_agreement, self._today()), link)

        agreements = self.store.business.agreements(self.meeting_id)
        self.app.push_screen(TurningPointDialog(point, agreements, save, self._today()), saved)
