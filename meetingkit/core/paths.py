"""Where meetingkit keeps things on this computer, and how a user overrides it."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

APP_NAME = "meetingkit"
DB_ENV = "MEETINGKIT_DB"
DB_FILENAME = "meetingkit.db"


def default_data_folder() -> Path:
    """The per-user data folder (e.g. `~/.local/share/meetingkit` on Linux)."""
    return user_data_path(APP_NAME, appauthor=False)


def crash_log_folder() -> Path:
    """The per-user folder for crash logs (e.g. `~/.local/state/meetingkit/log` on Linux)."""
    return user_log_path(APP_NAME, appauthor=False)


def user_agenda_folder() -> Path:
    """The per-user folder for agenda templates (e.g. `~/.config/meetingkit/agendas`)."""
    return user_config_path(APP_NAME, appauthor=False) / "agendas"


def shipped_agenda_folder() -> Path:
    """The folder of templates that come with meetingkit.

    Installed from a wheel they are package data; in a source checkout (or an
    editable install) they are the repository's top-level `agendas/` folder.
    """
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "agendas"  # what importlib.resources names, without importing it
    if packaged.is_dir():
        return packaged
    return here.parents[2] / "agendas"


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> tuple[Path, str]:
    """The database to use and why: `--db` first, then `MEETINGKIT_DB`, then the default.

    Returns:
        The path (with `~` expanded) and a short phrase saying where it came from.
    """
    if cli_value:
        return Path(cli_value).expanduser(), "from --db"
    from_env = os.environ.get(DB_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser(), f"from {DB_ENV}"
    return default_data_folder() / DB_FILENAME, "the default location"
