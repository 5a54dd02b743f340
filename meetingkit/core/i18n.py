"""The interface's language: English or French, and the words of every message in it.

Every message a person reads is written in English in the code and marked for translation:

- `_("Meeting ended")` translates now, in the language in use (call it where the text is
  shown, never at import time: a module is imported once, and the language can change);
- `N_("Back")` only marks a message: for a key label (`Binding(..., N_("Back"))`), which
  `meetingkit.localised` translates as each screen is built. A constant people read is a
  function returning `_("...")` instead, so the text stays a literal extraction can find;
- `ngettext("{count} open action", "{count} open actions", count).format(count=count)`
  chooses the plural form the language needs (French says "0 action ouverte");
- `pgettext("status", "open")` gives a short word the context a translator needs.

Placeholders are named (`{title}`, never `{}` or an f-string), so a translation can put
them in its own order; `tests/i18n` checks that every marked message can be extracted, has
a French translation, and that each translation keeps its message's placeholders.

The translations are one gettext catalogue, `meetingkit/locale/fr/LC_MESSAGES/meetingkit.po`
(compiled beside it to `.mo`); `python -m tools.catalogue` extracts, updates and compiles it.
English needs no catalogue: the messages are the English.

The interface's language is set for the whole process (as the command starts, or when the
person chooses); a document made in the other language (`with speaking("fr"): ...`) changes
it only for the code inside the block, even with other tasks running.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:
    from gettext import NullTranslations

Language: TypeAlias = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = ("en", "fr")
"""The interface's languages: English first, as the messages are written in it."""

LANGUAGE_NAMES: dict[Language, str] = {"en": "English", "fr": "Français"}
"""Each language in its own words, as a choice between them shows it."""

LANG_ENV = "MEETINGKIT_LANG"
"""The environment variable that chooses the language (`--lang` wins over it)."""

DOMAIN = "meetingkit"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_interface: list[Language] = ["en"]
"""The interface's language: one for the whole process, so every task and thread of an app
sees a change at once (a context variable would not reach tasks already running)."""

_document: ContextVar[Language | None] = ContextVar("meetingkit_document_language", default=None)
"""A document's language while one is made in the other (`speaking`), for that code only."""


def _in_use() -> Language:
    return _document.get() or _interface[0]


@cache
def _translations(language: Language) -> NullTranslations:
    """The compiled catalogue for `language`, read once (English's is the messages themselves).

    gettext loads only here, so English (and `meetingkit where`) never imports it.
    """
    import gettext

    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])


def _(message: str) -> str:
    """`message` in the language in use."""
    chosen = _in_use()
    return message if chosen == "en" else _translations(chosen).gettext(message)


def N_(message: str) -> str:  # noqa: N802 (the name extraction and translators know)
    """Mark `message` for translation without translating it (translate it where it is shown)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message, as the language in use counts `count`."""
    chosen = _in_use()
    if chosen == "en":
        return singular if count == 1 else plural
    return _translations(chosen).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the language in use, where `context` tells a translator which sense is meant."""
    chosen = _in_use()
    return message if chosen == "en" else _translations(chosen).pgettext(context, message)


def language() -> Language:
    """The language in use (a document's, inside `speaking`, else the interface's)."""
    return _in_use()


def set_language(chosen: Language) -> None:
    """Make `chosen` the interface's language from now on, everywhere in this process."""
    _interface[0] = chosen


@contextmanager
def speaking(chosen: Language) -> Iterator[None]:
    """Messages made inside the block, by this code only, are in `chosen` (a document in the
    other language); the interface, and other tasks, keep theirs."""
    token = _document.set(chosen)
    try:
        yield
    finally:
        _document.reset(token)


def as_language(value: str | None) -> Language | None:
    """`value` as a language meetingkit speaks ("fr", "FR", "fr_CA.UTF-8", "français"), else None."""
    if not value:
        return None
    word = value.strip().casefold().replace("-", "_")
    if word in ("english", "anglais"):
        return "en"
    if word in ("french", "français", "francais"):
        return "fr"
    head = word.split(".")[0].split("_")[0].split("@")[0]
    for known in LANGUAGES:
        if head == known:
            return known
    return None


def system_language(environ: Mapping[str, str] | None = None) -> Language | None:
    """The language the system's locale asks for, when meetingkit speaks it.

    Read as gettext reads it: the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set
    (LANGUAGE may list several, "fr_CA:en"); "C" and "POSIX" ask for nothing.
    """
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable)
        if not value:
            continue
        for part in value.split(":"):
            found = as_language(part)
            if found:
                return found
        if variable != "LANGUAGE":  # the first set of the others decides, as with gettext
            return None
    if environ is None:
        import locale

        try:
            return as_language(locale.getlocale(locale.LC_MESSAGES)[0])
        except (AttributeError, ValueError):  # pragma: no cover - platforms without LC_MESSAGES
            return None
    return None


def choose_language(
    option: str | None, environ: Mapping[str, str] | None = None, saved: Language | None = None
) -> tuple[Language, bool]:
    """The language to use, and whether someone chose it (rather than falling back).

    In order: `--lang`, then `MEETINGKIT_LANG`, then the language saved in the settings,
    then the system's locale, then English. The second value is False only when neither the
    option, the variable nor the settings chose: the console then asks, once, at first start.
    """
    env = os.environ if environ is None else environ
    for chosen in (as_language(option), as_language(env.get(LANG_ENV)), saved):
        if chosen:
            return chosen, True
    return system_language(environ) or "en", False
