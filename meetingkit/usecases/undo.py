"""Undoing a correction or a decision: the console's ctrl+z.

Every correction and decision keeps a change (`store.changes`); undoing one sets its row back (or
brings a deleted row back) and keeps an UNDONE change of its own, in one transaction, so the
history stays complete and a merge carries the undo as it carried the change. Which change is
"the last" is this open store's to say: the changes it recorded in this process, newest first,
never one made in another terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.i18n import _
from meetingkit.core.models import Change
from meetingkit.store import Store
from meetingkit.store.changes import UndoRefused

__all__ = ["NothingToUndo", "UndoRefused", "Undone", "undo", "undo_last"]


class NothingToUndo(LookupError):
    """No change made here is left to undo."""


@dataclass(frozen=True)
class Undone:
    """A change undone: what it was, the UNDONE change that reverted it, and the item's words."""

    change: Change
    undo: Change
    words: str
    confidential: bool

    def notice(self, audience: Audience) -> str:
        """What was undone, in words the audience may read ('Undone: action "…" marked done')."""
        return lines.undone_notice(
            str(self.change.table), str(self.change.kind), self.change.fields, self.words, audience,
            confidential=self.confidential,
        )


def undo(store: Store, change_id: str, *, meeting_id: str | None = None) -> Undone:
    """Undo one change (see `Changes.revert` for what each kind does).

    Raises:
        UndoRefused: changed again since, gone, a merge of two names, or undone already;
            nothing was changed.
        KeyError: there is no such change.
    """
    change = store.changes.change(change_id)
    words, confidential = store.changes.words(change)  # read first: a deletion's row comes back under a new id
    reverted = store.changes.revert(change.id, meeting_id=meeting_id)
    return Undone(change, reverted, words, confidential)


def undo_last(store: Store, *, meeting_id: str | None = None) -> Undone:
    """Undo the last change this open store recorded that is not undone yet.

    A change that cannot be undone (changed again since) is taken off the list, so the next
    undo goes further back; the refusal says why.

    Raises:
        NothingToUndo: nothing made here is left to undo.
        UndoRefused: the last change cannot be undone; nothing was changed.
    """
    change_id = store.changes.last_undoable()
    if change_id is None:
        raise NothingToUndo(_("Nothing to undo: no correction or decision made here is left."))
    try:
        return undo(store, change_id, meeting_id=meeting_id)
    except UndoRefused:
        store.changes.forget(change_id)
        raise
