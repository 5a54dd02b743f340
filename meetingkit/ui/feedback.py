"""How the console tells the facilitator whether something was saved."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from meetingkit.core.i18n import _
from meetingkit.store import StoreError

CONFIRMATION_SECONDS = 2.0
"""How long a quiet confirmation stays up: long enough to see, short enough not to cover the agenda."""


def attempt(node: Widget, work: Callable[[], object]) -> bool:
    """Run a store call; a problem becomes a notification on `node` instead of a crash.

    Returns:
        Whether the call succeeded.
    """
    try:
        work()
    except (StoreError, ValueError) as problem:
        node.notify(str(problem), title=_("Not saved"), severity="error", markup=False)
        return False
    return True
