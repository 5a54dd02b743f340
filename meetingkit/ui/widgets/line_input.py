"""A one-line input that keeps everything pasted into it."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class LineInput(Input):
    """Like `Input`, but a multi-line paste is joined with spaces instead of cut to its first line.

    Textual's `Input` keeps only the first line of a paste; a facilitator pasting a
    paragraph into an agreement would silently lose the rest. Length limits are
    checked when the entry is saved, with a message, never by cutting.
    """

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
