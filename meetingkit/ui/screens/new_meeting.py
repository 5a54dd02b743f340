"""Starting a meeting: partnership, meeting type and agenda, title, site, working language, who is here."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from meetingkit.core.agendas import AgendaLibrary, agenda_in
from meetingkit.core.i18n import LANGUAGE_NAMES, N_, _, language, ngettext
from meetingkit.core.localise import number_text
from meetingkit.core.models import WorkingLanguage, type_label
from meetingkit.core.text import TextTooLong, sanitise, split_attendee
from meetingkit.localised import Localised
from meetingkit.store import Store, StoreError
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.messages import MeetingStarted
from meetingkit.ui.suggesters import OrganisationSuggester
from meetingkit.ui.widgets.line_input import LineInput
from meetingkit.ui.widgets.quiet_footer import QuietFooter
from meetingkit.usecases.meetings import start_meeting


class AttendeeInput(LineInput):
    """The "name, organisation" field; a pasted list becomes one attendee per line."""

    class ListPasted(Message):
        """Several lines were pasted at once (from an email or a sign-in sheet)."""

        def __init__(self, lines: list[str]) -> None:
            super().__init__()
            self.lines = lines

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line for line in event.text.splitlines() if line.strip()]
        if len(lines) < 2:
            LineInput._on_paste(self, event)
            return
        event.stop()
        event.prevent_default()
        self.post_message(self.ListPasted(lines))


class AttendeeList(Localised, OptionList):
    """Who is here so far, each with the part their words landed in: `o` moves a lone text to
    the other part (a person's name, or an organisation), delete takes an entry out."""

    BINDINGS = [
        Binding("o", "other_part", N_("Name or organisation")),
        Binding("delete,backspace", "remove", N_("Remove")),
    ]

    class Changed(Message):
        """The facilitator changed entry `index`: `remove`d it, or moved it to the other part."""

        def __init__(self, index: int, *, remove: bool) -> None:
            super().__init__()
            self.index = index
            self.remove = remove

    def action_other_part(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Changed(self.highlighted, remove=False))

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Changed(self.highlighted, remove=True))


def attendee_label(name: str | None, organisation: str | None) -> Content:
    """An attendee as the form lists them, both parts always named, so a text that landed in the
    wrong one shows: "Dana  ·  school board", "Ottawa-Carleton DSB  ·  no organisation"."""
    return Content.assemble(
        (name, "") if name else (_("no name"), "dim italic"), ("  ·  ", "dim"),
        (organisation, "") if organisation else (_("no organisation"), "dim italic"),
    )


def agenda_choices(library: AgendaLibrary) -> list[tuple[str, str]]:
    """(label, agenda id) for every agenda, grouped by meeting type."""
    choices = []
    for meeting_type in library.meeting_types:
        for agenda in library.for_type(meeting_type):
            choices.append((
                # Translators: a meeting type and one of its agendas, with the minutes it plans, in a list.
                _("{meeting_type}: {agenda} ({minutes} min)").format(
                    meeting_type=type_label(meeting_type), agenda=agenda_in(agenda).name, minutes=agenda.total_minutes
                ),
                agenda.id,
            ))
    return choices


def language_choices() -> list[tuple[str, WorkingLanguage]]:
    """(label, language) for a meeting's working language: each language in its own words, then both."""
    return [
        (LANGUAGE_NAMES["en"], WorkingLanguage.EN),
        (LANGUAGE_NAMES["fr"], WorkingLanguage.FR),
        # Translators: a meeting's working language, when it works in both.
        (_("English and French"), WorkingLanguage.BOTH),
    ]


