"""The user's own settings: a small TOML file in their config folder, all optional.

```toml
# ~/.config/meetingkit/settings.toml (the folder `meetingkit where` names for agendas, one up)
[timer]
bell = true   # a quiet terminal bell when a section has 2 minutes left (off by default)
```

A missing file, or one that cannot be read, is the defaults: a setting is a preference, never a
reason for the console not to start.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path

from meetingkit.core.paths import APP_NAME

SETTINGS_FILENAME = "settings.toml"


@dataclass(frozen=True)
class Settings:
    """What the user chose, or the defaults."""

    bell: bool = False
    """A quiet terminal bell when a section's time comes to its last two minutes."""


def settings_path() -> Path:
    """Where the settings are read from (e.g. `~/.config/meetingkit/settings.toml`)."""
    return user_config_path(APP_NAME, appauthor=False) / SETTINGS_FILENAME


def load_settings(path: Path | None = None) -> Settings:
    """The settings in `path` (the user's file by default); the defaults when it is missing or unreadable."""
    try:
        data = tomllib.loads((path or settings_path()).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Settings()
    timer = data.get("timer")
    bell = timer.get("bell") if isinstance(timer, dict) else None
    return Settings(bell=bell is True)
