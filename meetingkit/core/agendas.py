"""Agenda templates: TOML files read with `tomllib`, checked strictly, merged from folders.

The shipped templates live in the top-level `agendas/` folder (inside the wheel
they are at `meetingkit/agendas`). A user folder and any `--agendas DIR` extend
them; a file with the same name as an earlier one replaces it, so a partnership
can adapt "operational" without renaming it.

A template speaks English, French or both. Each text key (`name`, `description`, a
section's `title` and `prompts`) may carry a language: `title_fr`, `prompts_en`. A key
without one is in the template's `language` ("en" unless the template says
`language = "fr"`), so every English-only template written before stays valid. The
name and each section's title are needed in at least one language; whatever a language
leaves out falls back to the other (`agenda_in`), and `meetingkit agendas check` says
what is missing (`gaps`). The template's own words are kept on the `Template`; its
`Agenda` fields hold its first language (English when it has English), as before.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

from meetingkit.core.i18n import LANGUAGES, Language, _, language, ngettext, pgettext
from meetingkit.core.localise import number_text
from meetingkit.core.models import Agenda, AgendaSection, SectionKind
from meetingkit.core.paths import shipped_agenda_folder as shipped_agenda_folder
from meetingkit.core.text import TextTooLong, sanitise

MAX_FILE_BYTES = 1_000_000
MAX_SECTION_MINUTES = 600
TITLE_LIMIT = 120
PROMPT_LIMIT = 300
DESCRIPTION_LIMIT = 1_000

BOTH = "en+fr"
"""A meeting held in both languages: each text in English, then in French."""

_WORDED = ("name", "description", "title", "prompts")
"""The keys that hold words people read, each of which may carry a language (`title_fr`)."""
_TOP_KEYS = ("name", "type", "description", "sections", "language")
_SECTION_KEYS = ("title", "minutes", "kind", "prompts")
_TYPE_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _with_languages(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys, and each worded one with every language's suffix (`title`, `title_en`, `title_fr`)."""
    return keys + tuple(f"{key}_{code}" for key in keys if key in _WORDED for code in LANGUAGES)


_TOP_ALLOWED = _with_languages(_TOP_KEYS)
_SECTION_ALLOWED = _with_languages(_SECTION_KEYS)


def language_name(code: Language) -> str:
    """A language as a message names it, in the language in use ("French", "français")."""
    return pgettext("language", "English") if code == "en" else pgettext("language", "French")


@dataclass(frozen=True)
class Words:
    """A template's words in one language; "" and () where that language leaves them out."""

    name: str = ""
    description: str = ""
    titles: tuple[str, ...] = ()
    """Each section's title, in the agenda's order."""
    prompts: tuple[tuple[str, ...], ...] = ()
    """Each section's prompts, in the agenda's order."""


@dataclass(frozen=True)
class Template(Agenda):
    """An agenda as its template file gives it: the `Agenda` in its first language, and the
    words in each language it has (`agenda_in` makes the agenda for one language, or both)."""

    words: dict[Language, Words] = field(default_factory=dict, compare=False, hash=False)

    @property
    def languages(self) -> tuple[Language, ...]:
        """The languages the template names itself or a section in, English first."""
        return tuple(code for code in LANGUAGES if code in self.words)


def languages_of(agenda: Agenda) -> tuple[Language, ...]:
    """The languages an agenda has: a `Template`'s, else English (an agenda made another way)."""
    return agenda.languages if isinstance(agenda, Template) else ("en",)


def _pick(texts: dict[Language, str], wanted: Language) -> str:
    """The text in `wanted`, else in the other language."""
    return texts.get(wanted) or next((text for text in texts.values() if text), "")


def _both(texts: dict[Language, str]) -> str:
    """English and French, joined, when they differ; the one there is otherwise."""
    given = list(dict.fromkeys(text for text in (texts.get("en", ""), texts.get("fr", "")) if text))
    return " / ".join(given)


