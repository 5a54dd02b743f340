"""What the meeting has agreed so far: agreements and actions, as the room sees them."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from meetingkit.core.models import Action, Agreement


def agreement_line(agreement: Agreement) -> Content:
    """One agreement with its parties and review date."""
    details = []
    if agreement.parties:
        details.append(", ".join(agreement.parties))
    if agreement.review_on:
        details.append(f"review {agreement.review_on:%d %b %Y}")
    return Content.assemble(
        ("Agreed  ", "bold $success"),
        agreement.text,
        (f"  ({'; '.join(details)})" if details else "", "dim"),
        ("  · confidential" if agreement.confidential else "", "italic $warning"),
    )


def action_line(action: Action) -> Content:
    """One action with its owner and due date."""
    details = [part for part in (action.owner, f"by {action.due_on:%a %d %b}" if action.due_on else "") if part]
    return Content.assemble(
        ("Action  ", "bold $accent"),
        action.text,
        (f"  ({'; '.join(details)})" if details else "", "dim"),
        ("  · confidential" if action.confidential else "", "italic $warning"),
    )


class MeetingBusiness(Static):
    """The agreements and actions of this meeting; confidential ones only when asked for."""

    DEFAULT_CSS = """
    MeetingBusiness { height: auto; }
    """

    def show(self, agreements: list[Agreement], actions: list[Action], *, include_confidential: bool) -> None:
        """Redraw the list, agreements first, each group in the order it was made."""
        lines = [agreement_line(a) for a in agreements if include_confidential or not a.confidential]
        lines += [action_line(a) for a in actions if include_confidential or not a.confidential]
        self.update(Content("\n").join(lines))
        self.display = bool(lines)
