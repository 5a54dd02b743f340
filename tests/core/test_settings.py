"""The user's settings file: optional, and never a reason not to start."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingkit.core.settings import Settings, load_settings, settings_path


def test_no_file_is_the_defaults_and_the_bell_is_off() -> None:
    assert not settings_path().exists()
    assert load_settings() == Settings(bell=False)


def test_the_bell_is_on_only_when_asked_for_plainly() -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("[timer]\nbell = true\n", encoding="utf-8")
    assert load_settings().bell


@pytest.mark.parametrize("text", [
    "[timer]\nbell = 'yes'\n", "[timer]\nbell = 1\n", "bell = true\n", "timer = 3\n", "[timer\nbell = true",
])
def test_anything_else_is_the_defaults(tmp_path: Path, text: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    assert load_settings(path) == Settings()


def test_a_file_that_is_not_text_is_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"\xff\xfe\x00[timer]")
    assert load_settings(path) == Settings()
