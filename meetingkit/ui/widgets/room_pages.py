"""A board the room reads in pages: what does not fit is counted on its border, never cut silently.

The projected console's jargon board and parking lot stay lists the facilitator can move
through (to explain a term, to hide an entry from the room), so they are not the wall's
`PagedList`. Projected, they say on their bottom border how many entries are out of view
("+3 more"), and `turn_page` shows the next page, then the first again, as the wall does.
"""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList

from meetingkit.core.i18n import ngettext


class RoomPagedOptions(OptionList):
    """An `OptionList` that, while `paging`, counts what is out of view and can turn a page.

    It reads the list's own line layout (`_index_to_line`, `_heights`): where each option is
    drawn, exactly as drawn. Textual is pinned to 8.2.x in pyproject; see also `QuietFooter`.
    """

    paging = False
    """Whether the room is reading this list (the console is projected)."""

    def _spans(self) -> list[tuple[int, int]]:
        """Each option's first line and the line after its last."""
        starts, heights = self._index_to_line, self._heights
        return [(starts[i], starts[i] + heights[i]) for i in range(self.option_count) if i in starts]

    @property
    def max_scroll_y(self) -> int:
        """Paging, a list longer than its view may scroll on past its end, by a view less one row,
        so that every page begins with a whole entry: clamped to the end, the last page began
        part-way through an entry the room had already seen (at 80x24, the parking lot's second
        page opened on the middle of its first elephant). Rows past the end are drawn blank."""
        most = super().max_scroll_y
        view = self.scrollable_content_region.height
        return most + view - 1 if self.paging and most and view else most

    def out_of_view(self) -> int:
        """How many entries are not wholly in view."""
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        return sum(1 for start, end in self._spans() if start < top or end > bottom)

    def turn_page(self) -> None:
        """The next page (the first entry not wholly in view below goes to the top), or the first again."""
        if not self.paging or not self.out_of_view():
            return
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        # The next entry not wholly in view, after the one at the top: an entry taller than the
        # view is never wholly in it, and paging stalled on it.
        below = [start for start, end in self._spans() if end > bottom and start > top]
        self.scroll_to(y=below[0] if below else 0, animate=False, immediate=True)
        self.show_what_is_out_of_view()

    def show_what_is_out_of_view(self) -> None:
        """Say on the border how many entries the room cannot see now."""
        more = self.out_of_view() if self.paging and self.scrollable_content_region.height else 0
        # Translators: on a board's border, how many entries the room cannot see now ("+3 more").
        self.border_subtitle = ngettext("+{count} more", "+{count} more", more).format(count=more) if more else ""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.paging:
            self.show_what_is_out_of_view()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.show_what_is_out_of_view)
