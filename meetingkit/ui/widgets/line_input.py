"""A one-line input that keeps everything pasted into it, up to a limit it says out loud."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

from meetingkit.core.text import too_long_for_field


class LineInput(Input):
    """Like `Input`, but a multi-line paste is joined with spaces instead of cut to its first line.

    Textual's `Input` keeps only the first line of a paste; a facilitator pasting a
    paragraph into an agreement would silently lose the rest. Tab takes a completion that
    is shown (`_on_key`), then moves on. Length limits are
    checked when the entry is saved, with a message, never by cutting.

    A field that acts on every change (a filter, a search) takes a `limit` instead: a key
    or a paste that would make it longer is refused whole, with a message, and what was
    there stays as it was.
    """

    def __init__(self, *args: Any, limit: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, max_length=limit, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        """Tab takes a completion shown after the cursor (as → does), then, pressed again, moves
        on: a facilitator who sees "Amira Haddad, OCISO" offered and presses Tab means that one."""
        if event.key == "tab" and self._suggestion and self._suggestion != self.value:
            event.stop()
            event.prevent_default()
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        # Otherwise Input's own `_on_key` runs next: Textual calls the handler of every class in the MRO.

    def _on_paste(self, event: events.Paste) -> None:
        # Textual calls `_on_paste` of every class in the MRO: prevent_default keeps Input's
        # own handler from pasting (the first line) a second time.
        event.prevent_default()
        event.stop()
        joined = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
        if not joined:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(joined)
        else:
            self.replace(joined, *self.selection)

    def restricted(self) -> None:
        """A key or a paste would pass the field's limit: say so (Textual only rings the bell)."""
        self.notify(too_long_for_field(self.max_length or 0), severity="warning", markup=False)
