"""Agenda templates: TOML files read with `tomllib`, checked strictly, merged from folders.

The shipped templates live in the top-level `agendas/` folder (inside the wheel
they are at `meetingkit/agendas`). A user folder and any `--agendas DIR` extend
them; a file with the same name as an earlier one replaces it, so a partnership
can adapt "operational" without renaming it.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meetingkit.core.models import Agenda, AgendaSection, SectionKind
from meetingkit.core.paths import shipped_agenda_folder as shipped_agenda_folder
from meetingkit.core.text import TextTooLong, sanitise

MAX_FILE_BYTES = 1_000_000
MAX_SECTION_MINUTES = 600
TITLE_LIMIT = 120
PROMPT_LIMIT = 300
DESCRIPTION_LIMIT = 1_000

_TOP_KEYS = ("name", "type", "description", "sections")
_SECTION_KEYS = ("title", "minutes", "kind", "prompts")
_TYPE_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


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


def _suggest(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {key!r}{hint}; allowed keys are {', '.join(allowed)}"


def _text(value: Any, what: str, limit: int, *, required: bool = True) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text in quotes, got {type(value).__name__} {value!r}")
    try:
        cleaned = sanitise(value, limit=limit)
    except TextTooLong as error:
        raise ValueError(f"{what} is too long ({error.length:,} characters; at most {limit:,})") from None
    if required and not cleaned:
        raise ValueError(f"{what} is empty")
    return cleaned


def _title_for_messages(raw: Any) -> str:
    """" ('Check-in')" for error messages: cleaned of control characters and kept short."""
    title = raw.get("title") if isinstance(raw, dict) else None
    if not isinstance(title, str):
        return ""
    title = sanitise(title, limit=len(title))
    if not title:
        return ""
    return f" ({title if len(title) <= 40 else title[:39] + '…'!r})"


def _section(raw: Any) -> AgendaSection:
    if not isinstance(raw, dict):
        raise ValueError("must be a table written as [[sections]]")
    for key in raw:
        if key not in _SECTION_KEYS:
            raise ValueError(_suggest(key, _SECTION_KEYS))
    for key in ("title", "minutes", "kind"):
        if key not in raw:
            raise ValueError(f"'{key}' is missing")
    title = _text(raw["title"], "title", TITLE_LIMIT)
    minutes = raw["minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValueError(f"minutes must be a whole number, got {minutes!r}")
    if not 1 <= minutes <= MAX_SECTION_MINUTES:
        raise ValueError(f"minutes must be between 1 and {MAX_SECTION_MINUTES}, got {minutes}")
    kinds = tuple(kind.value for kind in SectionKind)
    if raw["kind"] not in kinds:
        raise ValueError(f"kind must be one of {', '.join(kinds)}; got {raw['kind']!r}")
    prompts = raw.get("prompts", [])
    if not isinstance(prompts, list):
        raise ValueError('prompts must be a list of text, like ["First?", "Second?"]')
    cleaned = tuple(
        _text(prompt, f"prompt {index}", PROMPT_LIMIT) for index, prompt in enumerate(prompts, 1)
    )
    return AgendaSection(title=title, minutes=minutes, kind=SectionKind(raw["kind"]), prompts=cleaned)


def parse_agenda(data: dict[str, Any], agenda_id: str, source: Path | str) -> Agenda:
    """Check a decoded template and build the `Agenda`.

    Raises:
        AgendaError: naming the file, the section (number and title) and the problem.
    """
    try:
        for key in data:
            if key not in _TOP_KEYS:
                raise ValueError(_suggest(key, _TOP_KEYS))
        for key in _TOP_KEYS:
            if key not in data:
                raise ValueError(f"'{key}' is missing")
        name = _text(data["name"], "name", TITLE_LIMIT)
        meeting_type = _text(data["type"], "type", TITLE_LIMIT)
        if not _TYPE_PATTERN.match(meeting_type):
            raise ValueError(
                f"type must be lower-case words joined by hyphens, like 'reflective-practice'; "
                f"got {meeting_type!r}"
            )
        description = _text(data["description"], "description", DESCRIPTION_LIMIT, required=False)
        raw_sections = data["sections"]
        if not isinstance(raw_sections, list) or not raw_sections:
            raise ValueError("sections must be one or more [[sections]] tables")
    except ValueError as error:
        raise AgendaError(source, str(error)) from None
    sections = []
    for number, raw in enumerate(raw_sections, 1):
        label = f"section {number}" + _title_for_messages(raw)
        try:
            sections.append(_section(raw))
        except ValueError as error:
            raise AgendaError(source, str(error), section=label) from None
    return Agenda(
        id=agenda_id,
        name=name,
        meeting_type=meeting_type,
        description=description,
        sections=tuple(sections),
        source=str(source),
    )


def load_agenda(path: Path) -> Agenda:
    """Read and check one template file.

    Raises:
        AgendaError: the file cannot be read, is not TOML, or breaks a rule.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AgendaError(path, f"the file is {size:,} bytes; a template is at most {MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except OSError as error:
        raise AgendaError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise AgendaError(path, "is not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise AgendaError(path, f"is not valid TOML: {error}") from None
    except RecursionError:  # `x = [[[[…]]]]`: tomllib reads nested arrays by recursing
        raise AgendaError(path, "is nested too deeply to be a template") from None
    except Exception as error:  # whatever else a hostile file does to the reader: this file only
        raise AgendaError(path, f"cannot be read as a template ({type(error).__name__})") from None
    try:
        return parse_agenda(data, path.stem, path)
    except AgendaError:
        raise
    except Exception as error:  # a value no rule foresaw: still one line about this file
        raise AgendaError(path, f"cannot be read as a template ({type(error).__name__})") from None


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
                library.errors.append(AgendaError(path, f"cannot be read as a template ({type(error).__name__})"))
                continue
            library.agendas[agenda.id] = agenda
    return library
