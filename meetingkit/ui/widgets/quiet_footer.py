"""A footer that rebuilds only when the keys it shows change, and leaves some out when narrow."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class QuietFooter(Footer):
    """Textual's `Footer`, minus the rebuilds that change nothing.

    `Footer` recomposes every key whenever the screen's bindings are recomputed: on every
    focus change, so twice for each capture dialog opened and closed. With a dozen keys
    that cost about 110 ms of CPU per capture in the benchmark, for a footer that looked
    the same before and after. This one compares what it would show first. It follows
    `Footer.bindings_changed` (Textual is pinned to 8.2.x in pyproject).

    On a narrow terminal (`narrow`, set by the screen) it leaves out the keys the screen
    names, so the ones used every few minutes are never cut off at the right edge.
    """

    DEFAULT_CSS = """
    QuietFooter.-compact FooterKey.-compact .footer-key--description {
        padding: 0;  /* the key's own colour sets it apart: every column counts at 80 */
    }
    """

    _shown: tuple[tuple[str, str, bool, str], ...] | None = None

    narrow: reactive[bool] = reactive(False)
    """A narrow terminal: the keys in `hidden_when_narrow` and the palette's are left out, so the rest fit."""

    def __init__(self, *, hidden_when_narrow: frozenset[str] = frozenset()) -> None:
        """`hidden_when_narrow`: actions whose keys a narrow footer leaves out; they still work,
        and the help and the palette list them."""
        super().__init__()
        self.hidden_when_narrow = hidden_when_narrow

    def watch_narrow(self, narrow: bool) -> None:
        self.show_command_palette = not narrow  # ctrl+p still opens it
        if self.is_attached and self._bindings_ready:
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if self.narrow and isinstance(widget, FooterKey) and widget.action in self.hidden_when_narrow:
                continue
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )
        if self._bindings_ready and shown == self._shown:
            return
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._shown = shown
            self.call_after_refresh(self.recompose)
