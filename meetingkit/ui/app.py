"""The application shell: global keys, the home screen, and watching the database.

Kept thin on purpose: screens do the work, the app only wires them together.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.audience import Audience
from meetingkit.core.clock import describe_time
from meetingkit.core.i18n import N_, Language, _, language, ngettext, set_language
from meetingkit.core.settings import save_language, settings_path
from meetingkit.localised import Localised, localise_bindings, written_description
from meetingkit.store import Store
from meetingkit.store.errors import StoreError
from meetingkit.ui.crash import CalmApp
from meetingkit.ui.messages import DatabaseChanged, Navigate
from meetingkit.ui.navigation import Navigator
from meetingkit.ui.palette import BilingualCommands
from meetingkit.ui.screens.home import HomeScreen
from meetingkit.ui.textual_words import palette_placeholder, textual_words
from meetingkit.ui.theme import PROJECTOR_THEME, ROOM_THEME


def navigation_keys() -> list[tuple[str, str]]:
    """The generic keys `?` sums up after the screen's own, in the interface's language."""
    return [
        ("tab / shift+tab", _("move between panels and fields")),
        ("↑ ↓ enter", _("choose in a list")),
        ("escape", _("close a dialog or the notes")),
    ]


WATCH_INTERVAL_SECONDS = 0.5
"""How often to ask SQLite whether another process committed; well inside the one-second promise."""


class MeetingkitApp(Localised, CalmApp[int]):
    """meetingkit's terminal interface; a crash is logged privately and told calmly (`CalmApp`)."""

    TITLE = "meetingkit"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {BilingualCommands}
    """Textual's system commands and our keys, shown translated and found in either language."""

    BINDINGS = [
        Binding("question_mark", "help", N_("Help"), id="help"),
        Binding("q", "quit", N_("Quit"), id="quit"),
        Binding("ctrl+z", "undo", N_("Undo"), id="undo", show=False,
                tooltip=N_("Undo the last correction or decision made in this console")),
    ]

    def __init__(
        self, store: Store, library: AgendaLibrary, *, open_meeting: str | None = None, ask_language: bool = False
    ) -> None:
        super().__init__()
        self.ask_language = ask_language
        """Whether to ask English or French first: no language was ever chosen."""
        self.store = store
        self.library = library
        self.open_meeting_id = open_meeting
        """A meeting to open straight away (`meetingkit resume`)."""
        self.navigator = Navigator(self, store, library)
        """Builds the screens that screens ask for: they never import each other."""
        self.register_theme(PROJECTOR_THEME)

    def on_mount(self) -> None:
        if self.ask_language:
            from meetingkit.ui.screens.language import LanguageScreen  # asked once, at first start

            self.push_screen(LanguageScreen(language()), self._language_chosen)
        else:
            self._open()

    def _language_chosen(self, chosen: Language | None) -> None:
        """Use and remember the language chosen at first start, then open as usual."""
        chosen = chosen or language()
        set_language(chosen)
        localise_bindings(self)
        try:
            save_language(chosen)
        except OSError as problem:
            self.notify(_("The language could not be saved in {file}: {reason}. It is used until you quit.").format(
                file=settings_path(), reason=problem.strerror or problem), severity="warning", markup=False)
        self._open()

    def _open(self) -> None:
        self.push_screen(HomeScreen(self.store, self.library))
        self.set_interval(WATCH_INTERVAL_SECONDS, self._watch_database)
        if self.open_meeting_id:
            self.navigator.open_meeting(self.open_meeting_id)
        elif not self.store.read_only:
            self._offer_resume()

    @on(Navigate)
    def _navigate(self, message: Navigate) -> None:
        self.navigator.go(message)

    def _offer_resume(self) -> None:
        """After a crash or a quit mid-meeting, offer to pick up exactly where it stopped."""
        running = self.store.meetings.running()
        if not running:
            return
        meeting = running[0]
        sections = meeting.sections
        started = describe_time(meeting.started_at)
        if 0 <= meeting.current_position < len(sections):
            detail = _("{title} ({partnership}) started at {started} and is at section {number} of {count}, "
                       "'{section}'.").format(
                title=meeting.title, partnership=meeting.partnership_name, started=started,
                number=meeting.current_position + 1, count=len(sections),
                section=sections[meeting.current_position].title)
        else:
            detail = _("{title} ({partnership}) started at {started} and is at its agenda.").format(
                title=meeting.title, partnership=meeting.partnership_name, started=started)
        if len(running) > 1:
            others = len(running) - 1
            detail += " " + ngettext("{count} other meeting(s) are in progress too; see the home screen.",
                                     "{count} other meeting(s) are in progress too; see the home screen.",
                                     others).format(count=others)

        from meetingkit.ui.dialogs.confirm import ConfirmDialog
        from meetingkit.ui.screens.blank import BlankScreen

        if meeting.projecting:
            # The room was watching when the app stopped: until the facilitator chooses, the
            # wall shows nothing, not the home screen's list of every partnership behind the offer.
            self.set_projection(True)
            self.push_screen(BlankScreen())

        def answered(resume: bool | None) -> None:
            if meeting.projecting:
                self.pop_screen()
                if not resume:
                    self.set_projection(False)
            if resume:
                self.navigator.open_meeting(meeting.id)

        self.push_screen(
            ConfirmDialog(_("A meeting is in progress. Resume it?"), detail, yes=_("Resume"), no=_("Not now")),
            answered,
        )

    def set_projection(self, on: bool) -> None:
        """Switch the whole app to the high-contrast projector theme, or back."""
        self.theme = PROJECTOR_THEME.name if on else ROOM_THEME

    def _watch_database(self) -> None:
        if self.store.changed_elsewhere():
            self._tell_screens()

    def _tell_screens(self) -> None:
        # Every screen on the stack, not only the top one: a change made while a
        # dialog is open must still be on the screen underneath when it closes.
        for screen in self.screen_stack:
            screen.post_message(DatabaseChanged())

    def action_undo(self) -> None:
        """ctrl+z: undo the last correction or decision made in this console (`usecases.undo`), and say
        what, in words the console's audience may read (the room's, while projecting)."""
        if isinstance(self.screen, ModalScreen):
            self.notify(_("Close the dialog first; then ctrl+z undoes the last change."), markup=False)
            return
        from meetingkit.usecases.undo import NothingToUndo, UndoRefused, undo_last

        try:
            undone = undo_last(self.store)
        except NothingToUndo as nothing:
            self.notify(str(nothing), markup=False)
            return
        except (UndoRefused, StoreError, KeyError, ValueError) as problem:
            self.notify(str(problem).strip("'\""), title=_("Not undone"), severity="warning", markup=False)
            return
        projecting = self.theme == PROJECTOR_THEME.name
        self.notify(undone.notice(Audience.console(projecting=projecting)), markup=False)
        self._tell_screens()  # this process's own write: the file watch only notices other processes'

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every key of the current screen, plus Textual's own commands,
        in the interface's language (`palette_commands` also gives each one's English)."""
        for _english, command in self.palette_commands(screen):
            yield command

    def palette_commands(self, screen: Screen) -> Iterable[tuple[str, SystemCommand]]:
        """Each command of the palette, with its title as written in English: the palette
        (`ui.palette`) finds a command by either.

        Textual's "Screenshot" is left out on purpose: it would write what may be a
        confidential screen to a file in whatever folder the app was started from.
        """
        words = textual_words()
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command.title, command._replace(
                    title=words.get(command.title, command.title), help=words.get(command.help, command.help))
        seen = set()
        for active in screen.active_bindings.values():
            binding, node = active.binding, active.node
            # A list's own cursor keys are not commands; of the app's own keys, only ctrl+z is one.
            if not (isinstance(node, Screen) or (isinstance(node, App) and binding.id == "undo")):
                continue
            if not binding.description or binding.action in seen or binding.action in ("help", "quit"):
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            yield written_description(node, binding), SystemCommand(
                binding.description,
                _("{description} (key: {key})").format(description=binding.tooltip or binding.description, key=key),
                partial(node.run_action, binding.action),
            )

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, its search field's placeholder in the interface's language."""
        # As Textual does (`CommandPalette.is_open`, whose type wants an `App[object]`).
        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(CommandPalette(placeholder=palette_placeholder(), id="--command-palette"))

    def action_help(self) -> None:
        """Show the keys that work on the current screen."""
        from meetingkit.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        keys = []
        seen = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            # The screen's and the app's keys, and those of our own widgets (a round's Enter / x);
            # not the generic cursor keys of Textual's lists, which navigation_keys() sums up.
            if isinstance(active.node, App):
                ours = binding.id is not None  # ours carry ids; Textual's defaults (ctrl+q, tab) do not
            else:
                ours = isinstance(active.node, Screen) or type(active.node).__module__.startswith("meetingkit.")
            if not ours or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append((self.get_key_display(binding), binding.description))
        keys += navigation_keys()
        self.push_screen(HelpScreen(keys))


def create_app(
    store: Store, library: AgendaLibrary, *, open_meeting: str | None = None, ask_language: bool = False
) -> MeetingkitApp:
    """Build the app around an open store and loaded agendas; the CLI and the tests both use this.

    `ask_language`: first ask English or French (the first start, when nothing chose one).
    """
    return MeetingkitApp(store, library, open_meeting=open_meeting, ask_language=ask_language)
