"""Search everything captured, with the first hits shown while the words are typed."""

from __future__ import annotations

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.i18n import N_, _, ngettext, pgettext
from meetingkit.core.records import SearchHit
from meetingkit.core.text import LINE_LIMIT, TextTooLong, fts_query, too_long_for_field
from meetingkit.localised import Localised
from meetingkit.store import Store
from meetingkit.ui.messages import OpenRecord
from meetingkit.ui.rendering import content
from meetingkit.ui.widgets.line_input import LineInput
from meetingkit.ui.widgets.quiet_footer import QuietFooter

WORDS_LIMIT = LINE_LIMIT
"""The longest search: as long as any one entry may be. A longer paste is refused with a message."""

HITS_SHOWN = 50


class SearchScreen(Localised, Screen[None]):
    """Type; hits follow each key. Enter opens the meeting a hit belongs to."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"), id="search.back")]
    AUTO_FOCUS = "#search-words"

    def __init__(self, store: Store, *, include_confidential: bool = False, partnership_id: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.include_confidential = include_confidential
        self.audience = Audience.review(include_confidential=include_confidential)
        """What the hits may show: what an export would, confidential items only when asked for."""
        self.partnership_id = partnership_id
        self.hits: list[SearchHit] = []
        self.ranked = True
        """Whether the hits shown are the best ones (False: the newest, while ranking runs)."""

    def compose(self) -> ComposeResult:
        scope = self.store.partnerships.get(self.partnership_id).name if self.partnership_id else \
            _("every partnership")
        yield Static(Content.assemble(
            (pgettext("screen title", "Search"), "bold"), ("  ·  ", "dim"), (scope, ""),
            ("  ·  " + (_("confidential items included") if self.include_confidential else
                        _("confidential items are not searched")),
             "italic $warning" if self.include_confidential else "dim"),
        ), id="title-bar")
        yield LineInput(placeholder=_("Words from notes, terms, meanings, elephants, turning points, agreements, "
                                      "actions"),
                        id="search-words", select_on_focus=False, limit=WORDS_LIMIT)
        yield Static("", id="search-status")
        yield OptionList(id="search-hits", markup=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self._show([], "")

    @on(LineInput.Changed, "#search-words")
    def _typed(self, event: LineInput.Changed) -> None:
        """The newest matches at once, then the best ones when ranking (in a thread) is done."""
        words = event.value
        try:
            searchable = fts_query(words) is not None
        except TextTooLong:  # pasted tabs, each four spaces once cleaned, grew past what a search reads
            self.notify(too_long_for_field(WORDS_LIMIT), severity="warning", markup=False)
            return
        self._show(self._search(words, ranked=False), words, ranked=not searchable)
        if searchable:
            # After the newest hits are on screen: ranking in a thread still competes for the
            # interpreter and the store, and the first hits should not wait for it.
            self.call_after_refresh(self._rank, words)

    def _search(self, words: str, *, ranked: bool) -> list[SearchHit]:
        return self.store.records.search(
            words, include_confidential=self.include_confidential, partnership_id=self.partnership_id,
            limit=HITS_SHOWN, ranked=ranked,
        )

    @work(thread=True, exclusive=True, group="rank")
    def _rank(self, words: str) -> None:
        worker = get_current_worker()
        if worker.is_cancelled:  # a later key already asked for another ranking
            return
        hits = self._search(words, ranked=True)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._ranked, words, hits)

    def _ranked(self, words: str, hits: list[SearchHit]) -> None:
        if self.query_one("#search-words", LineInput).value == words:
            self._show(hits, words, ranked=True)

    def _show(self, hits: list[SearchHit], words: str, *, ranked: bool = True) -> None:
        self.ranked = ranked
        today = self.store.clock.now()
        shown = [(hit, lines.search_hit_line(hit, self.audience, today=today)) for hit in hits]
        self.hits = hits = [hit for hit, line in shown if line is not None]
        options = self.query_one("#search-hits", OptionList)
        options.set_options(
            Option(content(line), id=str(index)) for index, line in enumerate(line for _hit, line in shown if line)
        )
        if hits:
            options.highlighted = 0
        status = self.query_one("#search-status", Static)
        if not words.strip():
            status.update(Content(_("Type to search. Every word must appear; the last one may be unfinished.")))
        elif not hits:
            status.update(Content(_("Nothing matches. Try fewer or shorter words.")))
        else:
            status.update(Content(_hits_found(len(hits), ranked=ranked)))

    def on_key(self, event: events.Key) -> None:
        """↓ from the words goes to the first hit; ↑ from the first hit goes back to the words."""
        hits = self.query_one("#search-hits", OptionList)
        if event.key == "down" and self.focused is self.query_one("#search-words") and hits.option_count:
            event.stop()
            event.prevent_default()
            hits.focus()
            hits.highlighted = 0
        elif event.key == "up" and self.focused is hits and hits.highlighted in (0, None):
            event.stop()
            event.prevent_default()
            words = self.query_one("#search-words", LineInput)
            words.focus()
            words.cursor_position = len(words.value)  # carry on typing where the words end

    @on(LineInput.Submitted, "#search-words")
    def _submitted(self) -> None:
        if self.hits:
            self.query_one("#search-hits").focus()

    @on(OptionList.OptionSelected, "#search-hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        if hit.meeting_id:
            self.post_message(OpenRecord(hit.meeting_id, include_confidential=self.include_confidential))
        else:
            self.notify(_("That is a glossary term, not tied to one meeting: g on the review screen shows the "
                          "glossary."), markup=False)


def _hits_found(count: int, *, ranked: bool) -> str:
    """How many hits are shown, in what order, and how to open one."""
    if count == HITS_SHOWN:
        if ranked:
            found = _("{count} hits, best first (the first {count}; add words to narrow it).")
        else:
            found = _("{count} hits, newest first while the best are found (the first {count}; add words to "
                      "narrow it).")
    elif ranked:
        found = ngettext("{count} hit, best first.", "{count} hits, best first.", count)
    else:
        found = ngettext("{count} hit, newest first while the best are found.",
                         "{count} hits, newest first while the best are found.", count)
    return found.format(count=count) + " " + _("↓ to the list, Enter opens the meeting.")
