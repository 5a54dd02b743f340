"""The user's own settings: a small TOML file in their config folder, all optional.

```toml
# ~/.config/meetingkit/settings.toml (the folder `meetingkit where` names for agendas, one up)
[interface]
language = "fr"   # "en" or "fr"; asked once at first start, changed in the console's settings

[timer]
bell = true   # a quiet terminal bell when a section has 2 minutes left (off by default)
```

A missing file, or one that cannot be read, is the defaults: a setting is a preference, never a
reason for the console not to start.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from platformdirs import user_config_path

from meetingkit.core.i18n import Language, as_language
from meetingkit.core.paths import APP_NAME

SETTINGS_FILENAME = "settings.toml"


class Settings(NamedTuple):  # a NamedTuple, not a dataclass: `meetingkit where` starts without dataclasses
    """What the user chose, or the defaults."""

    bell: bool = False
    """A quiet terminal bell when a section's time comes to its last two minutes."""

    language: Language | None = None
    """The interface's language, once chosen (None: not chosen yet, so asked at first start)."""


def settings_path() -> Path:
    """Where the settings are read from (e.g. `~/.config/meetingkit/settings.toml`)."""
    return user_config_path(APP_NAME, appauthor=False) / SETTINGS_FILENAME


def load_settings(path: Path | None = None) -> Settings:
    """The settings in `path` (the user's file by default); the defaults when it is missing or unreadable."""
    import tomllib  # loaded only when there are settings to read

    try:
        data = tomllib.loads((path or settings_path()).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Settings()
    timer = data.get("timer")
    bell = timer.get("bell") if isinstance(timer, dict) else None
    interface = data.get("interface")
    chosen = interface.get("language") if isinstance(interface, dict) else None
    return Settings(bell=bell is True, language=as_language(chosen) if isinstance(chosen, str) else None)


_LANGUAGE_LINE = re.compile(r"^[ \t]*language[ \t]*=.*$", re.MULTILINE)
_INTERFACE_TABLE = re.compile(r"^[ \t]*\[interface\][ \t]*(#.*)?$", re.MULTILINE)
_ANY_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def save_language(chosen: Language, path: Path | None = None) -> Path:
    """Remember `chosen` as the interface's language, keeping the rest of the file as written.

    Only the `language` line of the `[interface]` table is written (added when missing), so the
    user's other settings and comments stay. Raises OSError when the file cannot be written.
    """
    target = path or settings_path()
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    line = f'language = "{chosen}"'
    table = _INTERFACE_TABLE.search(text)
    if table is None:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + f"[interface]\n{line}\n"
    else:
        following = _ANY_TABLE.search(text, table.end())
        end = following.start() if following else len(text)
        body = text[table.end():end]
        if _LANGUAGE_LINE.search(body):
            body = _LANGUAGE_LINE.sub(line, body, count=1)
        else:
            body = "\n" + line + body
        text = text[: table.end()] + body + text[end:]
    from meetingkit.core.files import write_private  # only when saving: it loads more than reading needs

    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(target, text, overwrite=True, atomic=True)
    return target
