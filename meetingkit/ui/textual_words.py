"""Textual's own words that people read in the console, in the interface's language.

Textual writes its system commands (the palette's "Theme", "Quit", "Keys", …) and the
palette's placeholder in English. Their English is repeated here, each inside `_()`, so the
catalogue holds them and the console shows them translated; a word Textual adds in a later
version, unknown here, is shown as Textual wrote it.
"""

from __future__ import annotations

from meetingkit.core.i18n import _, pgettext


def textual_words() -> dict[str, str]:
    """Each of Textual's English words the console shows, with its translation (made now, in the language in use)."""
    return {
        # Textual's system commands in the palette (ctrl+p): their titles, then their help lines.
        "Theme": pgettext("palette command", "Theme"),
        "Change the current theme": _("Change the current theme"),
        "Quit": pgettext("palette command", "Quit"),
        "Quit the application as soon as possible": _("Quit the application as soon as possible"),
        "Keys": pgettext("palette command", "Keys"),
        "Hide the keys and widget help panel": _("Hide the keys and widget help panel"),
        "Show help for the focused widget and a summary of available keys": _(
            "Show help for the focused widget and a summary of available keys"),
        "Minimize": pgettext("palette command", "Minimize"),
        "Minimize the widget and restore to normal size": _("Minimize the widget and restore to normal size"),
        "Maximize": pgettext("palette command", "Maximize"),
        "Maximize the focused widget": _("Maximize the focused widget"),
    }


def palette_placeholder() -> str:
    """What the palette's empty search field says (Textual's "Search for commands…")."""
    return _("Search for commands…")
