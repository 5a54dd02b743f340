"""Finding what a command is about from what the person typed: a meeting, a partnership, an agenda."""

from __future__ import annotations

from meetingkit.cli.errors import CommandError
from meetingkit.context import Context
from meetingkit.core.i18n import _, pgettext
from meetingkit.core.models import Agenda, Meeting, Partnership
from meetingkit.core.text import TextTooLong, sanitise
from meetingkit.store import Store


def pick_meeting(store: Store, reference: str | None) -> Meeting:
    """The meeting a command is about: the one named, or else the single one in progress."""
    if reference:
        try:
            return store.meetings.find(reference)
        except LookupError as error:
            raise CommandError(str(error)) from None
    running = store.meetings.running()
    if not running:
        raise CommandError(_("No meeting is in progress. Start one with `meetingkit start`, or name one with --meeting."))
    if len(running) > 1:
        listed = "; ".join(f"{m.id} ({m.title}, {m.partnership_name})" for m in running)
        raise CommandError(_("{count} meetings are in progress; say which with its id: {listed}").format(
            count=len(running), listed=listed))
    return running[0]


def name_key(typed: str) -> str:
    """What a typed name is compared by: cleaned as the store cleaned it when it was saved
    (`core.text.sanitise`: no control characters, tabs as spaces), then in any case. A name
    that held a control character is found again by typing it the same way."""
    try:
        return sanitise(typed).casefold()
    except TextTooLong:
        return typed.casefold()  # longer than any stored name: it matches none


def find_partnership(store: Store, name: str) -> Partnership | None:
    """The partnership called `name` (any case, cleaned as it was when saved), or None."""
    wanted = name_key(name)
    # The stored name is cleaned too: one written by another tool may hold a line break or a tab.
    return next((p for p in store.partnerships.all() if name_key(p.name) == wanted), None)


def partnership_named(store: Store, name: str) -> Partnership:
    """The partnership called `name` (any case), or one line naming the partnerships there are."""
    found = find_partnership(store, name)
    if found is not None:
        return found
    names = ", ".join(p.name for p in store.partnerships.all()) or _("none yet")
    raise CommandError(_("No partnership called {name!r}. Partnerships: {names}.").format(name=name[:80], names=names))


def choose_agenda(context: Context, meeting_type: str, agenda_name: str | None) -> Agenda:
    """The agenda named (by file name or name, any case), else the first for the meeting type."""
    library = context.load_agendas()
    if agenda_name:
        wanted = agenda_name.casefold()
        for agenda in library.agendas.values():
            if wanted in (agenda.id.casefold(), agenda.name.casefold()):
                return agenda
        names = ", ".join(sorted(library.agendas))
        raise CommandError(_("No agenda called {name!r}. Agendas: {names}.").format(name=agenda_name, names=names))
    matching = library.for_type(meeting_type)
    if not matching:
        types = ", ".join(library.meeting_types) or pgettext("meeting types", "none")
        raise CommandError(_("No agenda for meeting type {type!r}. Types: {types}.").format(
            type=meeting_type, types=types))
    return matching[0]
