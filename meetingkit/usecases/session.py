"""One meeting in progress as the facilitator runs it, with no Textual: what the runner holds.

The console's runner screen and its boards never take the whole store: they hold a
`MeetingSession`, which knows one meeting and offers what running it needs (where the
meeting stands and the section's clock, moving through the agenda, pausing, projecting,
last time's open items, every capture, the boards, ending) and nothing more. It is the
facilitator's counterpart of the participant app's `RoomSession`: a narrow seam, testable
on a real file with a frozen clock and no screen at all.

Captures and ending go through the use cases (`usecases.capture`, `usecases.meetings`), so
the console does exactly what the CLI does, each in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from meetingkit.core import steering
from meetingkit.core.agendas import MAX_SECTION_MINUTES
from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.clock import format_minutes, local
from meetingkit.core.i18n import _, ngettext
from meetingkit.core.models import (
    ANONYMOUS,
    Action,
    ActionStatus,
    Agreement,
    BoardTerm,
    Change,
    ChangedTable,
    ChangeKind,
    Elephant,
    ElephantStatus,
    Meeting,
    MeetingStatus,
    Note,
    OpenElephant,
    Organisation,
    Person,
    RoundOutcome,
    SectionRun,
    Speaker,
    TurningPoint,
    TurningPointKind,
    WallFace,
)
from meetingkit.core.presence import live_walls
from meetingkit.core.timing import live_over
from meetingkit.store import Store
from meetingkit.store.participants import Moderated
from meetingkit.usecases import capture, register
from meetingkit.usecases.meetings import add_arrival, end_meeting


@dataclass(frozen=True)
class SectionClock:
    """The current section's timer as it stands now, computed from the stored timestamps."""

    remaining: float
    """Seconds left of the planned time; negative once over time."""
    paused: bool

    @property
    def over_time(self) -> bool:
        """Over its time, as every screen and document says it (`core.timing`: a whole second beyond)."""
        return live_over(self.remaining)

    @property
    def nearly_up(self) -> bool:
        """The last two minutes, until over time: "2 minutes left" on the console and the wall."""
        return not self.over_time and self.remaining <= steering.WARNING_SECONDS


@dataclass(frozen=True)
class CarryOver:
    """What earlier meetings left open, for the review section."""

    actions: list[Action]
    elephants: list[OpenElephant]
    hidden: frozenset[str] = frozenset()
    """The elephants the facilitator hid from the room (`core.lines` leaves them off the room's list)."""
    agreements: list[Agreement] = field(default_factory=list)
    """The partnership's standing agreements whose review day has come, the longest due first."""