class NewMeetingScreen(Localised, Screen[None]):
    """A short form; the meeting starts on `ctrl+s` or the Start button."""

    BINDINGS = [
        Binding("ctrl+s", "start", N_("Start meeting"), priority=True),
        Binding("escape", "cancel", N_("Back")),
        # Not the app's quit: on a button or the agenda list, a stray q must not lose the form.
        Binding("q", "cancel", N_("Back"), show=False),
    ]

    def __init__(self, store: Store, library: AgendaLibrary, *, partnership: str = "") -> None:
        super().__init__()
        self.store = store
        self.library = library
        self.partnership_name = partnership
        self.attendees: list[tuple[str | None, str | None]] = []
        self.nobody_asked = False
        """The facilitator was told nobody is recorded; the next start goes ahead with nobody."""

    def compose(self) -> ComposeResult:
        partnerships = [p.name for p in self.store.partnerships.all()]
        choices = agenda_choices(self.library)
        with Horizontal(id="new-meeting"):
            with VerticalScroll(id="new-meeting-form", classes="panel"):
                yield Static(Content(_("Partnership (new or existing)")), classes="field-label")
                yield LineInput(
                    self.partnership_name,
                    placeholder=_("e.g. Newcomer Families Partnership"),
                    suggester=SuggestFromList(partnerships, case_sensitive=False),
                    id="partnership",
                )
                yield Static(Content(_("Meeting type and agenda")), classes="field-label")
                yield Select(
                    [(Content(label), value) for label, value in choices],
                    value=choices[0][1] if choices else Select.NULL,
                    allow_blank=not choices,
                    id="agenda",
                )
                yield Static(Content(_("Working language")), classes="field-label")
                yield Select(
                    [(Content(label), value) for label, value in language_choices()],
                    value=WorkingLanguage(language()), allow_blank=False, id="working-language",
                )
                yield Static(Content(_("Title (optional)")), classes="field-label")
                yield LineInput(placeholder=_("the agenda's name if left empty"), id="title")
                yield Static(Content(_("Site (optional)")), classes="field-label")
                yield LineInput(placeholder=_("e.g. Central Library, room 2"), id="site")
                yield Static("", id="form-message", classes="dialog-hint")
                yield Button(_("Start meeting (ctrl+s)"), id="start", variant="primary")
            with Vertical(id="new-meeting-people", classes="panel"):
                yield Static(
                    Content(_(
                        "Type each person as 'name, organisation' and press Enter. Either part may be left "
                        "out: 'settlement worker, OCISO' or just 'OCISO' is fine. Late arrivals can be added "
                        "during the meeting with +."
                    )),
                    classes="field-label",
                )
                yield AttendeeInput(placeholder=_("name, organisation"), id="attendee")
                yield AttendeeList(id="attendees", markup=False)
                yield Static(Content(_("In the list: o  name ↔ organisation · delete  remove")), classes="dialog-hint")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#new-meeting-form").border_title = _("New meeting")
        self.query_one("#new-meeting-people").border_title = _("Who is here")
        self.query_one("#partnership" if not self.partnership_name else "#agenda").focus()
        self._refresh_suggestions()

    def _known_names(self) -> dict[str, str]:
        """Every name (and alias, `OCSB`) of the partnership's organisations, in any case, with
        the name each is shown by (`Partnerships.known_names`)."""
        name = self.query_one("#partnership", Input).value.strip().casefold()
        known = next((p for p in self.store.partnerships.all() if p.name.casefold() == name), None)
        return self.store.partnerships.known_names(known.id) if known else {}

    def _known_organisations(self) -> list[str]:
        """The organisations of the partnership named so far, and of the people already added."""
        organisations = list(dict.fromkeys(self._known_names().values()))
        return organisations + [org for _, org in self.attendees if org]

    @on(Input.Changed, "#partnership")
    def _refresh_suggestions(self) -> None:
        """Offer the organisations this partnership already knows."""
        self.query_one("#attendee", Input).suggester = OrganisationSuggester(self._known_organisations())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "attendee":
            self.focus_next()
            return
        if not event.value.strip():
            if self.attendees:
                self._problem(_("Everyone is in? Press ctrl+s to start the meeting."))
            return
        if self._add_attendee(event.value):
            event.input.value = ""

    def _add_attendee(self, entry: str) -> bool:
        """Add one "name, organisation" line to the list; say why not if it cannot be read."""
        try:
            name, organisation = split_attendee(entry, self._known_organisations())
        except TextTooLong as error:
            self._problem(str(error))
            return False
        names = self._known_names()
        alone = (name or "").casefold() if organisation is None else ""
        if alone in names:
            name, organisation = None, names[alone]  # an alias typed alone: the organisation
        elif organisation is not None:
            organisation = names.get(organisation.casefold(), organisation)  # shown by its own name
        if name is None and organisation is None:
            return False
        self.attendees.append((name, organisation))
        self.query_one("#attendees", OptionList).add_option(Option(attendee_label(name, organisation)))
        self._problem("")
        self._refresh_suggestions()
        return True

    @on(AttendeeList.Changed)
    def _attendee_changed(self, message: AttendeeList.Changed) -> None:
        """An entry taken out, or its lone text moved to the other part (`AttendeeList`)."""
        listed = self.query_one("#attendees", OptionList)
        if not 0 <= message.index < len(self.attendees):
            return
        name, organisation = self.attendees[message.index]
        if message.remove:
            del self.attendees[message.index]
            listed.remove_option_at_index(message.index)
        elif name and organisation:
            self.notify(_("Both parts are given: delete it and type it again to change it."), markup=False)
            return
        else:
            self.attendees[message.index] = (organisation, name)  # the one text, in the other part
            listed.replace_option_prompt_at_index(message.index, attendee_label(organisation, name))
        self._refresh_suggestions()

    @on(AttendeeInput.ListPasted)
    def _pasted(self, message: AttendeeInput.ListPasted) -> None:
        added = sum(self._add_attendee(line) for line in message.lines)
        self.notify(
            ngettext("Added {count} person from the pasted list.", "Added {count} people from the pasted list.",
                     added).format(count=number_text(added)),
            markup=False,
        )

    def _working_language(self) -> WorkingLanguage:
        """The working language chosen (the interface's, unless changed)."""
        chosen = self.query_one("#working-language", Select).value
        return chosen if isinstance(chosen, WorkingLanguage) else WorkingLanguage(language())

    def _problem(self, text: str) -> None:
        message = self.query_one("#form-message", Static)
        message.update(Content(text))
        message.set_class(bool(text), "-error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def _holds_typing(self) -> bool:
        """Whether leaving now would lose something the facilitator typed."""
        typed = [self.query_one(f"#{field}", Input).value.strip() for field in ("title", "site", "attendee")]
        partnership = self.query_one("#partnership", Input).value.strip()
        return bool(self.attendees or any(typed) or partnership != self.partnership_name.strip())

    def action_cancel(self) -> None:
        """Back to where the form was opened from, asking first when that loses typing."""
        if not self._holds_typing():
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(_("Leave this new meeting?"), _("What you typed here will be lost."), yes=_("Leave"),
                          no=_("Stay"), default_no=True),
            answered,
        )

    def action_start(self) -> None:
        try:
            partnership_name = sanitise(self.query_one("#partnership", Input).value)
            title = sanitise(self.query_one("#title", Input).value)
            site = sanitise(self.query_one("#site", Input).value)
        except TextTooLong as error:
            self._problem(str(error))
            return
        if not partnership_name:
            self._problem(_("Which partnership is meeting? Type its name (a new one is fine)."))
            self.query_one("#partnership").focus()
            return
        agenda_id = self.query_one("#agenda", Select).value
        agenda = self.library.agendas.get(agenda_id) if isinstance(agenda_id, str) else None
        if agenda is None:
            self._problem(_("Choose an agenda."))
            return
        pending = self.query_one("#attendee", Input)
        if pending.value.strip() and self._add_attendee(pending.value):
            pending.value = ""
        if not self.attendees and not self.nobody_asked:
            # A reflex Enter on the button must not start a meeting nobody is recorded at, and what
            # the facilitator goes on typing must land in the form, not in the meeting.
            self.nobody_asked = True
            self._problem(_("Nobody is recorded as here yet. Add each person on the right, or press ctrl+s "
                            "again to start with nobody (people can be added during the meeting with +)."))
            pending.focus()
            return
        try:  # one transaction: a problem part-way leaves no half-made meeting behind
            meeting = start_meeting(
                self.store, partnership_name, agenda, title=title, site=site, attendees=self.attendees,
                language=self._working_language(),
            )
        except (StoreError, ValueError) as problem:
            self._problem(str(problem))
            return
        self.post_message(MeetingStarted(meeting.id))
