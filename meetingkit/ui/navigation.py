"""Where each `Navigate` message leads: the one place that builds screens and shows them.

Why messages rather than Textual's MODES: every way through the app is a stack the
facilitator walks back down with Escape (home → review → a record → back to review with its
filters and sort intact; home → runner → summary → home, which then shows the ended
meeting). Modes keep a separate stack per top-level screen and switching leaves the others
where they were, so a meeting could be left running out of sight behind another mode, and
"back" would mean two things. Messages keep the one stack and still let screens stop
importing each other: a screen says where it wants to go, and only this module knows
which class answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.models import MeetingStatus
from meetingkit.store import Store
from meetingkit.ui.messages import (
    BlankRequested,
    MeetingEnded,
    MeetingStarted,
    Navigate,
    NewMeetingRequested,
    OpenBoard,
    OpenMeeting,
    OpenRecord,
    OpenRegister,
    OpenSearch,
    ReviewRequested,
)

if TYPE_CHECKING:
    from meetingkit.ui.screens.boards import BoardScreen

# Each screen's module is imported when that screen is first opened, not when the app starts:
# the home screen needs none of them, and together they cost more than Textual's own import.


def _meeting_board(board: str) -> type[BoardScreen]:
    """The screen of one of a meeting's boards, by its name."""
    from meetingkit.ui.screens.boards import GlossaryScreen, ParkingLotScreen, TimelineScreen

    boards: dict[str, type[BoardScreen]] = {
        "glossary": GlossaryScreen,
        "parking_lot": ParkingLotScreen,
        "timeline": TimelineScreen,
    }
    return boards[board]


class Navigator:
    """Builds the screen a `Navigate` message asks for, around the app's store and agendas."""

    def __init__(self, app: App[Any], store: Store, library: AgendaLibrary) -> None:
        self.app = app
        self.store = store
        self.library = library

    def go(self, message: Navigate) -> None:
        """Show where `message` leads."""
        app, store = self.app, self.store
        match message:
            case NewMeetingRequested():
                from meetingkit.ui.screens.new_meeting import NewMeetingScreen

                app.push_screen(NewMeetingScreen(store, self.library, partnership=message.partnership))
            case OpenMeeting():
                self.open_meeting(message.meeting_id)
            case MeetingStarted():
                from meetingkit.ui.screens.runner import RunnerScreen

                app.switch_screen(RunnerScreen(store, message.meeting_id))  # the form is done with
            case MeetingEnded():
                from meetingkit.ui.screens.summary import SummaryScreen

                app.switch_screen(SummaryScreen(store, message.meeting_id, message.audience))
            case BlankRequested():
                from meetingkit.ui.screens.blank import BlankScreen

                app.push_screen(BlankScreen())
            case OpenBoard():
                board = _meeting_board(message.board)
                app.push_screen(
                    board(store, message.partnership_id, message.meeting_id, message.on_choose,
                          message.audience)
                )
            case ReviewRequested():
                from meetingkit.ui.screens.review import ReviewScreen

                app.push_screen(ReviewScreen(store))
            case OpenRecord():
                from meetingkit.ui.screens.record import RecordScreen

                confidential = message.include_confidential
                app.push_screen(RecordScreen(store, message.meeting_id, include_confidential=confidential))
            case OpenSearch():
                from meetingkit.ui.screens.search import SearchScreen

                app.push_screen(
                    SearchScreen(store, include_confidential=message.include_confidential,
                                 partnership_id=message.partnership_id)
                )
            case OpenRegister():
                app.push_screen(self._register(message))

    def open_meeting(self, meeting_id: str) -> None:
        """Open a meeting where it stands: the runner if it is in progress, else its summary."""
        meeting = self.store.meetings.get(meeting_id)
        if meeting.status is MeetingStatus.RUNNING and not self.store.read_only:
            from meetingkit.ui.screens.runner import RunnerScreen

            self.app.push_screen(RunnerScreen(self.store, meeting_id))
        elif meeting.status is MeetingStatus.PLANNED and not self.store.read_only:
            from meetingkit.ui.screens.runner import RunnerScreen
            from meetingkit.usecases.meetings import start_planned_meeting

            start_planned_meeting(self.store, meeting_id)
            self.app.push_screen(RunnerScreen(self.store, meeting_id))
        else:
            from meetingkit.ui.screens.summary import SummaryScreen

            self.app.push_screen(SummaryScreen(self.store, meeting_id))

    def _register(self, message: OpenRegister) -> Screen[None]:
        chosen = (self.store, message.partnership_id, message.partnership)
        confidential = message.include_confidential
        match message.register:
            case "glossary":
                from meetingkit.ui.screens.registers import ReviewGlossaryScreen

                return ReviewGlossaryScreen(*chosen, confidential)
            case "parking_lot":
                from meetingkit.ui.screens.registers import ReviewParkingLotScreen

                return ReviewParkingLotScreen(*chosen, confidential)
            case "timeline":
                from meetingkit.ui.screens.registers import PartnershipTimelineScreen

                return PartnershipTimelineScreen(*chosen, confidential, period=message.period)
            case "register":
                from meetingkit.ui.screens.registers import RegisterScreen

                return RegisterScreen(*chosen, confidential)
            case "trends":
                from meetingkit.ui.screens.trends import TrendsScreen

                return TrendsScreen(*chosen, period=message.period)
