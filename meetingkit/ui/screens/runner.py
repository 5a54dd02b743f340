"""The facilitator's screen for a meeting in progress, and what the room sees in projection mode.

The screen composes the widgets, keeps the keys and shows results; what running the meeting
means (where it stands, the section's clock, moving on, pausing, projecting, last time's open
items, captures, ending) is the `MeetingSession` it holds, which has no Textual in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Static

from meetingkit.core import lines, steering
from meetingkit.core.audience import Audience
from meetingkit.core.clock import describe_time, local
from meetingkit.core.dates import describe_date, parse_optional_date
from meetingkit.core.i18n import N_, _, ngettext
from meetingkit.core.models import (
    ActionStatus,
    ElephantStatus,
    Meeting,
    Person,
    SectionKind,
    SectionRun,
    WallFace,
)
from meetingkit.core.presence import BEAT_SECONDS
from meetingkit.core.settings import load_settings
from meetingkit.localised import Localised
from meetingkit.serving import room_addresses
from meetingkit.store import Store, StoreError
from meetingkit.ui.business_edits import BusinessEdits
from meetingkit.ui.dialogs.action import ActionDialog, ActionDraft
from meetingkit.ui.dialogs.agreement import (
    AgreementDialog,
    AgreementDraft,
    confirm_note_dialog,
    retire_dialog,
    review_dialog,
    revise_dialog,
)
from meetingkit.ui.dialogs.capture_form import CaptureForm
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.dialogs.invite import InviteScreen
from meetingkit.ui.dialogs.line import LineDialog
from meetingkit.ui.dialogs.steering import ChoiceDialog
from meetingkit.ui.feedback import CONFIRMATION_SECONDS, attempt
from meetingkit.ui.forms import FormSaves
from meetingkit.ui.meeting_boards import MeetingBoards
from meetingkit.ui.messages import BlankRequested, DatabaseChanged, MeetingEnded
from meetingkit.ui.rendering import content
from meetingkit.ui.suggesters import OrganisationSuggester
from meetingkit.ui.wall.paged_list import PagedList
from meetingkit.ui.widgets.agenda_sidebar import AgendaSidebar, kind_words
from meetingkit.ui.widgets.big_timer import BigTimer
from meetingkit.ui.widgets.business import MeetingBusiness
from meetingkit.ui.widgets.carry_over import CarryOverPanel
from meetingkit.ui.widgets.jargon_board import JargonBoard
from meetingkit.ui.widgets.notes_editor import NotesEditor
from meetingkit.ui.widgets.parking_lot import ParkingLotBoard
from meetingkit.ui.widgets.quiet_footer import QuietFooter
from meetingkit.ui.widgets.round_panel import RoundPanel
from meetingkit.ui.widgets.section_timer import SectionTimer
from meetingkit.usecases.session import MeetingSession, SectionClock

TICK_SECONDS = 0.25
"""How often the timer face is recomputed from the stored timestamps."""

NOTES_SAVE_DELAY = 0.3
"""Notes are saved this long after the last keystroke (and always on closing)."""

SHORT_ROWS = 30
"""Below this many rows the runner packs tighter, and open notes take the place of the boards."""

NARROW_COLUMNS = 100
"""Below this many columns the agenda is narrower and the footer leaves out its least used keys."""

WIDE_COLUMNS = 140
"""Below this many columns the footer is compact, so every key it shows fits."""

PAGE_SECONDS = 8.0
"""Projected, how long a page of a list that does not fit stays up before the next (as on the wall)."""


def wall_words(walls: int, face: WallFace) -> str:
    """What the title line says about the walls showing this file, and what they show."""
    # Two walls or more: never the singular in either language, so no plural forms are needed.
    if face is WallFace.BLANK:
        return _("wall blanked") if walls == 1 else _("{count} walls blanked").format(count=walls)
    if face is WallFace.JOIN_CODE:
        return (_("wall showing the join code") if walls == 1
                else _("{count} walls showing the join code").format(count=walls))
    return _("wall live") if walls == 1 else _("{count} walls live").format(count=walls)


def round_title(anyone_here: bool, *, projecting: bool) -> str:
    """The round's title: the facilitator's keys, or for the room only that passing is fine."""
    if projecting:
        return _("Round: anyone may pass")
    # The keys first: a narrow border cuts the end of a title.
    # Translators: the round's border title; Enter, x and ⌫ are keys, keep them first.
    return _("Round: Enter spoke · x passed · ⌫ clear · anyone may pass") if anyone_here else (
        _("Round: add the people here with +"))


class RunnerScreen(Localised, Screen[None]):
    """Runs one meeting: agenda, timer, prompts, rounds, carry-over, agreements and actions."""

    BINDINGS = [
        Binding("n", "next_section", N_("Next"), id="runner.next"),
        Binding("N", "previous_section", N_("Back"), id="runner.previous", show=False),
        Binding("space", "toggle_pause", N_("Pause"), id="runner.pause"),
        Binding("greater_than_sign", "more_time", N_("A minute more"), id="runner.more_time", show=False),
        Binding("less_than_sign", "less_time", N_("A minute less"), id="runner.less_time", show=False),
        Binding("G", "jump", N_("Go to a section"), id="runner.jump", show=False),
        Binding("s", "skip", N_("Skip this section"), id="runner.skip", show=False),
        Binding("R", "replan", N_("Re-plan the time left"), id="runner.replan", show=False),
        Binding("o", "notes", N_("Notes"), id="runner.notes"),
        Binding("g", "agreement", N_("Agreed"), id="runner.agreement"),
        Binding("a", "action", N_("Action"), id="runner.action"),
        Binding("C", "business", N_("Correct agreed items"), id="runner.business", show=False),
        Binding("plus", "add_attendee", N_("Arrival"), id="runner.attendee", show=False),
        Binding("minus", "remove_attendee", N_("Remove an attendee"), id="runner.remove_attendee", show=False),
        Binding("equals_sign", "correct_attendee", N_("Correct an attendee"), id="runner.correct_attendee", show=False),
        Binding("p", "projection", N_("Project"), id="runner.projection"),
        Binding("b", "blank", N_("Blank the wall"), id="runner.blank", show=False),
        Binding("i", "invite", N_("Invite (join code)"), id="runner.invite", show=False),
        Binding("j", "jargon", N_("Jargon"), id="runner.jargon"),
        Binding("e", "elephant", N_("Elephant"), id="runner.elephant"),
        Binding("t", "turning_point", N_("Turning point"), id="runner.turning_point"),
        Binding("J", "glossary", N_("Glossary"), id="runner.glossary", show=False),
        Binding("E", "parking_lot", N_("Parking lot"), id="runner.parking_lot", show=False),
        Binding("T", "timeline", N_("Timeline"), id="runner.timeline", show=False),
        Binding("ctrl+e", "end_meeting", N_("End"), id="runner.end"),
        Binding("q", "leave", N_("Quit"), id="runner.quit"),
    ]

    def __init__(self, store: Store, meeting_id: str) -> None:
        super().__init__()
        self.session = MeetingSession(store, meeting_id)
        """The meeting being run: every read and write of this screen goes through it."""
        self.meeting_id = meeting_id
        self._notes_timer: Timer | None = None
        self._notes_run_id: str | None = None
        self._notes_editor: NotesEditor | None = None
        self._notes_loaded = ""
        self._timer_state: str | None = None
        self._steering_words: str | None = None
        self._short_of_time_said = False
        """Whether the facilitator was told that time is short (once, until it is no longer)."""
        self._bell = load_settings().bell
        """A quiet terminal bell at "2 minutes left" (the user's settings; off by default)."""
        self._nearly_up_run: str | None = None
        """The section whose last two minutes were last announced (so the bell rings once)."""
        self._walls = 0
        """How many `meetingkit wall`s showed the file when last looked."""
        self.forms = FormSaves(self)
        """The capture forms open over this screen, and what saves each."""
        self.boards = MeetingBoards(self, self.session, self.forms, refresh=self.refresh_state)
        """Jargon, elephants and turning points: the keys are here, the work is there."""

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="runner-title")
        with Horizontal(id="runner-body"):
            with Vertical(id="sidebar-panel", classes="panel"):
                yield AgendaSidebar(id="sidebar")
            with Vertical(id="stage"):
                with Horizontal(id="stage-head"):
                    with Vertical(id="head-text"):
                        yield Static(id="section-title")
                        yield Static(id="timer-state")
                        yield Static(id="steering")  # the facilitator's: finish at this pace, behind or ahead
                    yield SectionTimer(id="timer")
                    yield BigTimer(id="big-timer")  # in projection: grows with the window
                yield Static(id="prompts")
                yield RoundPanel(id="round")
                yield CarryOverPanel(id="carry-over")
                with Horizontal(id="boards"):
                    yield JargonBoard(id="jargon")
                    yield ParkingLotBoard(id="parking-lot")
                yield Static(id="moments")
                with VerticalScroll(id="business-scroll"):
                    yield MeetingBusiness(id="business")
                yield PagedList(id="agreed-pages")  # projected: what was agreed, paged for the room
                yield NotesEditor(id="notes")
        # At 80 columns the keys used every few minutes come first: pausing, projecting and quitting
        # still work, and are in the help (?) and the palette (ctrl+p).
        yield QuietFooter(hidden_when_narrow=frozenset({"toggle_pause", "projection", "leave"}))

    def on_mount(self) -> None:
        self.query_one("#sidebar-panel").border_title = _("Agenda")
        self._notes_editor = self.query_one(NotesEditor)  # kept: still readable while unmounting
        self._notes_editor.display = False
        self.query_one(JargonBoard).border_title = _("Name the Jargon (j)")
        self.query_one(ParkingLotBoard).border_title = _("Parking lot (e)")
        if self.session.projecting:  # resumed after a crash while projecting: the wall stays the wall
            self._project(True)
        else:
            self.refresh_state()
            self.boards.reload()
        self.set_interval(TICK_SECONDS, self._tick)
        self.set_interval(15, self._refresh_sidebar)
        self.set_interval(BEAT_SECONDS, self._look_for_walls)
        self.set_interval(PAGE_SECONDS, self._turn_pages)

    def on_resize(self, event: events.Resize) -> None:
        # 80×24 holds the timer, the prompts, the round, both boards and what was agreed only packed
        # tighter; and the notes, once open, must be where the facilitator types, not below the screen.
        short, narrow = event.size.height < SHORT_ROWS, event.size.width < NARROW_COLUMNS
        footer = self.query_one(QuietFooter)
        footer.compact = event.size.width < WIDE_COLUMNS
        footer.narrow = narrow
        if (short, narrow) != (self.has_class("-short"), self.has_class("-narrow")):
            self.set_class(short, "-short")
            self.set_class(narrow, "-narrow")
            self._make_room_for_notes()

    @property
    def _notes_crowd_out_the_boards(self) -> bool:
        """Notes open on a short screen: they take the place of the round, the boards and the business."""
        return self.has_class("-notes") and self.has_class("-short")

    def _make_room_for_notes(self) -> None:
        """Show or hide what open notes crowd out (the round and business are shown from code, not CSS)."""
        crowded = self._notes_crowd_out_the_boards
        run = self.current
        self.query_one(RoundPanel).display = (
            run is not None and run.kind is SectionKind.ROUND and not crowded
        )
        self._refresh_business()

    def on_unmount(self) -> None:
        self._save_notes()  # however the app is left, the last keystrokes of notes are kept

    # -- showing where the meeting stands ------------------------------------------

    @property
    def projecting(self) -> bool:
        """Whether the room is seeing the projection view."""
        return self.session.projecting

    @property
    def meeting(self) -> Meeting:
        """The meeting as last read."""
        return self.session.meeting

    @property
    def runs(self) -> list[SectionRun]:
        return self.session.runs

    @property
    def attendees(self) -> list[Person]:
        return self.session.attendees

    @property
    def current(self) -> SectionRun | None:
        """The section the meeting is in."""
        return self.session.current

    def refresh_state(self) -> None:
        """Read the meeting again and redraw everything but the notes editor."""
        self.session.reload()
        if self.session.ended:
            self._show_summary()
            return
        self._walls = self.session.walls_live()
        self._show_title()
        run = self.current
        self._show_section(run)
        self._refresh_sidebar()
        self._refresh_business()
        self._tick()

    def _show_title(self) -> None:
        """The meeting, the section, and (for the facilitator) whether a wall is showing the meeting."""
        run = self.current
        title: list[str | tuple[str, str]] = [
            (self.meeting.partnership_name, "bold"), ("  ·  ", "dim"), self.meeting.title
        ]
        if run is not None:
            title += [("  ·  ", "dim"), (_("section {number} of {count}").format(number=run.position + 1, count=len(self.runs)), "dim")]
        if self._walls and not self.projecting:  # first, as a long title is cut at the right; the room has no use for it
            title = [(wall_words(self._walls, self.meeting.wall), "bold $success"), ("  ·  ", "dim"), *title]
        self.query_one("#runner-title", Static).update(Content.assemble(*title))

    def _look_for_walls(self) -> None:
        """Every couple of seconds: a wall started or stopped on this computer changes the title line."""
        walls = self.session.walls_live()
        if walls != self._walls:
            self._walls = walls
            self._show_title()

    def _show_section(self, run: SectionRun | None) -> None:
        heading = self.query_one("#section-title", Static)
        prompts = self.query_one("#prompts", Static)
        if run is None:
            heading.update(Content(_("This agenda has no sections.")))
            prompts.update("")
            return
        heading.update(Content.assemble((run.title, "bold"), (f"   {kind_words(run.kind)}", "dim italic")))
        prompts.update(Content("\n\n".join(run.prompts)))
        is_round = run.kind is SectionKind.ROUND
        is_review = run.kind is SectionKind.REVIEW
        # Projected, the round is still worked here, but the room sees neither names nor who passed;
        # of the carry-over list, only what the policy lets it see.
        round_panel = self.query_one(RoundPanel)
        round_panel.display = is_round and not self._notes_crowd_out_the_boards
        if is_round:
            round_panel.show(self.attendees, self.session.round_turns(run.id), projecting=self.projecting)
            round_panel.border_title = round_title(bool(self.attendees), projecting=self.projecting)
        carry = self.query_one(CarryOverPanel)
        carry.display = is_review
        if is_review:
            open_items = self.session.carry_over()
            audience = Audience.console(projecting=self.projecting)
            carry.show(open_items.actions, open_items.elephants, self.session.now(), audience, hidden=open_items.hidden,
                       agreements=open_items.agreements)
            carry.border_title = (
                _("Nothing open from earlier meetings")
                if not carry.option_count
                else _("From earlier meetings")  # the room gets no keys
                if audience is not Audience.FACILITATOR
                # Translators: a border title; d, x, c, v and w are keys.
                else _("From earlier meetings: d done · x dropped · c carry · agreements: v review · w revise · x retire")
                if open_items.agreements
                # Translators: a border title; d, x and c are keys.
                else _("From earlier meetings: d done · x dropped · c carry")
            )
        if not self.query_one(NotesEditor).display:
            if round_panel.display and self.attendees:
                round_panel.focus()
            elif carry.display and carry.option_count:
                carry.focus()
            else:
                self.set_focus(None)

    def _refresh_sidebar(self) -> None:
        self.query_one(AgendaSidebar).show(self.runs, self.meeting.current_position, self.session.now())

    def _refresh_business(self) -> None:
        agreements, actions = self.session.agreements(), self.session.actions()
        business = self.query_one(MeetingBusiness)
        business.show(agreements, actions, Audience.console(projecting=self.projecting),
                      today=local(self.session.now()).date())
        scroll = self.query_one("#business-scroll")
        scroll.display = business.display and not self.projecting and not self._notes_crowd_out_the_boards
        scroll.scroll_end(animate=False)
        # Projected, the same items for the room, paged when they do not fit (never cut silently).
        audience = Audience.console(projecting=True)
        today = local(self.session.now()).date()
        rendered = [lines.agreement_line(a, audience, today=today) for a in agreements]
        rendered += [lines.action_line(a, audience, today=today) for a in actions]
        shown = [content(line) for line in rendered if line is not None]
        paged = self.query_one("#agreed-pages", PagedList)
        paged.display = bool(shown) and self.projecting
        paged.show(shown)

    def _turn_pages(self) -> None:
        """Projected: every list that does not fit moves on to its next page, unless the facilitator is in it."""
        if not self.projecting:
            return
        for board in (self.query_one(JargonBoard), self.query_one(ParkingLotBoard)):
            if not board.has_focus:
                board.turn_page()
        self.query_one("#agreed-pages", PagedList).turn_page()

    def _tick(self) -> None:
        section_clock = self.session.section_clock()
        if section_clock is None:
            return
        timer = self.query_one(SectionTimer)
        timer.remaining = section_clock.remaining
        timer.paused = section_clock.paused
        big = self.query_one(BigTimer)
        big.remaining = section_clock.remaining
        big.paused = section_clock.paused
        nearly_up = overrun = False
        if section_clock.paused:
            state = _("Paused") if self.projecting else _("Paused · space to resume")
        elif section_clock.over_time:
            state, overrun = _("over time"), True
        elif section_clock.nearly_up:
            state, nearly_up = _("2 minutes left"), True
        else:
            state = ""
        self._steer_tick(section_clock)
        if state != self._timer_state:
            # Only when it changes: an update lays the screen out again, four times a second
            # otherwise, and behind an open dialog that redrew the whole dimmed runner.
            self._timer_state = state
            state_line = self.query_one("#timer-state", Static)
            state_line.update(Content(state))
            state_line.display = bool(state)  # a row for the room's timer while there is nothing to say
            state_line.set_class(nearly_up, "-nearly-up")
            state_line.set_class(overrun, "-overrun")

    def on_database_changed(self, message: DatabaseChanged) -> None:
        # Participants' entries arrive this way, often while the facilitator is on a board
        # (moving to an entry to hide it): the board keeps the focus.
        focused = self.focused
        self.refresh_state()
        if self.session.ended:
            return
        self.boards.reload()
        if isinstance(focused, JargonBoard | ParkingLotBoard) and self.focused is not focused:
            focused.focus()

    def _attempt(self, work: Callable[[], object]) -> bool:
        """Run a session call; a problem becomes a notification instead of a crash."""
        return attempt(self, work)

    @on(CaptureForm.Submitted)
    def _form_submitted(self, message: CaptureForm.Submitted) -> None:
        """A capture form over this screen (or over a board opened from it) handed up its draft."""
        self.forms.submitted(message)

    # -- moving through the agenda -------------------------------------------------

    def action_next_section(self) -> None:
        following = self.session.next_position  # sections skipped (s, or dropped by a re-plan) are passed by
        if following is None:
            self.action_end_meeting()
            return
        self._go_to(following)

    def action_previous_section(self) -> None:
        if self.meeting.current_position > 0:
            self._go_to(self.meeting.current_position - 1)

    def _go_to(self, position: int) -> None:
        self._save_notes()
        if self._attempt(lambda: self.session.go_to(position)):
            self.refresh_state()

    def action_toggle_pause(self) -> None:
        if self._attempt(self.session.toggle_pause):
            self.refresh_state()

    # -- steering the time ---------------------------------------------------------------

    def _steer_tick(self, section_clock: SectionClock) -> None:
        """Each tick: the steering line, the bell at two minutes left, and the offer to re-plan."""
        run = self.current
        nearly_up = section_clock.nearly_up and not section_clock.paused and run is not None
        if nearly_up and run is not None and self._nearly_up_run != run.id:
            self._nearly_up_run = run.id
            if self._bell:
                self.app.bell()
        projection = self.session.projection()
        words = "" if projection is None or self.projecting else steering.steering_words(projection)
        if words != self._steering_words:  # only when it changes: an update lays the screen out again
            self._steering_words = words
            line = self.query_one("#steering", Static)
            line.update(Content(words))
            line.display = bool(words)
        short = projection is not None and projection.short_of_time
        if short and not self._short_of_time_said and not self.projecting and projection is not None:
            # Translators: {plan} is "6 min behind plan"; R is the key.
            self.notify(_("{plan}: R re-plans the sections still to run.").format(
                plan=steering.plan_words(projection).capitalize()), title=_("Time is short"), markup=False)
        self._short_of_time_said = short

    def action_more_time(self) -> None:
        """`>`: a minute more for this section."""
        self._adjust(1)

    def action_less_time(self) -> None:
        """`<`: a minute less (never less than a minute, nor than it has run)."""
        self._adjust(-1)

    def _adjust(self, minutes: int) -> None:
        try:
            now_has = self.session.adjust_current(minutes)
        except (StoreError, ValueError) as problem:
            self.notify(str(problem), title=_("Time not changed"), severity="warning", markup=False)
            return
        said = (_("A minute more: this section has {minutes} min.") if minutes > 0
                else _("A minute less: this section has {minutes} min."))
        self.notify(said.format(minutes=now_has), markup=False, timeout=CONFIRMATION_SECONDS)
        self.refresh_state()

    def action_jump(self) -> None:
        """`G`: go to any section; this one ends as `n` ends it, and the chosen one starts."""
        now, current = self.session.now(), self.meeting.current_position
        choices = [(str(run.position), steering.section_choice(run, current, now)) for run in self.runs]
        if not choices:
            return

        def chosen(key: str | None) -> None:
            if key is not None and int(key) != self.meeting.current_position:
                self._go_to(int(key))

        self.app.push_screen(ChoiceDialog(_("Go to which section?"), _("Planned, and the time each has run."),
                                          choices, highlighted=current), chosen)

    def action_skip(self) -> None:
        """`s`: skip this section, recorded as skipped with the time it had, and go on to the next."""
        self._save_notes()
        try:
            skipped = self.session.skip_current()
        except (StoreError, ValueError) as problem:
            self.notify(str(problem), title=_("Not skipped"), severity="error", markup=False)
            return
        self.notify(_("Skipped {title} ({minutes} min).").format(title=skipped.title, minutes=skipped.allowed_minutes),
                    markup=False, timeout=CONFIRMATION_SECONDS)
        self.refresh_state()

    def action_replan(self) -> None:
        """`R`: when time is short, shorten the sections still to run evenly, drop one, or run over."""
        projection = self.session.projection()
        run = self.current
        if projection is None or run is None:
            return
        ahead = steering.still_to_run(self.runs, run.position)
        cut = steering.cut_needed(projection)
        # English says "sections" even for one, as it always has; French chooses its own form.
        shorten = (ngettext("Shorten the {count} sections still to run evenly, taking {cut} min",
                            "Shorten the {count} sections still to run evenly, taking {cut} min",
                            len(ahead)).format(count=len(ahead), cut=cut)
                   if cut else _("Shorten the sections still to run evenly (nothing to take: on plan)"))
        choices = [(steering.Replan.SHORTEN.value, shorten),
                   (steering.Replan.DROP.value, _("Drop one section still to run (choose which)")),
                   (steering.Replan.RUN_OVER.value,
                    _("Run over: finish ≈ {time}").format(time=describe_time(projection.finish)))]
        if not ahead:
            choices = choices[2:]
        # Translators: {steering} is "finish ≈ 15:42 · 6 min behind plan".
        detail = _("{steering}; planned to finish at {time}.").format(
            steering=steering.steering_words(projection), time=describe_time(projection.planned_finish))

        def chosen(key: str | None) -> None:
            if key is None:
                return
            choice = steering.Replan(key)
            if choice is steering.Replan.DROP:
                now = self.session.now()
                self.app.push_screen(ChoiceDialog(
                    _("Drop which section?"), _("It is kept in the record as skipped, with the time it had."),
                    [(str(r.position), steering.section_choice(r, run.position, now)) for r in ahead],
                ), lambda picked: None if picked is None else self._replan(choice, int(picked)))
                return
            self._replan(choice)

        self.app.push_screen(ChoiceDialog(_("Re-plan the time left"), detail, choices), chosen)

    def _replan(self, choice: steering.Replan, drop: int | None = None) -> None:
        try:
            done = self.session.replan(choice, drop=drop)
        except (StoreError, ValueError) as problem:
            self.notify(str(problem), title=_("Not re-planned"), severity="warning", markup=False)
            return
        self.notify(done, markup=False, timeout=CONFIRMATION_SECONDS * 2)
        self.refresh_state()

    # -- notes -------------------------------------------------------------------------

    def action_notes(self) -> None:
        run = self.current
        if run is None or self.projecting:
            if self.projecting:
                self.notify(_("Notes are not shown in projection mode; press p first."), markup=False)
            return
        editor = self.query_one(NotesEditor)
        self._notes_run_id = run.id
        editor.load_text(run.notes)
        self._notes_loaded = run.notes
        editor.move_cursor(editor.document.end)
        editor.border_title = Content(_("Notes: {title} (Escape closes; saved as you type)").format(title=run.title))
        editor.display = True
        self.add_class("-notes")
        self._make_room_for_notes()
        editor.focus()

    @on(NotesEditor.Changed)
    def _notes_changed(self) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
        self._notes_timer = self.set_timer(NOTES_SAVE_DELAY, self._save_notes)

    @on(NotesEditor.Closed)
    def _notes_closed(self) -> None:
        self._save_notes()
        editor = self.query_one(NotesEditor)
        editor.display = False
        self.remove_class("-notes")
        self._notes_run_id = None
        self.refresh_state()

    @on(NotesEditor.ConfidentialAsked)
    def _note_confidential(self, message: NotesEditor.ConfidentialAsked) -> None:
        """ctrl+o in the notes: the note on the cursor's line becomes confidential, or open again."""
        run_id = self._notes_run_id
        if run_id is None or not self._save_notes():
            return
        lines = self.query_one(NotesEditor).text.split("\n")  # as saved: a note a line that holds something
        if message.row >= len(lines) or not lines[message.row].strip():
            self.notify(_("Put the cursor on the note to mark confidential."), markup=False)
            return
        try:
            note = self.session.toggle_note_confidential(run_id, sum(1 for line in lines[:message.row] if line.strip()))
        except (StoreError, ValueError) as problem:
            self.notify(str(problem), title=_("Note not changed"), severity="error", markup=False)
            return
        if note is not None:
            self.notify(
                _("This note is confidential: left out of exports and search.") if note.confidential
                else _("This note is no longer confidential."),
                markup=False,
            )

    def _save_notes(self) -> bool:
        """Save what the notes editor holds; False if it could not be saved (nothing open counts as saved)."""
        editor = self._notes_editor
        if editor is None or self._notes_run_id is None or not editor.display:
            return True
        if self._notes_timer is not None:
            self._notes_timer.stop()
            self._notes_timer = None
        run_id, text, based_on = self._notes_run_id, editor.text, self._notes_loaded
        try:
            stored = self.session.save_notes(run_id, text, based_on=based_on)
        except (StoreError, ValueError) as problem:
            self.notify(str(problem), title=_("Notes not saved"), severity="error", markup=False)
            return False
        self._notes_loaded = stored
        if stored != text:  # a scribe added lines meanwhile: show them too
            editor.load_text(stored)
            editor.move_cursor(editor.document.end)
        return True

    # -- rounds and carry-over ---------------------------------------------------------

    @on(RoundPanel.TurnMarked)
    def _turn_marked(self, message: RoundPanel.TurnMarked) -> None:
        run = self.current
        if run is None:
            return
        self._attempt(lambda: self.session.mark_turn(run.id, message.person_id, message.outcome))
        self.query_one(RoundPanel).show(self.attendees, self.session.round_turns(run.id), projecting=self.projecting)

    @on(CarryOverPanel.Decided)
    def _carry_over_decided(self, message: CarryOverPanel.Decided) -> None:
        if message.kind == "agreement":
            self._agreement_decided(message.item_id, message.decision)
            return
        if message.decision == "revised":
            return  # w is an agreement's key
        if message.kind == "action":
            if message.decision == "carried":
                done = self._attempt(lambda: self.session.carry_action(message.item_id))
                note = _("Carried into this meeting's actions.")
            else:
                status = ActionStatus.DONE if message.decision == "done" else ActionStatus.DROPPED
                done = self._attempt(lambda: self.session.close_action(message.item_id, status))
                note = _("Marked done.") if status is ActionStatus.DONE else _("Marked dropped.")
            if done:
                self.notify(note, markup=False, timeout=CONFIRMATION_SECONDS)
            self.refresh_state()
            return
        if message.decision == "carried":
            self.boards.set_elephant(message.item_id, ElephantStatus.PARKED, "kept parked")
            return
        closed = message.decision == "done"
        self.app.push_screen(
            LineDialog(
                _("How was it addressed?") if closed else _("Why is the group letting it go?"),
                placeholder=_("A few words for the record (optional)"),
                hint=_("Enter saves · Escape cancels"),
                allow_empty=True,
            ),
            lambda note: None
            if note is None
            else self.boards.set_elephant(
                message.item_id, ElephantStatus.ADDRESSED if closed else ElephantStatus.LET_GO, note
            ),
        )

    def _agreement_decided(self, agreement_id: str, decision: str) -> None:
        """An agreement due for review: confirmed with its next review day (d or v), given new
        wording (w), or retired (x); the same use case as the register and `meetingkit agreement`."""
        if decision == "carried":
            self.notify(_("An agreement is not carried: v confirms it, w revises it, x retires it."), markup=False)
            return
        if decision == "dropped":
            def retired(why: str | None) -> None:
                if why is not None and self._attempt(lambda: self.session.retire_agreement(agreement_id, why)):
                    self.notify(_("Retired."), markup=False, timeout=CONFIRMATION_SECONDS)
                self.refresh_state()

            self.app.push_screen(retire_dialog(), retired)
            return
        if decision == "revised":
            agreement = self.session.agreement(agreement_id)

            def revised(text: str | None) -> None:
                if text is not None and self._attempt(lambda: self.session.revise_agreement(agreement_id, text)):
                    self.notify(_("Revised: the new wording stands."), markup=False, timeout=CONFIRMATION_SECONDS)
                self.refresh_state()

            self.app.push_screen(revise_dialog(agreement.text), revised)
            return
        today = self.session.today()

        def reviewed(typed: str | None) -> None:
            if typed is None:
                self.refresh_state()
                return
            when = parse_optional_date(typed, today)

            def noted(note: str | None) -> None:
                if note is not None and self._attempt(lambda: self.session.review_agreement(agreement_id, when, note)):
                    said = (_("Confirmed; next review {day}.").format(day=describe_date(when, today)) if when
                            else _("Confirmed; no further review."))
                    self.notify(said, markup=False, timeout=CONFIRMATION_SECONDS)
                self.refresh_state()

            self.app.push_screen(confirm_note_dialog(), noted)

        self.app.push_screen(review_dialog(today), reviewed)

    # -- captures --------------------------------------------------------------------------

    def action_agreement(self) -> None:
        dialog = AgreementDialog(self.session.organisations(), self.session.today())
        self.forms.open(dialog, self._save_agreement, self._captured)

    def _save_agreement(self, draft: AgreementDraft) -> str:
        return self.session.add_agreement(
            draft.text, parties=draft.party_ids, review_on=draft.review_on, confidential=draft.confidential
        ).id

    def action_action(self) -> None:
        self.forms.open(ActionDialog(self.session.owners(), self.session.today()), self._save_action, self._captured)

    def _save_action(self, draft: ActionDraft) -> str:
        return self.session.add_action(
            draft.text, owner=draft.owner, due_on=draft.due_on, confidential=draft.confidential
        ).id

    def _captured(self, saved_id: Any) -> None:
        if saved_id:
            self.notify(_("Saved."), markup=False, timeout=CONFIRMATION_SECONDS)
            self.refresh_state()

    def action_business(self) -> None:
        """This meeting's agreements and actions: correct, delete, or read the history of one
        (`ui/business_edits.py`)."""
        BusinessEdits(self, self.session, self.forms, self.projecting, self.refresh_state).open()

    def action_add_attendee(self) -> None:
        organisations = [o.name for o in self.session.organisations()]

        def add(entry: str | None) -> None:
            if not entry:
                return
            if self._attempt(lambda: self.session.add_attendee(entry)):
                self.notify(_("Added {entry}.").format(entry=entry), markup=False, timeout=CONFIRMATION_SECONDS)
                self.refresh_state()

        self.app.push_screen(
            LineDialog(
                _("Who has arrived?"),
                placeholder=_("name, organisation (either may be left out)"),
                hint=_("e.g. 'Dana, school board' or 'settlement worker, OCISO'"),
                suggester=OrganisationSuggester(organisations),
            ),
            add,
        )

    def _choose_attendee(self, title: str, then: Callable[[Person], None]) -> None:
        """Ask who, from the people recorded at this meeting (typed as the list shows them, any
        case); a name nobody here goes by is said so in the dialog, the typing kept. Never on the
        wall, whose room may not read names."""
        if self.projecting:
            self.notify(_("Attendees are not shown in projection mode; press p first."), markup=False)
            return
        here = {person.label.casefold(): person for person in self.attendees}
        here.update({(person.name or "").casefold(): person for person in self.attendees if person.name})
        if not self.attendees:
            self.notify(_("Nobody is recorded at this meeting yet."), markup=False)
            return

        def who(entry: str) -> Person | None:
            return here.get(" ".join(entry.split()).casefold())

        self.app.push_screen(
            LineDialog(
                title,
                placeholder=_("name, organisation (as the list shows them)"),
                hint=_("Tab takes the suggestion · Enter goes on · Escape cancels"),
                suggester=SuggestFromList([person.label for person in self.attendees], case_sensitive=False),
                check=lambda entry: None if who(entry) else
                _("Nobody at this meeting goes by that; type them as the list shows them."),
            ),
            lambda entry: then(person) if entry and (person := who(entry)) else None,
        )

    def action_remove_attendee(self) -> None:
        """-: take someone recorded by mistake off the list (ctrl+z brings them back)."""

        def remove(person: Person) -> None:
            if self._attempt(lambda: self.session.remove_attendee(person.label)):
                self.notify(_("Removed {person} from this meeting (ctrl+z undoes).").format(person=person.label),
                            markup=False,
                            timeout=CONFIRMATION_SECONDS)
                self.refresh_state()

        self._choose_attendee(_("Who is to come off the list?"), remove)

    def action_correct_attendee(self) -> None:
        """=: correct someone's name or organisation, typed wrong at the door (ctrl+z puts it back)."""
        organisations = [o.name for o in self.session.organisations()]

        def correct(person: Person) -> None:
            def save(entry: str | None) -> None:
                if entry and self._attempt(lambda: self.session.correct_attendee(person.id, entry)):
                    self.notify(_("Corrected (ctrl+z undoes)."), markup=False, timeout=CONFIRMATION_SECONDS)
                    self.refresh_state()

            self.app.push_screen(
                LineDialog(
                    _("As it should be:"),
                    value=person.label,
                    placeholder=_("name, organisation (either may be left out)"),
                    hint=_("For every meeting of the partnership · Enter saves · Escape cancels"),
                    suggester=OrganisationSuggester(organisations),
                ),
                save,
            )

        self._choose_attendee(_("Whose name or organisation is wrong?"), correct)

    # -- the boards: the keys live here (the help and the palette list a screen's keys) ---------------

    def action_jargon(self) -> None:
        self.boards.capture_jargon()

    def action_elephant(self) -> None:
        self.boards.raise_elephant()

    def action_turning_point(self) -> None:
        """One key, no dialog: the moment is stamped and the facilitator keeps listening."""
        self.boards.mark_turning_point()

    def action_glossary(self) -> None:
        self.boards.show_full("glossary")

    def action_parking_lot(self) -> None:
        self.boards.show_full("parking_lot")

    def action_timeline(self) -> None:
        self.boards.show_full("timeline")

    def on_jargon_board_term_chosen(self, message: JargonBoard.TermChosen) -> None:
        self.boards.open_term(message.term_id)

    def on_parking_lot_board_elephant_chosen(self, message: ParkingLotBoard.ElephantChosen) -> None:
        self.boards.open_elephant(message.elephant_id)

    def on_jargon_board_hide_toggled(self, message: JargonBoard.HideToggled) -> None:
        self.boards.toggle_term_hidden(message.term_id)

    def on_parking_lot_board_hide_toggled(self, message: ParkingLotBoard.HideToggled) -> None:
        self.boards.toggle_elephant_hidden(message.elephant_id)

    # -- the room's view -----------------------------------------------------------------------

    def action_projection(self) -> None:
        projecting = not self.projecting
        if projecting and self.query_one(NotesEditor).display:
            self._notes_closed()
        self._attempt(lambda: self.session.set_projecting(projecting))
        self._project(projecting)

    def _project(self, projecting: bool) -> None:
        """Show the room's view, or the facilitator's, as the session now says."""
        if projecting:
            self.app.clear_notifications()  # a toast from a moment ago may name something confidential
        self.set_class(projecting, "-projection")
        self.app.set_projection(projecting)  # type: ignore[attr-defined]
        self.refresh_state()
        self.boards.reload()
        if projecting:  # the room sees the most-raised terms, not wherever the facilitator scrolled
            board = self.query_one(JargonBoard)
            board.highlighted = None
            board.scroll_home(animate=False)

    def action_blank(self) -> None:
        """`b`: the wall goes blank. Projecting, the console itself goes black until any key;
        with a wall on the projector, `b` again brings the meeting back to it."""
        if self.projecting:
            self._show_on_wall(WallFace.BLANK)
            self.post_message(BlankRequested())  # back to the meeting when this screen resumes
            return
        face = WallFace.MEETING if self.session.meeting.wall is WallFace.BLANK else WallFace.BLANK
        if self._show_on_wall(face):
            blank = face is WallFace.BLANK
            words = _("The wall is blank: b brings the meeting back.") if blank else _("The wall shows the meeting again.")
            self.notify(words, markup=False, timeout=CONFIRMATION_SECONDS)

    def _show_on_wall(self, face: WallFace) -> bool:
        """Tell every `meetingkit wall` on the file what to show; False if the file refused."""
        shown = self._attempt(lambda: self.session.set_wall(face))
        self._show_title()
        return shown

    def on_screen_resume(self) -> None:
        # Back from the invite, or from the console's own blank screen: the wall shows the
        # meeting again. A blank chosen with the console private stays until `b` again.
        face = self.session.meeting.wall
        if face is WallFace.JOIN_CODE or (face is WallFace.BLANK and self.projecting):
            self._show_on_wall(WallFace.MEETING)

    def action_invite(self) -> None:
        """Show the meeting's join code big, for people joining from a browser (`meetingkit serve`)."""
        def show(new: bool) -> None:
            try:
                code = self.session.join_code(new=new)
            except StoreError as problem:
                self.notify(str(problem), title=_("No join code"), severity="error", markup=False)
                return
            if new:
                self.notify(_("A new join code: the old one no longer lets anyone in."), markup=False,
                            timeout=CONFIRMATION_SECONDS * 2)
            self._show_on_wall(WallFace.JOIN_CODE)  # the wall shows how to join while the invite is up
            self.app.push_screen(InviteScreen(code, room_addresses(self.session.path)),
                                 lambda answer: show(True) if answer == "new" else None)

        show(False)

    # -- ending and leaving ------------------------------------------------------------------------

    def action_end_meeting(self) -> None:
        self._save_notes()

        def answered(end: bool | None) -> None:
            if end:
                if self._attempt(self.session.end):
                    self._show_summary()

        self.app.push_screen(
            ConfirmDialog(
                _("End the meeting?"),
                _("Every section's time is saved and the summary is shown. An ended meeting cannot be resumed."),
                yes=_("End meeting"),
                no=_("Keep going"),
                default_no=True,
            ),
            answered,
        )

    def _show_summary(self) -> None:
        # The meeting may have been ended elsewhere while a dialog was open here: close the
        # dialogs first, so the summary replaces this runner rather than a dialog above it.
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        # Projection stays on: the summary then leaves out what is confidential.
        self.post_message(MeetingEnded(self.meeting_id, Audience.console(projecting=self.projecting)))

    def action_leave(self) -> None:
        self._save_notes()

        def answered(leave: bool | None) -> None:
            if leave:
                self._attempt(self.session.pause_for_leaving)  # a lunch break should not count as overrun
                self.app.exit(0)

        self.app.push_screen(
            ConfirmDialog(
                _("Quit meetingkit?"),
                _("The meeting stays in progress with everything saved, and this section's timer is paused. "
                  "Resume it from the home screen or with `meetingkit resume`; space restarts the timer."),
                yes=_("Quit"),
                no=_("Stay"),
            ),
            answered,
        )
