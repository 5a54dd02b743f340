"""Save a meeting's record, or a partnership's report, to a file from the review screens.

The same renderings as `meetingkit export` and `meetingkit report`. The file is made
readable by its owner only, an existing file is never overwritten, and confidential
items go in only when the box saying so is ticked. The document is written in the language
chosen in the dialog (the interface's unless another is chosen), as `--language` does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_documents_dir
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, RadioButton, RadioSet, Static

from meetingkit.core.export import with_bom
from meetingkit.core.files import write_private
from meetingkit.core.i18n import LANGUAGE_NAMES, LANGUAGES, N_, Language, _, language, ngettext, speaking
from meetingkit.localised import Localised
from meetingkit.ui.widgets.line_input import LineInput

PATH_LIMIT = 4_096
"""The longest path the field takes (Linux's PATH_MAX); a longer paste is refused with a message."""

MEETING_FORMATS = {"md": N_("Markdown"), "html": N_("HTML, to print"), "json": N_("JSON, complete"),
                   "csv": N_("CSV, the tables")}
REPORT_FORMATS = {"md": N_("Markdown"), "html": N_("HTML, to print")}
MINUTES_FORMATS = {"html": N_("HTML, to print"), "md": N_("Markdown")}
"""The minutes' formats: HTML first, as they are most often printed or attached. Each format's
label is in English here; `format_label` shows it in the interface's language."""


def format_label(fmt: str, written: str) -> str:
    """A format's label in the interface's language (`written`, its English, for a format not known here)."""
    return {
        "md": _("Markdown"), "html": _("HTML, to print"), "json": _("JSON, complete"), "csv": _("CSV, the tables"),
    }.get(fmt, written)




def slug(text: str) -> str:
    """A file-name-safe version of a title: "Spring review: ISP & MLO" → "spring-review-isp-mlo"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:50] or "meeting"


_last_folder: Path | None = None
"""Where the last file was saved in this run of the app: offered again for the next one."""


def export_folder() -> Path:
    """Where exports are offered: the last folder saved to, else Documents when there is one, else home."""
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()


class ExportDialog(Localised, ModalScreen[Path | None]):
    """Choose a format, a file and whether confidential items go in; Enter on the file name saves."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "#export-path"
    DEFAULT_CSS = """
    ExportDialog #export-language-row { height: auto; }
    ExportDialog #export-language-row > Static { width: auto; margin-right: 1; }
    ExportDialog #export-language { layout: horizontal; border: none; height: 1; padding: 0; }
    ExportDialog #export-language RadioButton { margin-right: 2; }
    """

    def __init__(
        self,
        title: str,
        formats: dict[str, str],
        stem: str,
        render: Callable[[str, bool], tuple[str, int]],
        include_confidential: bool,
    ) -> None:
        """`render(format, include_confidential)` gives the text and how many confidential items it left out.

        The screen builds `render` (see `ui/exports.py`): the dialog asks, and never reads the store itself.
        """
        super().__init__()
        self.title_text = title
        self.formats = formats
        self.stem = stem
        self.make_text = render
        self.include_confidential = include_confidential

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.assemble((self.title_text, "bold")), classes="dialog-title")
            with RadioSet(id="export-format"):
                for index, (fmt, label) in enumerate(self.formats.items()):
                    yield RadioButton(format_label(fmt, label), value=index == 0, id=f"format-{fmt}")
            with Horizontal(id="export-language-row"):
                # Translators: before the choice of the language the file is written in (English | Français).
                yield Static(Content(_("Written in:")))
                with RadioSet(id="export-language"):
                    for each in LANGUAGES:  # each language in its own words, whatever the interface's
                        yield RadioButton(LANGUAGE_NAMES[each], value=each == language(), id=f"language-{each}")
            yield Checkbox(_("Include confidential items"), self.include_confidential, id="export-confidential")
            bom = Checkbox(_("For Excel on Windows (starts the file with a byte-order mark)"), False, id="export-bom")
            bom.display = False  # a CSV's choice only
            yield bom
            yield Static(Content(_("Save as:")), classes="dialog-label")
            yield LineInput(str(export_folder() / f"{self.stem}.{next(iter(self.formats))}"), id="export-path", limit=PATH_LIMIT)
            yield Static(Content(_("Enter saves; only you can read the file. Escape cancels.")), id="export-message",
                         classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="export-save")
                yield Button(_("Cancel"), id="export-cancel")

    @property
    def chosen_format(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return (pressed.id or "format-md").removeprefix("format-") if pressed else "md"

    @property
    def chosen_language(self) -> Language:
        """The language the file is to be written in (the interface's unless another was chosen)."""
        pressed = self.query_one("#export-language", RadioSet).pressed_button
        chosen = (pressed.id or "").removeprefix("language-") if pressed else ""
        return next((each for each in LANGUAGES if each == chosen), language())

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self) -> None:
        """Keep the file's extension in step with the format."""
        path_input = self.query_one("#export-path", LineInput)
        path = Path(path_input.value.strip() or self.stem)
        if path.suffix.lstrip(".") in self.formats or not path.suffix:
            path_input.value = str(path.with_suffix("." + self.chosen_format))
        self.query_one("#export-bom", Checkbox).display = self.chosen_format == "csv"

    @on(Checkbox.Changed, "#export-confidential")
    def _confidential_changed(self, event: Checkbox.Changed) -> None:
        message = self.query_one("#export-message", Static)
        message.set_class(event.value, "-warning")
        message.update(Content(
            _("Confidential items WILL be in this file. Keep it somewhere only the right people can read.")
            if event.value else _("Enter saves; only you can read the file. Escape cancels.")
        ))

    @on(LineInput.Submitted, "#export-path")
    @on(Button.Pressed, "#export-save")
    def save(self) -> None:
        message = self.query_one("#export-message", Static)
        typed = self.query_one("#export-path", LineInput).value.strip()
        if not typed:
            message.update(Content(_("Type where to save the file.")))
            message.add_class("-error")
            return
        path = Path(typed).expanduser()
        try:
            if path.is_dir():  # a folder: the suggested name goes in it
                path = path / f"{self.stem}.{self.chosen_format}"
            folder_exists = path.parent.is_dir()
        except OSError as error:  # a name too long for the disk, say
            message.update(Content(_("Cannot write there: {problem}. Choose another name.").format(
                problem=error.strerror or error)))
            message.add_class("-error")
            return
        if not folder_exists:
            message.update(Content(_("There is no folder {folder}; make it first, or choose another.").format(
                folder=path.parent)))
            message.add_class("-error")
            return
        include = self.query_one("#export-confidential", Checkbox).value
        with speaking(self.chosen_language):  # the document in its language; this dialog keeps the interface's
            text, left_out = self.make_text(self.chosen_format, include)
        if self.chosen_format == "csv" and self.query_one("#export-bom", Checkbox).value:
            text = with_bom(text)  # so that Excel on Windows reads accented names as they are
        try:
            write_private(path, text, overwrite=False)
        except FileExistsError:
            problem = _("{name} already exists; choose another name (nothing was overwritten).").format(name=path.name)
        except OSError as error:
            problem = _("Cannot write there: {problem}.").format(problem=error.strerror or error)
        else:
            global _last_folder
            _last_folder = path.parent
            saved = _("Saved {path}.").format(path=path)
            if left_out:
                saved += " " + ngettext("{count} confidential item left out.", "{count} confidential items left out.",
                                        left_out).format(count=left_out)
            self.app.notify(saved, markup=False)
            self.dismiss(path)
            return
        message.update(Content(problem))
        message.add_class("-error")

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
