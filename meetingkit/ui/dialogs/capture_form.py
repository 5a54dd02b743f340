"""The shared shape of the capture forms: type, check, hand the draft up, or say what is wrong.

A form saves nothing itself (dialogs never touch the store). When its fields pass its own
checks it posts `CaptureForm.Submitted` with the draft to the screen that opened it; that
screen saves it through a use case and answers `saved(result)` (the form closes) or
`refused(problem)`. A form never closes on a problem: the message appears under it and
everything typed stays, so a facilitator mid-sentence loses nothing.

While the room watches (the console projected, `ui/dialogs/room.py`), what is typed is on
the wall as it is typed. The fields that hold an item's own words (`WordsInput`: its text,
an action's owner, a term's meaning, a turning point's story) are masked, one dot a
character and no completion, as the audience policy (`core/audience.py`) says, asked as if
the item were saved now:

- once it is marked confidential (ctrl+o or the box), from the next key, before the first
  one when ctrl+o comes first; and from the start when the item already is confidential
  (a term, an elephant, a turning point opened again). Unticking the box does not bring
  the words back: a second ctrl+o may be a slip, and they were meant to be kept;
- an elephant's words, always (`PRESUMED_CONFIDENTIAL_WHILE_TYPED`): an elephant names
  what is hard to say, often someone's situation; the room hears it said, and reads it on
  the parking lot once it is saved, after the second look at identifying details has had
  its chance and the facilitator could still mark it confidential;
- everything else (a term, an agreement, an action, a meaning) is typed in sight of the
  room, which will read it on the wall once saved anyway, and often helps word it. A
  facilitator who knows an item is sensitive presses ctrl+o before typing.

A masked form says so under its heading, with why and how many words the field holds, so
the facilitator can keep their place; the words themselves are checked on the private
console afterwards. On the facilitator's own screen nothing is ever masked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.message_pump import MessagePump
from textual.suggester import SuggestionReady
from textual.widgets import Checkbox, Input, Select, Static

from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.dates import DateNotUnderstood, describe_date, parse_optional_date, second_look
from meetingkit.core.i18n import N_, _, ngettext
from meetingkit.core.text import identifying_details
from meetingkit.localised import Localised
from meetingkit.ui.dialogs.room import RoomDialog
from meetingkit.ui.widgets.line_input import LineInput


def confidential_label() -> str:
    """The confidential box of every form: the key first, so a narrow dialog cuts the explanation, never the key."""
    return _("Confidential (ctrl+o): never projected, left out of exports")


PRESUMED_CONFIDENTIAL_WHILE_TYPED = frozenset({Kind.ELEPHANT})
"""Kinds whose words the room does not read while they are typed, marked confidential or not."""


class IdentifyingDetails(ValueError):
    """Not a refusal: a gentle second look before something identifying is saved."""

    def __init__(self, details: list[str]) -> None:
        kinds = details[0] if details else ""
        for detail in details[1:]:
            # Translators: two kinds of identifying detail, "a phone number and an email address".
            kinds = _("{these} and {that}").format(these=kinds, that=detail)
        super().__init__(_(
            "This looks like it holds {kinds}. Mark it confidential (ctrl+o), edit it, "
            "or press Enter again to save it as it is."
        ).format(kinds=kinds))


class DateSecondLook(ValueError):
    """Not a refusal: a date that is probably a slip (in the past, or a year away), shown once."""

    def __init__(self, look: str) -> None:
        super().__init__(_("{look} Press Enter again to save it as it is.").format(look=look))


class FormCheckbox(Localised, Checkbox):
    """A checkbox inside a form: space ticks it, Enter saves the form (as the form says it will).

    Textual's Checkbox also toggles on Enter, which silently unticked "Confidential"
    for a facilitator who ticked it and then pressed Enter to save.
    """

    BINDINGS = [
        Binding("space", "toggle_button", N_("Tick"), show=False),
        Binding("enter", "screen.save", N_("Save"), show=False),
    ]


class FormSelect(Localised, Select[str]):
    """A list to choose from inside a form: ↓, ↑ or space opens it, Enter saves the form (as the
    form's keys line says), so a facilitator's Enter never reopens a list they had closed."""

    BINDINGS = [
        Binding("down,up,space", "show_overlay", N_("Show menu"), show=False),
        Binding("enter", "screen.save", N_("Save"), show=False),
    ]


def list_keys() -> str:
    """The keys line of a form with a list in it."""
    return _("Enter saves · Tab moves · ↓ opens a list · Escape cancels")


def words_typed(text: str) -> str:
    """How much a masked field holds, for the facilitator: "3 words typed"."""
    count = len(text.split())
    if not count:
        return _("nothing typed yet")
    return ngettext("{count} word typed", "{count} words typed", count).format(count=count)


class WordsInput(LineInput):
    """A field holding an item's own words, which can be masked for the room: dots, no completion."""

    def mask(self) -> None:
        """From now on every character is a dot, and nothing is completed after the cursor."""
        self.password = True
        self.suggester = None
        self._suggestion = ""  # a completion already shown would spell out what the dots hide

    async def _on_suggestion_ready(self, event: SuggestionReady) -> None:
        if self.password:  # one computed just before the mask must not land after it
            event.prevent_default()


class CaptureForm(Localised, RoomDialog[str | None]):
    """Base for a modal form that hands its checked draft to the screen that saves it, and
    closes with what that screen returns (usually the saved item's id)."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save")),
        Binding("ctrl+o", "toggle_confidential", N_("Confidential"), show=False),
    ]

    class Submitted(Message):
        """The fields passed the form's own checks: the screen that opened it saves the draft,
        then calls `form.saved(result)` or `form.refused(problem)`."""

        def __init__(self, form: CaptureForm, draft: Any) -> None:
            super().__init__()
            self.form = form
            self.draft = draft
            """What the form's `draft()` built: its own dataclass (`CaptureDraft`, `ActionDraft`, …)."""

        @property
        def control(self) -> CaptureForm:
            return self.form

    def __init__(
        self, today: date, *, kind: Kind, confidential: bool = False, projecting: bool | None = None
    ) -> None:
        """`kind`: what the form captures; `confidential`: the item already is (a form opened again);
        `projecting`: whether the room watches, when the opener knows (None asks the app)."""
        super().__init__(projecting=projecting)
        self.today = today
        self.kind = kind
        self.marked_confidential = confidential
        """Marked confidential at any time while the form was open (or before it): masks for good."""
        self.masked = False
        """The words are masked on screen (see the module's docstring)."""
        self.saved_by: MessagePump | None = None
        """Where `Submitted` goes. A modal screen's parent is the app, not the screen that opened
        it, so "up" has to be named: the opener sets it; otherwise the screen beneath this one."""
        self._looked_again_at = ""
        self._date_looked_at: tuple[str, str] | None = None
        self._confirming = False
        self._waiting = False
        """A draft is with the screen: a second Enter must not save it twice."""
        self._initial: dict[str | None, str] = {}

    @property
    def audience(self) -> Audience:
        """Who reads this form: the room while it is projected, else the facilitator."""
        return Audience.console(projecting=self.projecting)

    def heading(self, title: Content) -> ComposeResult:
        """The form's title, the line that says its words are masked (when they are), and its message."""
        yield Static(title, classes="dialog-title")
        for line in ("mask-note", "form-message"):  # each takes a row only when it has something to say
            note = Static("", id=line, classes="dialog-hint")
            note.display = False
            yield note

    def on_mount(self) -> None:
        self._initial = {field.id: field.value for field in self.query(Input)}
        self.marked_confidential |= any(box.value for box in self.query("#confidential").results(FormCheckbox))
        self._mask_if_the_room_may_not_read()

    def _mask_if_the_room_may_not_read(self) -> None:
        presumed = self.marked_confidential or self.kind in PRESUMED_CONFIDENTIAL_WHILE_TYPED
        if self.masked or shows(self.kind, self.audience, confidential=presumed):
            return
        self.masked = True
        for field in self.query(WordsInput):
            field.mask()
        self._describe_mask(self.focused if isinstance(self.focused, WordsInput) else None)

    def _describe_mask(self, field: Input | None) -> None:
        note = _("Masked on the wall: marked confidential.") if self.marked_confidential \
            else _("Masked on the wall until it is saved.")
        if field is not None:
            note += f" {words_typed(field.value).capitalize()}."
        line = self.query_one("#mask-note", Static)
        line.update(Content(note))
        line.display = True

    @on(FormCheckbox.Changed, "#confidential")
    def _marked(self, event: FormCheckbox.Changed) -> None:
        if event.value:
            self.marked_confidential = True
            self._mask_if_the_room_may_not_read()

    @on(Input.Changed)
    def _count_masked_words(self, event: Input.Changed) -> None:
        if self.masked and isinstance(event.input, WordsInput):
            self._describe_mask(event.input)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.masked:
            self._describe_mask(event.widget if isinstance(event.widget, WordsInput) else None)

    def second_look(self, text: str, confidential: bool) -> None:
        """Warn once, gently, when text that is not confidential looks like it identifies someone.

        Raises:
            IdentifyingDetails: the first time this exact text is saved; saving it again goes through.
        """
        details = identifying_details(text)
        if details and not confidential and self._looked_again_at != text:
            self._looked_again_at = text
            raise IdentifyingDetails(details)

    def action_toggle_confidential(self) -> None:
        for box in self.query("#confidential").results(FormCheckbox):  # not every form has one
            box.value = not box.value

    def draft(self) -> Any:
        """Build what will be saved from the fields; raise ValueError to refuse."""
        raise NotImplementedError

    def show_problem(self, text: str, *, gentle: bool = False) -> None:
        """Say what stops the save, under the form; `gentle` for a warning rather than an error."""
        message = self.query_one("#form-message", Static)
        message.update(Content(text))
        message.display = bool(text)
        message.set_class(bool(text) and not gentle, "-error")
        message.set_class(bool(text) and gentle, "-warning")

    def date_field(self, field_id: str) -> date | None:
        """Read a date field; raises DateNotUnderstood for words that are not a date."""
        return parse_optional_date(self.query_one(field_id, Input).value, self.today)

    def describe_date_field(self, field_id: str, feedback_id: str, empty_hint: str) -> None:
        """Show under a date field which day it will be, before anything is saved; one that is
        probably a slip (`core.dates.second_look`) in the warning colour."""
        feedback = self.query_one(feedback_id, Static)
        try:
            day = self.date_field(field_id)
        except DateNotUnderstood as error:
            feedback.update(Content(str(error)))
            feedback.add_class("-error")
            return
        feedback.remove_class("-error")
        feedback.update(Content(f"→ {describe_date(day, self.today)}" if day else empty_hint))
        look = second_look(self.query_one(field_id, Input).value, day, self.today) if day else None
        feedback.set_class(bool(look), "-warning")

    def dated(self, field_id: str) -> date | None:
        """A date field's day for the draft, with a second look, once, at one that is probably a slip.

        Raises:
            DateNotUnderstood: the words are not a date.
            DateSecondLook: the first time this date is saved as it stands; saving again goes through.
        """
        day = self.date_field(field_id)
        phrase = self.query_one(field_id, Input).value
        look = second_look(phrase, day, self.today) if day else None
        if look and self._date_looked_at != (field_id, phrase):
            self._date_looked_at = (field_id, phrase)
            raise DateSecondLook(look)
        return day

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._waiting:
            return
        try:
            draft = self.draft()
        except ValueError as problem:  # refused text, a date that is not one, the second look
            self.show_problem(str(problem).strip("'\""), gentle=isinstance(problem, IdentifyingDetails | DateSecondLook))
            return
        self._waiting = True
        self._opener().post_message(self.Submitted(self, draft))

    def _opener(self) -> MessagePump:
        if self.saved_by is not None:
            return self.saved_by
        stack = self.app.screen_stack
        return stack[stack.index(self) - 1] if self in stack and stack.index(self) > 0 else self.app

    def saved(self, result: str | None) -> None:
        """The screen kept the draft: close, handing `result` to whoever opened the form."""
        self._waiting = False
        self.dismiss(result)

    def refused(self, problem: str) -> None:
        """The screen could not keep it (the file busy or read-only, a value refused): say why,
        and stay open with everything typed, so it can be saved again."""
        self._waiting = False
        self.show_problem(problem.strip("'\""))

    def action_cancel(self) -> None:
        """Close without saving; if anything was typed, ask first, so Escape never throws away words."""
        typed = any(field.value != self._initial.get(field.id, "") for field in self.query(Input))
        if not typed or self._confirming:
            self.dismiss(None)
            return
        from meetingkit.ui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            self._confirming = False
            if discard:
                self.dismiss(None)

        self._confirming = True
        self.app.push_screen(
            ConfirmDialog(_("Throw away what you typed?"), yes=_("Throw it away"), no=_("Keep typing"), default_no=True),
            answered,
        )