class MeetingSession:
    """The facilitator's connection to one meeting: what the runner screen and its boards call."""

    def __init__(self, store: Store, meeting_id: str) -> None:
        self._store = store
        self.meeting_id = meeting_id
        self.meeting: Meeting = store.meetings.get(meeting_id)
        """The meeting as last read (`reload`)."""
        self.runs: list[SectionRun] = []
        """Its sections, in agenda order, as last read."""
        self.attendees: list[Person] = []
        """Who is here, as last read."""
        self.projecting = self.meeting.projecting
        """Whether the room is looking at the console (kept in the file, so a crash resumes projecting)."""

    # -- where the meeting stands -------------------------------------------------------------

    @property
    def partnership_id(self) -> str:
        return self.meeting.partnership_id

    @property
    def path(self) -> Path:
        """The database file (where `meetingkit serve` for this meeting reads)."""
        return self._store.path

    @property
    def ended(self) -> bool:
        return self.meeting.status is MeetingStatus.ENDED

    def reload(self) -> Meeting:
        """Read the meeting again (another process may have moved it on, or ended it)."""
        self.meeting = self._store.meetings.get(self.meeting_id)
        if not self.ended:
            self.runs = self._store.meetings.section_runs(self.meeting_id)
            self.attendees = self._store.meetings.attendees(self.meeting_id)
        return self.meeting

    @property
    def current(self) -> SectionRun | None:
        """The section the meeting is in."""
        position = self.meeting.current_position
        return self.runs[position] if 0 <= position < len(self.runs) else None

    @property
    def in_last_section(self) -> bool:
        return self.meeting.current_position >= len(self.runs) - 1

    def now(self) -> datetime:
        return self._store.clock.now()

    def today(self) -> date:
        """Today where the facilitator is: what typed dates ("next friday") count from."""
        return local(self.now()).date()

    def section_clock(self) -> SectionClock | None:
        """The current section's timer now; None when the agenda has no sections."""
        run = self.current
        if run is None:
            return None
        return SectionClock(steering.section_left(run, self.now()), run.paused_at is not None)

    # -- moving through the agenda --------------------------------------------------------------

    def go_to(self, position: int) -> None:
        """Leave the current section (its time is kept) and start the one at `position`.

        A section skipped earlier (`s`, or dropped by a re-plan) is taken up again: it is no
        longer skipped, and its history says so."""
        with self._store.db.transaction():
            target = self._store.meetings.section_runs(self.meeting_id)
            if 0 <= position < len(target) and target[position].skipped:
                self._steer(position, ChangeKind.ADJUSTED, "taken up again after being skipped", skipped=False)
            self._store.meetings.go_to_section(self.meeting_id, position)
        self.reload()

    @property
    def next_position(self) -> int | None:
        """The next section `n` goes to: the next one after this that is not skipped (None: the end)."""
        current = self.meeting.current_position
        return next((run.position for run in self.runs if run.position > current and not run.skipped), None)

    # -- steering the time ---------------------------------------------------------------------

    def projection(self) -> steering.Projection | None:
        """When the meeting will finish at this pace, and how far behind or ahead of plan; None
        when the agenda has no sections."""
        if not self.runs:
            return None
        return steering.project(self.runs, self.meeting.current_position, self.now(), self.meeting.started_at)

    def _steer(self, position: int, kind: ChangeKind, note: str, *,
               adjusted_minutes: int | None = None, skipped: bool | None = None) -> SectionRun:
        """Inside a transaction: change a section's minutes or skipping, and keep the change with its time."""
        before = self._store.meetings.steer_section(
            self.meeting_id, position, adjusted_minutes=adjusted_minutes, skipped=skipped
        )
        fields: list[tuple[str, object, object]] = []
        if adjusted_minutes is not None and adjusted_minutes != before.allowed_minutes:
            fields.append(("adjusted_minutes", before.adjusted_minutes, adjusted_minutes))
        if skipped is not None and skipped != before.skipped:
            fields.append(("skipped", int(before.skipped), int(skipped)))
        self._store.changes.record(
            ChangedTable.SECTION_RUNS, before.id, kind, partnership_id=self.partnership_id,
            meeting_id=self.meeting_id, fields=fields, note=note,
        )
        return before

    def adjust_current(self, minutes: int) -> int:
        """Give the current section `minutes` more (or take them, when negative); returns the
        minutes it now has.

        Raises:
            ValueError: taking would leave less than a minute, or less than the section has
                already run (it is left as it was); the section was skipped (the last one, which
                has nowhere to move on to); or there is no section.
        """
        with self._store.db.transaction():
            self.reload()
            run = self.current
            if run is None:
                raise ValueError(_("This agenda has no sections to give time to."))
            if run.skipped:
                # Translators: G and > are keys.
                raise ValueError(_("{title} was skipped: G takes it up again, then > gives it more time.").format(
                    title=run.title))
            smallest = steering.smallest_minutes(run, self.now())
            wanted = run.allowed_minutes + minutes
            if minutes < 0 and wanted < smallest:
                # Translators: {run} is a duration ("12 min").
                raise ValueError(_("{title} has {minutes} min and has run {run}: it cannot be given less.").format(
                    title=run.title, minutes=run.allowed_minutes, run=format_minutes(run.elapsed_seconds(self.now()))))
            if wanted > MAX_SECTION_MINUTES:
                raise ValueError(_("A section has at most {minutes} min.").format(minutes=MAX_SECTION_MINUTES))
            sign = "+" if minutes > 0 else "−"
            self._steer(run.position, ChangeKind.ADJUSTED, f"{sign}{abs(minutes)} min, now {wanted} min",
                        adjusted_minutes=wanted)
        self.reload()
        return wanted

    def skip_current(self) -> SectionRun:
        """Skip the current section, with the time it had, and move on to the next one not skipped
        (in the last section, only mark it). Returns the section skipped as it stood."""
        with self._store.db.transaction():
            self.reload()
            run = self.current
            if run is None:
                raise ValueError(_("This agenda has no sections to skip."))
            left = max(0.0, steering.section_left(run, self.now()))
            before = self._steer(
                run.position, ChangeKind.SKIPPED,
                f"skipped with {run.allowed_minutes} min, {format_minutes(left)} of it left", skipped=True,
            )
            self.reload()
            following = self.next_position
            if following is not None:
                self._store.meetings.go_to_section(self.meeting_id, following)
            elif run.is_running:
                self._store.meetings.toggle_pause(self.meeting_id)  # the last section: its clock stops
        self.reload()
        return before

    def replan(self, choice: steering.Replan, *, drop: int | None = None) -> str:
        """Re-plan the sections still to run, and keep the choice in the record; returns what was done, in words.

        Args:
            choice: shorten them evenly, drop one, or run over.
            drop: with `Replan.DROP`, the position of the section to drop.
        """
        with self._store.db.transaction():
            self.reload()
            projection = self.projection()
            run = self.current
            if projection is None or run is None:
                raise ValueError(_("This agenda has no sections to re-plan."))
            ahead = steering.still_to_run(self.runs, run.position)
            behind = steering.plan_words(projection)
            if choice is steering.Replan.SHORTEN:
                cut = steering.cut_needed(projection)
                if not cut:
                    raise ValueError(_("The meeting is on plan or ahead of it: there is nothing to shorten."))
                shortened = steering.shorten_evenly([r.allowed_minutes for r in ahead], cut)
                changed = [(r, m) for r, m in zip(ahead, shortened, strict=True) if m != r.allowed_minutes]
                if not changed:
                    raise ValueError(_("Nothing left to shorten: every section still to run has a minute."))
                taken = sum(r.allowed_minutes - m for r, m in changed)
                for section, minutes in changed:
                    self._steer(section.position, ChangeKind.REPLANNED,
                                f"shortened evenly ({behind}): {taken} min taken from {len(changed)} sections",
                                adjusted_minutes=minutes)
                # English says "sections" even for one, as it always has; French chooses its own form.
                done = ngettext("Shortened {count} sections by {minutes} min in all.",
                                "Shortened {count} sections by {minutes} min in all.",
                                len(changed)).format(count=len(changed), minutes=taken)
            elif choice is steering.Replan.DROP:
                dropped = next((r for r in ahead if r.position == drop), None)
                if dropped is None:
                    raise ValueError(_("Choose a section still to run to drop."))
                self._steer(dropped.position, ChangeKind.REPLANNED,
                            f"dropped ({behind}), with {dropped.allowed_minutes} min", skipped=True)
                done = _("Dropped {title}.").format(title=dropped.title)
            else:
                self._steer(run.position, ChangeKind.REPLANNED, f"running over ({behind})")
                # Translators: {plan} is "6 min behind plan".
                done = _("Running over: {plan}.").format(plan=behind)
        self.reload()
        return done

    def toggle_pause(self) -> bool:
        """Pause the section's timer, or restart it; returns whether it is now paused."""
        paused = self._store.meetings.toggle_pause(self.meeting_id)
        self.reload()
        return paused

    def pause_for_leaving(self) -> None:
        """The facilitator quits with the meeting open: a lunch break should not count as overrun."""
        run = self.current
        if run is not None and run.is_running:
            self.toggle_pause()

    def set_projecting(self, projecting: bool) -> None:
        """The room sees the console (or stops seeing it).

        The view changes even if the file cannot say so (busy, read-only): the wall must never
        show the facilitator's view because a write failed. The error still reaches the caller.
        """
        self.projecting = projecting
        self._store.meetings.set_projecting(self.meeting_id, projecting)

    def set_wall(self, face: WallFace) -> None:
        """What `meetingkit wall` shows: the meeting, nothing (`b`), or how to join (`i`)."""
        self._store.meetings.set_wall(self.meeting_id, face)
        self.meeting = replace(self.meeting, wall=WallFace(face))

    def walls_live(self) -> int:
        """How many `meetingkit wall`s on this computer show this meeting's file now (their heartbeats)."""
        return live_walls(self.path)

    # -- notes and rounds ---------------------------------------------------------------------------

    def save_notes(self, run_id: str, text: str, *, based_on: str) -> str:
        """Save a section's notes, a note a line; returns them as stored (with a scribe's lines added meanwhile)."""
        return self._store.notes.save_editor(run_id, text, based_on=based_on)

    def toggle_note_confidential(self, run_id: str, line: int) -> Note | None:
        """Mark the note on a line of the notes editor confidential, or open again (see `Notes.toggle_confidential_at`)."""
        return self._store.notes.toggle_confidential_at(run_id, line)

    def round_turns(self, run_id: str) -> dict[str, RoundOutcome]:
        return self._store.meetings.round_turns(run_id)

    def mark_turn(self, run_id: str, person_id: str, outcome: RoundOutcome | None) -> None:
        """Who spoke or passed in a round (None clears it)."""
        self._store.meetings.set_round_turn(run_id, person_id, outcome)

    def add_attendee(self, entry: str) -> Person:
        """Someone arrived: "name, organisation", either may be left out."""
        person = add_arrival(self._store, self.meeting_id, entry)
        self.reload()
        return person

    def remove_attendee(self, entry: str) -> Person:
        """Someone recorded at the door by mistake is taken off the list (ctrl+z brings them back)."""
        person = capture.remove_attendee(self._store, self.meeting_id, entry)
        self.reload()
        return person

    def correct_attendee(self, person_id: str, entry: str) -> Person:
        """Someone's name or organisation was typed wrong at the door (ctrl+z puts it back)."""
        person = capture.correct_attendee(self._store, self.meeting_id, person_id, entry)
        self.reload()
        return person

    # -- last time's open items (the review section) --------------------------------------------------

    def carry_over(self) -> CarryOver:
        """Actions and elephants still open from earlier meetings, with those hidden from the room
        marked (who may see which is the audience policy's to decide, not the session's)."""
        actions = self._store.business.open_actions_from_before(self.meeting_id)
        elephants = self._store.boards.open_elephants(self.meeting_id)
        agreements = self._store.business.agreements_due(self.meeting.partnership_id, self.today())
        return CarryOver(actions, elephants, frozenset(self.moderated().elephants), agreements)

    def carry_action(self, action_id: str) -> None:
        """An earlier action goes on: it becomes one of this meeting's."""
        self._store.business.carry_action(action_id, self.meeting_id)

    def close_action(self, action_id: str, status: ActionStatus) -> None:
        """An earlier action is done, or dropped, as of this meeting."""
        register.close_action(self._store, action_id, status, meeting_id=self.meeting_id)

    def agreement(self, agreement_id: str) -> Agreement:
        """One agreement as it stands (for its wording to be revised)."""
        return self._store.business.agreement(agreement_id)

    def review_agreement(self, agreement_id: str, review_on: date | None, note: str = "") -> None:
        """An agreement confirmed as it stands in this meeting, with its next review day."""
        register.review_agreement(self._store, agreement_id, review_on, meeting_id=self.meeting_id, note=note)

    def revise_agreement(self, agreement_id: str, text: str) -> Agreement:
        """An agreement given new wording in this meeting (the old wording stays, marked revised)."""
        return register.revise_agreement(self._store, agreement_id, text, meeting_id=self.meeting_id)

    def retire_agreement(self, agreement_id: str, note: str = "") -> None:
        """An agreement that no longer stands, retired in this meeting (`note`: why)."""
        register.retire_agreement(self._store, agreement_id, meeting_id=self.meeting_id, note=note)

    # -- corrections of this meeting's agreements and actions (issue 16) ------------------

    def edit_action(self, action_id: str, edit: register.ActionEdit) -> bool:
        """Correct an action in this meeting (its history says so); an owner typed is read as `a` reads it."""
        return register.edit_action(self._store, action_id, edit, meeting_id=self.meeting_id)

    def edit_agreement(self, agreement_id: str, text: str, review_on: date | None) -> bool:
        """Correct a standing agreement's words (a typo) or review day in this meeting."""
        return register.edit_agreement(self._store, agreement_id, text=text, review_on=review_on,
                                       meeting_id=self.meeting_id)

    def delete_action(self, action_id: str) -> None:
        """Delete an action for good in this meeting; its history keeps what it said."""
        register.delete_action(self._store, action_id, meeting_id=self.meeting_id)

    def delete_agreement(self, agreement_id: str) -> None:
        """Delete an agreement (and who was party to it) for good in this meeting."""
        register.delete_agreement(self._store, agreement_id, meeting_id=self.meeting_id)

    def history(self, table: ChangedTable, row_id: str) -> tuple[list[Change], dict[str, str]]:
        """An agreement's or action's history, oldest first, with how the owners it names are shown."""
        changes = register.history(self._store, table, row_id)
        return changes, self._store.business.history_names(changes)

    def move_elephant(self, elephant_id: str, status: ElephantStatus, note: str = "") -> None:
        """An elephant is discussed, addressed, let go, or parked again, in this meeting (`capture.move_elephant`:
        the same rules as `meetingkit elephant`)."""
        capture.move_elephant(self._store, self.meeting_id, elephant_id, status, note)

    def correct_elephant_note(self, elephant_id: str, note: str) -> None:
        """The note of where an elephant stands, corrected in this meeting, without moving it."""
        self._store.boards.correct_elephant_note(elephant_id, note, meeting_id=self.meeting_id)

    # -- captures: each one use case, one transaction ----------------------------------------------------

    def name_jargon(self, text: str, *, speaker: Speaker = ANONYMOUS, confidential: bool = False) -> BoardTerm:
        """Put a term on the board, or count it again; returns it as the board now shows it."""
        term_id, _ = capture.name_jargon(self._store, self.meeting_id, text, speaker=speaker, confidential=confidential)
        return self.board_term(term_id)

    def raise_elephant(self, text: str, *, speaker: Speaker = ANONYMOUS, confidential: bool = False) -> str:
        """Name an elephant (parked until the group decides); returns its id."""
        return capture.raise_elephant(self._store, self.meeting_id, text, speaker=speaker, confidential=confidential)

    def mark_turning_point(self) -> TurningPoint:
        """Stamp the moment in the current section; the detail comes later."""
        point_id = capture.mark_turning_point(self._store, self.meeting_id)
        return next(point for point in self.turning_points() if point.id == point_id)

    def add_agreement(
        self,
        text: str,
        *,
        parties: Sequence[str] = (),
        review_on: date | None = None,
        confidential: bool = False,
        led_from: str | None = None,
    ) -> Agreement:
        """A shared understanding, the organisations party to it, and when to look at it again.

        Args:
            led_from: The turning point it came out of, linked to it in the same transaction.
        """
        with self._store.db.transaction():
            agreement = capture.add_agreement(
                self._store, self.meeting_id, text, parties=parties, review_on=review_on, confidential=confidential
            )
            if led_from is not None:
                self._store.boards.link_turning_point(led_from, agreement.id)
            return agreement

    def add_action(
        self, text: str, *, owner: str = "", due_on: date | None = None, confidential: bool = False
    ) -> Action:
        """An action, its owner as typed (an attendee, an organisation, or someone new) and its due date."""
        return capture.add_action(
            self._store, self.meeting_id, text, owner=owner, due_on=due_on, confidential=confidential
        )

    def owners(self) -> list[str]:
        """Who an action could be given to, for suggestions, once each, in the order a suggestion
        picks them: the people in the room, then the partnership's other people, then organisations.

        While the room is watching, organisations only: a suggestion is on the wall as soon as a
        letter is typed, and who is here is not the room's to read (nor is a confidential organisation).
        """
        owners: list[str] = []
        if shows(Kind.ATTENDEE, Audience.console(projecting=self.projecting)):
            owners += [person.label for person in self.attendees]
            owners += [person.name for person in self.attendees if person.name]
            others = [p for p in self._store.partnerships.people(self.partnership_id) if p.name]
            owners += [person.label for person in others]
        owners += [organisation.name for organisation in self.organisations()]
        return list(dict.fromkeys(owners))

    # -- the boards ------------------------------------------------------------------------------------------

    def organisations(self) -> list[Organisation]:
        """The organisations to offer on screen. While the room is watching, only those named
        somewhere openly: one known only from confidential items is itself confidential."""
        return self._store.partnerships.organisations(self.partnership_id, include_confidential=not self.projecting)

    def board_terms(self) -> list[BoardTerm]:
        """The board as the runner draws it (without the partnership-wide totals its lines never show)."""
        return self._store.jargon.meeting_board(self.meeting_id)

    def board_term(self, term_id: str) -> BoardTerm:
        return self._store.jargon.board_term(term_id, self.meeting_id)

    def elephants(self) -> list[Elephant]:
        """The elephants on this meeting's parking lot."""
        return self._store.boards.meeting_elephants(self.meeting_id)

    def elephant(self, elephant_id: str) -> Elephant:
        return self._store.boards.elephant(elephant_id)

    def turning_points(self) -> list[TurningPoint]:
        return self._store.boards.turning_points(self.meeting_id)

    def agreements(self) -> list[Agreement]:
        return self._store.business.agreements(self.meeting_id)

    def actions(self) -> list[Action]:
        return self._store.business.actions(self.meeting_id)

    def explain_term(
        self,
        term_id: str,
        *,
        meaning: str = "",
        organisation_id: str | None = None,
        expansion: str | None = None,
        plain_words: str | None = None,
        same_as: str = "",
        unexplained: bool | None = None,
    ) -> None:
        """What the group said a term means, stands for, or is the same as, in this meeting."""
        self._store.jargon.edit_term(
            term_id,
            meaning=meaning,
            meaning_organisation_id=organisation_id,
            meeting_id=self.meeting_id,
            expansion=expansion,
            plain_words=plain_words,
            same_as=same_as,
            unexplained=unexplained,
        )

    def describe_turning_point(
        self,
        point_id: str,
        *,
        kind: TurningPointKind | None = None,
        note: str = "",
        opened_up: str = "",
        confidential: bool = False,
        agreement_id: str | None = None,
    ) -> None:
        """The detail of a moment, added after it, and the agreement it led to if there is one."""
        with self._store.db.transaction():
            self._store.boards.describe_turning_point(
                point_id, kind=kind, note=note, opened_up=opened_up, confidential=confidential
            )
            if agreement_id:
                self._store.boards.link_turning_point(point_id, agreement_id)

    # -- the room ---------------------------------------------------------------------------------------------

    def moderated(self) -> Moderated:
        """What the facilitator has hidden from the room."""
        return self._store.room.moderated(self.meeting_id)

    def set_term_hidden(self, term_id: str, hidden: bool) -> None:
        self._store.room.set_term_hidden(self.meeting_id, term_id, hidden)

    def set_elephant_hidden(self, elephant_id: str, hidden: bool) -> None:
        self._store.room.set_elephant_hidden(elephant_id, hidden)

    def join_code(self, *, new: bool = False) -> str:
        """The code participants type to join this meeting; `new` replaces it (the old one stops working)."""
        return self._store.room.join_code(self.meeting_id, new=new)

    # -- ending --------------------------------------------------------------------------------------------------

    def end(self) -> None:
        """Close the meeting and keep its summary with it, in one transaction (the summary screen reads it)."""
        end_meeting(self._store, self.meeting_id)
        self.reload()