def agenda_in(agenda: Agenda, wanted: str | None = None) -> Agenda:
    """`agenda` with its words in `wanted`: "en", "fr", or "en+fr" (both: titles joined with " / ",
    each prompt in English followed by its French). Whatever a language leaves out is taken from
    the other. None means the interface's language (no meeting language is known).

    The result is a plain `Agenda`, ready to be snapshotted into a meeting. An agenda that is
    not a `Template` (made in code, or read back from a meeting) is returned as it is.
    """
    if not isinstance(agenda, Template) or not agenda.words:
        return agenda
    chosen = wanted or language()
    words = agenda.words
    english, french = words.get("en", Words()), words.get("fr", Words())

    def texts(pick: Any) -> dict[Language, str]:
        return {"en": pick(english), "fr": pick(french)}

    def one(pick: Any) -> str:
        given = texts(pick)
        return _both(given) if chosen == BOTH else _pick(given, "fr" if chosen == "fr" else "en")

    sections = []
    for index, section in enumerate(agenda.sections):
        title = one(lambda w, i=index: w.titles[i] if i < len(w.titles) else "")
        ours = {code: (w.prompts[index] if index < len(w.prompts) else ()) for code, w in
                (("en", english), ("fr", french))}
        if chosen == BOTH:
            prompts = tuple(p for pair in zip_longest(ours["en"], ours["fr"], fillvalue="") for p in pair if p)
        else:
            first: Language = "fr" if chosen == "fr" else "en"
            prompts = ours[first] or ours["en" if first == "fr" else "fr"]
        sections.append(AgendaSection(title=title, minutes=section.minutes, kind=section.kind, prompts=prompts))
    return Agenda(
        id=agenda.id,
        name=one(lambda w: w.name),
        meeting_type=agenda.meeting_type,
        description=one(lambda w: w.description),
        sections=tuple(sections),
        source=agenda.source,
    )


def gaps(agenda: Agenda) -> list[str]:
    """What a template with two languages leaves out of one of them, one sentence each
    ("section 3 has no French prompts"); none for a template in one language."""
    if not isinstance(agenda, Template) or len(agenda.languages) < 2:
        return []
    found = []
    for code in agenda.languages:
        words, other = agenda.words[code], agenda.words["fr" if code == "en" else "en"]
        lang = language_name(code)
        if not words.name:
            found.append(_("The template has no {language} name.").format(language=lang))
        if other.description and not words.description:
            found.append(_("The template has no {language} description.").format(language=lang))
        for index in range(len(agenda.sections)):
            number = index + 1
            if not words.titles[index]:
                found.append(_("Section {number} has no {language} title.").format(number=number, language=lang))
            mine, theirs = words.prompts[index], other.prompts[index]
            if theirs and not mine:
                found.append(
                    _("Section {number} has no {language} prompts.").format(number=number, language=lang)
                )
            elif mine and theirs and len(mine) != len(theirs):
                found.append(
                    ngettext(
                        "Section {number} has {count} {language} prompt, and {other_count} in the other language.",
                        "Section {number} has {count} {language} prompts, and {other_count} in the other language.",
                        len(mine),
                    ).format(number=number, count=len(mine), language=lang, other_count=len(theirs))
                )
    return found


class AgendaError(ValueError):
    """A template that cannot be used, with the file, the section and the problem."""

    def __init__(self, path: Path | str, problem: str, section: str | None = None) -> None:
        self.path = str(path)
        self.section = section
        self.problem = problem
        where = f"{self.path}, {section}" if section else self.path
        super().__init__(f"{where}: {problem}")


@dataclass
class AgendaLibrary:
    """Every agenda that could be loaded, and what went wrong with the rest."""

    agendas: dict[str, Agenda] = field(default_factory=dict)
    errors: list[AgendaError] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def for_type(self, meeting_type: str) -> list[Agenda]:
        """The agendas for one meeting type, the one named after the type first."""
        matching = [a for a in self.agendas.values() if a.meeting_type == meeting_type]
        return sorted(matching, key=lambda a: (a.id != meeting_type, a.name.casefold()))

    @property
    def meeting_types(self) -> list[str]:
        """Every meeting type some agenda offers, in a stable order."""
        return sorted({a.meeting_type for a in self.agendas.values()})


