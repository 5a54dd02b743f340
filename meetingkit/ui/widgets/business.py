"""What the meeting has agreed so far: agreements and actions, as the room sees them."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.models import Action, Agreement
from meetingkit.ui.rendering import content


def agreement_line(agreement: Agreement, audience: Audience = Audience.FACILITATOR, *, today: date | None) -> Content:
    """One agreement with its parties and review date, as `core.lines.agreement_line` renders it."""
    return content(lines.agreement_line(agreement, audience, today=today))


def action_line(action: Action, audience: Audience = Audience.FACILITATOR, *, today: date | None) -> Content:
    """One action with its owner and due date, as `core.lines.action_line` renders it."""
    return content(lines.action_line(action, audience, today=today))


class MeetingBusiness(Static):
    """The agreements and actions of this meeting, as its audience may see them."""

    DEFAULT_CSS = """
    MeetingBusiness { height: auto; }
    """

    def show(self, agreements: list[Agreement], actions: list[Action], audience: Audience, *, today: date) -> None:
        """Redraw the list for `audience`, agreements first, each group in the order it was made
        (for the room, `core.lines` leaves confidential ones out of this list)."""
        rendered = [lines.agreement_line(a, audience, today=today) for a in agreements]
        rendered += [lines.action_line(a, audience, today=today) for a in actions]
        shown = [content(line) for line in rendered if line is not None]
        self.update(Content("\n").join(shown))
        self.display = bool(shown)
