"""A database on a network filesystem or in a synced folder opens, with a warning that explains the
risk: on the command line, in `meetingkit where`, and on the home screen (naming the file only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.store.location import filesystem_type, location_warning
from meetingkit.ui.app import create_app
from tests.conftest import run_meetingkit
from tests.test_home_screen import rendered_text

MOUNTS = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/office rw,relatime shared:20 - nfs4 fileserver:/share rw,vers=4.2
41 40 0:36 / /mnt/office/local\\040disk rw shared:21 - ext4 /dev/sdb1 rw
42 22 0:37 / /media/stick rw,nosuid - vfat /dev/sdc1 rw
43 22 0:38 / /mnt/smb rw - cifs //server/meetings rw
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/ana/meetingkit.db", "ext4"),
        ("/mnt/office/meetingkit.db", "nfs4"),
        ("/mnt/office/local disk/meetingkit.db", "ext4"),  # the deeper mount wins
        ("/mnt/officer/meetingkit.db", "ext4"),  # a name that only starts the same is not inside
        ("/media/stick/meetingkit.db", "vfat"),
        ("/mnt/smb/a/b.db", "cifs"),
    ],
)
def test_the_filesystem_is_read_from_the_mount_table(path: str, kind: str) -> None:
    assert filesystem_type(Path(path), MOUNTS) == kind


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/mnt/office/meetingkit.db", "network filesystem (nfs4)"),
        ("/mnt/smb/meetingkit.db", "network filesystem (cifs)"),
        ("/home/ana/Dropbox/partnership/meetingkit.db", "sync client copies between computers (Dropbox)"),
        ("/home/ana/OneDrive - Settlement Agency/mk.db", "(OneDrive - Settlement Agency)"),
        ("/Users/ana/Library/CloudStorage/GoogleDrive-ana/mk.db", "(CloudStorage)"),
    ],
)
def test_risky_places_get_a_warning_that_explains_and_advises(path: str, says: str) -> None:
    warning = location_warning(Path(path), mounts=MOUNTS)
    assert warning is not None and says in warning
    assert "one computer" in warning and "one file per site" in warning


@pytest.mark.parametrize("path", ["/home/ana/meetingkit.db", "/media/stick/meetingkit.db", "/home/ana/Boxes/mk.db"])
def test_local_disks_and_sticks_get_no_warning(path: str) -> None:
    assert location_warning(Path(path), mounts=MOUNTS) is None


def test_the_command_line_warns_on_stderr_and_still_works(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    db = synced / "meetingkit.db"
    result = run_meetingkit("--db", str(db), "meetings")
    assert result.returncode == 0
    assert "meetingkit: warning:" in result.stderr and "sync client" in result.stderr
    where = run_meetingkit("--db", str(db), "where")
    assert "warning:" in where.stdout and "Dropbox" in where.stdout


async def test_the_home_screen_shows_the_warning_naming_only_the_file(tmp_path: Path, library: AgendaLibrary) -> None:
    synced = tmp_path / "OneDrive"
    synced.mkdir()
    store = Store.open(synced / "site.db")
    app = create_app(store, library)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            banner = " ".join(rendered_text(app.screen.query_one("#location-warning")).split())
            assert "site.db is inside a folder a sync client copies" in banner
            assert str(tmp_path) not in banner
    finally:
        store.close()