def _suggest(key: str, allowed: tuple[str, ...], listed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return _("unknown key {key} (did you mean {close}?); allowed keys are {allowed}").format(
            key=repr(key), close=repr(close[0]), allowed=", ".join(listed)
        )
    return _("unknown key {key}; allowed keys are {allowed}").format(key=repr(key), allowed=", ".join(listed))


def _text(value: Any, what: str, limit: int, *, required: bool = True) -> str:
    if not isinstance(value, str):
        raise ValueError(
            _("{what} must be text in quotes, got {type} {value}").format(
                what=what, type=type(value).__name__, value=repr(value)
            )
        )
    try:
        cleaned = sanitise(value, limit=limit)
    except TextTooLong as error:
        raise ValueError(
            _("{what} is too long ({length} characters; at most {limit})").format(
                what=what, length=number_text(error.length), limit=number_text(limit)
            )
        ) from None
    if required and not cleaned:
        raise ValueError(_("{what} is empty").format(what=what))
    return cleaned


def _title_for_messages(raw: Any) -> str:
    """" ('Check-in')" for error messages: cleaned of control characters and kept short."""
    if not isinstance(raw, dict):
        return ""
    title = next((raw[key] for key in ("title", "title_en", "title_fr") if isinstance(raw.get(key), str)), None)
    if not isinstance(title, str):
        return ""
    title = sanitise(title, limit=len(title))
    if not title:
        return ""
    return f" ({title if len(title) <= 40 else title[:39] + '…'!r})"


def _variants(raw: dict[str, Any], key: str, plain: Language) -> dict[Language, tuple[str, Any]]:
    """Each language's value of a worded key, with the key it was given under (`title` in the
    template's own language, `title_en`, `title_fr`); two keys for one language are refused."""
    found: dict[Language, tuple[str, Any]] = {}
    if key in raw:
        found[plain] = (key, raw[key])
    for code in LANGUAGES:
        suffixed = f"{key}_{code}"
        if suffixed in raw:
            if code in found:
                raise ValueError(
                    _("{first} and {second} both give the {language} text; keep one").format(
                        first=found[code][0], second=suffixed, language=language_name(code)
                    )
                )
            found[code] = (suffixed, raw[suffixed])
    return found


def _missing(key: str) -> ValueError:
    return ValueError(_("{key} is missing").format(key=repr(key)))


def _prompts(key: str, prompts: Any) -> tuple[str, ...]:
    if not isinstance(prompts, list):
        raise ValueError(
            _('{key} must be a list of text, like ["First?", "Second?"]').format(key=key)
        )
    return tuple(
        _text(prompt, _("prompt {number}").format(number=index) if key == "prompts"
              else _("prompt {number} of {key}").format(number=index, key=key), PROMPT_LIMIT)
        for index, prompt in enumerate(prompts, 1)
    )


def _section(raw: Any, plain: Language) -> tuple[AgendaSection, dict[Language, tuple[str, tuple[str, ...]]]]:
    """A section in the template's first language, and its title and prompts in each language."""
    if not isinstance(raw, dict):
        raise ValueError(_("must be a table written as [[sections]]"))
    for key in raw:
        if key not in _SECTION_ALLOWED:
            raise ValueError(_suggest(key, _SECTION_ALLOWED, _SECTION_KEYS))
    titles = _variants(raw, "title", plain)
    if not titles:
        raise _missing("title")
    for key in ("minutes", "kind"):
        if key not in raw:
            raise _missing(key)
    title_of = {code: _text(value, key, TITLE_LIMIT) for code, (key, value) in titles.items()}
    minutes = raw["minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValueError(_("minutes must be a whole number, got {minutes}").format(minutes=repr(minutes)))
    if not 1 <= minutes <= MAX_SECTION_MINUTES:
        raise ValueError(
            _("minutes must be between 1 and {most}, got {minutes}").format(most=MAX_SECTION_MINUTES, minutes=minutes)
        )
    kinds = tuple(kind.value for kind in SectionKind)
    if raw["kind"] not in kinds:
        raise ValueError(
            _("kind must be one of {kinds}; got {kind}").format(kinds=", ".join(kinds), kind=repr(raw["kind"]))
        )
    prompts_of = {code: _prompts(key, value) for code, (key, value) in _variants(raw, "prompts", plain).items()}
    texts = {code: (title_of.get(code, ""), prompts_of.get(code, ())) for code in LANGUAGES}
    first: Language = "en" if "en" in title_of else "fr"
    prompts = prompts_of.get(first) or next((p for p in prompts_of.values() if p), ())
    section = AgendaSection(title=title_of[first], minutes=minutes, kind=SectionKind(raw["kind"]), prompts=prompts)
    return section, texts


def parse_agenda(data: dict[str, Any], agenda_id: str, source: Path | str) -> Template:
    """Check a decoded template and build the `Template` (an `Agenda` with its words in each language).

    Raises:
        AgendaError: naming the file, the section (number and title) and the problem.
    """
    try:
        for key in data:
            if key not in _TOP_ALLOWED:
                raise ValueError(_suggest(key, _TOP_ALLOWED, _TOP_KEYS))
        plain_raw = data.get("language", "en")
        if plain_raw not in LANGUAGES:
            raise ValueError(
                _('language must be "en" or "fr" (the language of keys without _en or _fr); got {value}').format(
                    value=repr(plain_raw)
                )
            )
        plain: Language = "fr" if plain_raw == "fr" else "en"
        names = _variants(data, "name", plain)
        descriptions = _variants(data, "description", plain)
        for key, given in (("name", names), ("type", data.get("type")), ("description", descriptions),
                           ("sections", data.get("sections"))):
            if not given and key not in data:
                raise _missing(key)
        name_of = {code: _text(value, key, TITLE_LIMIT) for code, (key, value) in names.items()}
        meeting_type = _text(data["type"], "type", TITLE_LIMIT)
        if not _TYPE_PATTERN.match(meeting_type):
            raise ValueError(
                _("type must be lower-case words joined by hyphens, like 'reflective-practice'; got {type}").format(
                    type=repr(meeting_type)
                )
            )
        description_of = {
            code: _text(value, key, DESCRIPTION_LIMIT, required=False) for code, (key, value) in descriptions.items()
        }
        raw_sections = data["sections"]
        if not isinstance(raw_sections, list) or not raw_sections:
            raise ValueError(_("sections must be one or more [[sections]] tables"))
    except ValueError as error:
        raise AgendaError(source, str(error)) from None
    sections = []
    texts = []
    for number, raw in enumerate(raw_sections, 1):
        label = _("section {number}").format(number=number) + _title_for_messages(raw)
        try:
            section, words = _section(raw, plain)
        except ValueError as error:
            raise AgendaError(source, str(error), section=label) from None
        sections.append(section)
        texts.append(words)
    spoken = [code for code in LANGUAGES if code in name_of or any(t[code][0] for t in texts)]
    words_of = {
        code: Words(
            name=name_of.get(code, ""),
            description=description_of.get(code, ""),
            titles=tuple(t[code][0] for t in texts),
            prompts=tuple(t[code][1] for t in texts),
        )
        for code in spoken
    }
    first: Language = spoken[0]
    return Template(
        id=agenda_id,
        name=_pick(name_of, first),
        meeting_type=meeting_type,
        description=_pick(description_of, first),
        sections=tuple(sections),
        source=str(source),
        words=words_of,
    )


def load_agenda(path: Path) -> Template:
    """Read and check one template file.

    Raises:
        AgendaError: the file cannot be read, is not TOML, or breaks a rule.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AgendaError(
                path,
                _("the file is {size} bytes; a template is at most {most}").format(
                    size=number_text(size), most=number_text(MAX_FILE_BYTES)
                ),
            )
        raw = path.read_bytes()
    except OSError as error:
        raise AgendaError(path, _("cannot be read ({reason})").format(reason=error.strerror or error)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise AgendaError(path, _("is not UTF-8 text; save it as UTF-8")) from None
    except tomllib.TOMLDecodeError as error:
        raise AgendaError(path, _("is not valid TOML: {reason}").format(reason=error)) from None
    except RecursionError:  # `x = [[[[…]]]]`: tomllib reads nested arrays by recursing
        raise AgendaError(path, _("is nested too deeply to be a template")) from None
    except Exception as error:  # whatever else a hostile file does to the reader: this file only
        raise AgendaError(path, _unreadable(error)) from None
    try:
        return parse_agenda(data, path.stem, path)
    except AgendaError:
        raise
    except Exception as error:  # a value no rule foresaw: still one line about this file
        raise AgendaError(path, _unreadable(error)) from None


def _unreadable(error: Exception) -> str:
    return _("cannot be read as a template ({error})").format(error=type(error).__name__)


def load_library(folders: list[Path]) -> AgendaLibrary:
    """Load every `*.toml` in the folders, later folders overriding earlier ones by file name.

    Missing folders are skipped quietly (the user folder usually does not exist);
    broken files, whatever is wrong with them, are collected in `errors` (one line each)
    so one bad template never hides the rest.
    """
    library = AgendaLibrary(folders=list(folders))
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                agenda = load_agenda(path)
            except AgendaError as error:
                library.errors.append(error)
                continue
            except Exception as error:  # one bad template never hides the others, whatever is wrong with it
                library.errors.append(AgendaError(path, _unreadable(error)))
                continue
            library.agendas[agenda.id] = agenda
    return library
