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

from typing import Any

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
from meetingkit.ui.screens.blank import BlankScreen
from meetingkit.ui.screens.boards import BoardScreen, GlossaryScreen, ParkingLotScreen, TimelineScreen
from meetingkit.ui.screens.new_meeting import NewMeetingScreen
from meetingkit.ui.screens.record import RecordScreen
from meetingkit.ui.screens.registers import (
    PartnershipTimelineScreen,
    RegisterScreen,
    ReviewGlossaryScreen,
    ReviewParkingLotScreen,
)
from meetingkit.ui.screens.review import ReviewScreen
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.screens.search import SearchScreen
from meetingkit.ui.screens.summary import SummaryScreen
from meetingkit.ui.screens.trends import TrendsScreen
from meetingkit.usecases.meetings import start_planned_meeting

MEETING_BOARDS: dict[str, type[BoardScreen]] = {
    "glossary": GlossaryScreen,
    "parking_lot": ParkingLotScreen,
    "timeline": TimelineScreen,
}


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
                app.push_screen(NewMeetingScreen(store, self.library, partnership=message.partnership))
            case OpenMeeting():
                self.open_meeting(message.meeting_id)
            case MeetingStarted():
                app.switch_screen(RunnerScreen(store, message.meeting_id))  # the form is done with
            case MeetingEnded():
                app.switch_screen(SummaryScreen(store, message.meeting_id, message.audience))
            case BlankRequested():
                app.push_screen(BlankScreen())
            case OpenBoard():
                board = MEETING_BOARDS[message.board]
                app.push_screen(
                    board(store, message.partnership_id, message.meeting_id, message.on_choose,
                          message.audience)
                )
            case ReviewRequested():
                app.push_screen(ReviewScreen(store))
            case OpenRecord():
                confidential = message.include_confidential
                app.push_screen(RecordScreen(store, message.meeting_id, include_confidential=confidential))
            case OpenSearch():
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
            self.app.push_screen(RunnerScreen(self.store, meeting_id))
        elif meeting.status is MeetingStatus.PLANNED and not self.store.read_only:
            start_planned_meeting(self.store, meeting_id)
            self.app.push_screen(RunnerScreen(self.store, meeting_id))
        else:
            self.app.push_screen(SummaryScreen(self.store, meeting_id))

    def _register(self, message: OpenRegister) -> Screen[None]:
        chosen = (self.store, message.partnership_id, message.partnership)
        confidential = message.include_confidential
        match message.register:
            case "glossary":
                return ReviewGlossaryScreen(*chosen, confidential)
            case "parking_lot":
                return ReviewParkingLotScreen(*chosen, confidential)
            case "timeline":
                return PartnershipTimelineScreen(*chosen, confidential, period=message.period)
            case "register":
                return RegisterScreen(*chosen, confidential)
            case "trends":
                return TrendsScreen(*chosen, period=message.period)
