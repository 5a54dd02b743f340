"""A list on the wall that never cuts silently: what does not fit is paged, and the last row says so."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.content import Content
from textual.widgets import Static

from meetingkit.core.i18n import ngettext
from meetingkit.usecases.wall import pages


class PagedList(Static):
    """Items (each one or more wrapped rows) shown a page at a time; `turn_page` moves on, wrapping round."""

    DEFAULT_CSS = """
    PagedList { height: 1fr; }
    """

    def __init__(self, empty: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        """`empty`: what to say when there is nothing to show (nothing at all when blank)."""
        super().__init__(id=id, classes=classes, markup=False)
        self.items: list[Content] = []
        self.empty = empty
        self.page = 0
        """Which page is shown; kept while items change, so a new capture does not jump back."""
        self.page_count = 1

    def show(self, items: Sequence[Content]) -> None:
        """Show these items (when another process changed them, or on reading the meeting again)."""
        self.items = list(items)
        self._draw()

    def turn_page(self) -> None:
        """The next page, or the first again after the last: the room sees everything in turn."""
        if self.page_count > 1:
            self.page = (self.page + 1) % self.page_count
            self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def _draw(self) -> None:
        width, rows = self.content_region.width, self.content_region.height
        if not self.items:
            self.page, self.page_count = 0, 1
            self.update(Content.assemble((self.empty, "dim italic")))
            return
        if width <= 0 or rows <= 0:
            return  # not laid out yet: drawn on the first resize
        wrapped = [item.wrap(width) for item in self.items]
        cut = pages([len(lines) for lines in wrapped], rows)
        self.page_count = len(cut)
        self.page = min(self.page, self.page_count - 1)
        shown = cut[self.page]
        lines = [line for index in shown for line in wrapped[index]]
        if self.page_count > 1:
            lines = lines[: max(0, rows - 1)]
            more = len(self.items) - len(shown)
            said = ngettext("+{count} more · page {page} of {pages}", "+{count} more · page {page} of {pages}", more)
            lines.append(Content.assemble((said.format(count=more, page=self.page + 1, pages=self.page_count),
                                           "bold $accent")))
        self.update(Content("\n").join(lines))
