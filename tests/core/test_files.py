"""Files holding meeting data are private from the first byte, on a real temporary folder."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from meetingkit.core.files import PrivateFileError, PrivateFileExists, create_private, write_private

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes and symlinks")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.mark.parametrize("data", ["Notes about Dana, café\n", b"\x00binary\xff"])
def test_a_new_file_is_owner_only_and_holds_exactly_the_data(tmp_path: Path, data: str | bytes) -> None:
    path = tmp_path / "export.md"
    write_private(path, data, overwrite=False)
    assert mode(path) == 0o600
    assert path.read_bytes() == (data.encode() if isinstance(data, str) else data)


def test_text_keeps_its_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_private(path, "a,b\r\n1,2\r\n", overwrite=False)
    assert path.read_bytes() == b"a,b\r\n1,2\r\n"


def test_a_new_file_is_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        write_private(tmp_path / "a.md", "x", overwrite=False)
        write_private(tmp_path / "b.md", "x", overwrite=True)
        write_private(tmp_path / "c.json", "x", overwrite=True, atomic=True)
        create_private(tmp_path / "d.db")
    finally:
        os.umask(previous)
    for name in ("a.md", "b.md", "c.json", "d.db"):
        assert mode(tmp_path / name) == 0o600, name


def test_exclusive_create_refuses_an_existing_file_and_leaves_it(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("someone else's", encoding="utf-8")
    with pytest.raises(PrivateFileExists) as refused:
        write_private(path, "ours", overwrite=False)
    assert isinstance(refused.value, FileExistsError) and refused.value.filename == str(path)
    assert path.read_text(encoding="utf-8") == "someone else's"
    with pytest.raises(PrivateFileExists):
        create_private(path)
    assert path.read_text(encoding="utf-8") == "someone else's"


def test_overwrite_replaces_the_content_and_narrows_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "export.md"
    path.write_text("old, and longer than the new text", encoding="utf-8")
    path.chmod(0o644)
    write_private(path, "new", overwrite=True)
    assert path.read_text(encoding="utf-8") == "new"
    assert mode(path) == 0o600


def test_an_atomic_write_replaces_the_file_and_leaves_no_temporary_behind(tmp_path: Path) -> None:
    path = tmp_path / "meetingkit.db.serving"
    write_private(path, "first", overwrite=True, atomic=True)
    path.chmod(0o644)
    write_private(path, "second", overwrite=True, atomic=True)
    assert path.read_text(encoding="utf-8") == "second" and mode(path) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("write", [
    lambda path: write_private(path, "secret", overwrite=False),
    lambda path: create_private(path),
], ids=["write_private", "create_private"])
def test_exclusive_create_does_not_follow_a_symlink(tmp_path: Path, write) -> None:  # noqa: ANN001
    target = tmp_path / "elsewhere.txt"
    target.write_text("untouched", encoding="utf-8")
    dangling = tmp_path / "nowhere.txt"
    for link, points_to in ((tmp_path / "planted.md", target), (tmp_path / "dangling.md", dangling)):
        link.symlink_to(points_to)
        with pytest.raises(PrivateFileExists):
            write(link)
        assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "untouched"
    assert not dangling.exists(), "a dangling link does not make its target appear"


def test_an_atomic_write_replaces_a_symlink_instead_of_writing_through_it(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("untouched", encoding="utf-8")
    link = tmp_path / "note.serving"
    link.symlink_to(target)
    write_private(link, "ours", overwrite=True, atomic=True)
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "ours" and mode(link) == 0o600
    assert target.read_text(encoding="utf-8") == "untouched"


def test_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "unplugged" / "export.md"
    for write in (
        lambda: write_private(path, "x", overwrite=False),
        lambda: write_private(path, "x", overwrite=True),
        lambda: write_private(path, "x", overwrite=True, atomic=True),
        lambda: create_private(path),
    ):
        with pytest.raises(PrivateFileError) as failed:
            write()
        assert failed.value.filename == str(path) and failed.value.strerror == "No such file or directory"


def test_an_atomic_write_must_be_allowed_to_overwrite(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_private(tmp_path / "x", "x", overwrite=False, atomic=True)
