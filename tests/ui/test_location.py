"""Where the database file is, and what the app says about it.

A file on a network filesystem or in a synced folder opens, with a warning that explains the risk
and points to `meetingkit merge`: in full on the command line and in `meetingkit where`, briefly on
the home screen. A file on a removable drive gets a calm banner; one that cannot be written opens for
review only, with how to work on it. Banners name the file only: the screen may be projected.

The mount table, sysfs and the platform are handed in, so every kind of place is tested on any machine.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store, location
from meetingkit.store.location import (
    Place,
    examine_place,
    filesystem_type,
    location_warning,
    parse_darwin_mounts,
    parse_mountinfo,
    read_only_notice,
    removable_notice,
)
from meetingkit.ui.app import create_app
from meetingkit.ui.screens import home
from meetingkit.ui.screens.home import HomeScreen
from tests.helpers import RunCli, rendered_text

MOUNTS = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/office rw,relatime shared:20 - nfs4 fileserver:/share rw,vers=4.2
41 40 0:36 / /mnt/office/local\\040disk rw shared:21 - ext4 /dev/sdb1 rw
42 22 0:37 / /media/stick rw,nosuid - vfat /dev/sdc1 rw
43 22 0:38 / /mnt/smb rw - cifs //server/meetings rw
"""


def one_line(text: str) -> str:
    return " ".join(text.split())


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
        ("/mnt/office/meetingkit.db", "on a network drive (nfs4)"),
        ("/mnt/smb/meetingkit.db", "on a network drive (cifs)"),
        ("/home/ana/Dropbox/partnership/meetingkit.db", "sync client copies between computers (Dropbox)"),
        ("/home/ana/OneDrive - Settlement Agency/mk.db", "(OneDrive - Settlement Agency)"),
        ("/Users/ana/Library/CloudStorage/GoogleDrive-ana/mk.db", "(CloudStorage)"),
    ],
)
def test_risky_places_get_a_warning_that_explains_and_advises(path: str, says: str) -> None:
    warning = location_warning(Path(path), mounts=MOUNTS)
    assert warning is not None and says in warning
    assert "write-ahead log" in warning and "one computer" in warning
    assert "lost or the file damaged" in warning
    assert "one file per site" in warning and "`meetingkit merge OTHER.db`" in warning


def test_the_brief_warning_for_a_banner_is_short_plain_and_names_only_what_it_is_given() -> None:
    path = Path("/home/ana/OneDrive - Settlement Agency/partnership/site.db")
    warning = location_warning(path, shown="site.db", mounts=MOUNTS, brief=True)
    assert warning == (
        "site.db is in a synced folder (OneDrive - Settlement Agency). Two sites using one file there can "
        "lose or damage notes. Keep a file per site and bring them together with `meetingkit merge`."
    )
    network = location_warning(Path("/mnt/office/site.db"), shown="site.db", mounts=MOUNTS, brief=True)
    assert network is not None and network.startswith("site.db is on a network drive. ")
    assert "nfs4" not in network and "/mnt" not in network


@pytest.mark.parametrize("path", ["/home/ana/meetingkit.db", "/media/stick/meetingkit.db", "/home/ana/Boxes/mk.db"])
def test_local_disks_and_sticks_get_no_warning(path: str) -> None:
    assert location_warning(Path(path), mounts=MOUNTS) is None


# -- the mount table --------------------------------------------------------------


def test_mountinfo_gives_the_device_the_source_and_read_only() -> None:
    mounts = parse_mountinfo(
        "22 1 259:2 / / rw,relatime - ext4 /dev/nvme0n1p2 rw\n"
        "54 22 8:65 / /media/ana/NO\\040NAME ro,nosuid - vfat /dev/sde1 ro,fmask=0022\n"
        "55 22 7:0 / /mnt/cd rw - iso9660 /dev/loop0 ro\n"  # read-only where the filesystem says so
        "not a mount line\n"
    )
    assert [(m.point, m.device, m.source, m.read_only) for m in mounts] == [
        ("/", "259:2", "/dev/nvme0n1p2", False),
        ("/media/ana/NO NAME", "8:65", "/dev/sde1", True),
        ("/mnt/cd", "7:0", "/dev/loop0", True),
    ]


# -- removable drives on Linux: a sysfs built the way the kernel lays it out --------------------

LINUX_MOUNTS = """\
22 1 259:2 / / rw,relatime - ext4 /dev/nvme0n1p2 rw
50 22 8:33 / /mnt/usb rw,nosuid,nodev - vfat /dev/sdc1 rw
51 22 8:49 / /srv/backup rw - ext4 /dev/sdd1 rw
52 22 253:0 / /mnt/secure rw - ext4 /dev/mapper/luks-stick rw
53 22 179:1 / /mnt/sd rw - exfat /dev/mmcblk0p1 rw
54 22 0:60 / /media/ana/NO\\040NAME ro,nosuid - vfat /dev/sde1 ro
55 22 7:0 / /mnt/iso ro - iso9660 /dev/loop0 ro
56 22 8:33 / /mnt/locked ro,nosuid - vfat /dev/sdc1 ro
57 22 0:61 / /home/ana/Dropbox rw - fuse.dropbox dropbox rw
"""

USB = "devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block"
USB3 = "devices/pci0000:00/0000:00:14.0/usb3/3-2/3-2:1.0/host7/target7:0:0/7:0:0:0/block"


def _disk(sysfs: Path, parent: str, disk: str, partition: str | None, dev: str, *, removable: str) -> Path:
    """A disk (and one partition) under `parent`, with /sys/dev/block and /sys/class/block links to it."""
    folder = sysfs / parent / disk
    folder.mkdir(parents=True)
    (folder / "removable").write_text(removable + "\n")
    target = folder
    if partition:
        target = folder / partition
        target.mkdir()
        (target / "partition").write_text("1\n")
    for links, name in ((sysfs / "dev" / "block", dev), (sysfs / "class" / "block", partition or disk)):
        links.mkdir(parents=True, exist_ok=True)
        (links / name).symlink_to(target)
    return target


@pytest.fixture
def sysfs(tmp_path: Path) -> Path:
    root = tmp_path / "sys"
    _disk(root, "devices/pci0000:00/0000:00:1d.0/nvme/nvme0", "nvme0n1", "nvme0n1p2", "259:2", removable="0")
    stick = _disk(root, USB, "sdc", "sdc1", "8:33", removable="1")
    _disk(root, USB3, "sdd", "sdd1", "8:49", removable="0")  # a USB hard disk calls itself fixed
    mapper = _disk(root, "devices/virtual/block", "dm-0", None, "253:0", removable="0")
    (mapper / "slaves").mkdir()
    (mapper / "slaves" / "sdc1").symlink_to(stick)
    card = _disk(root, "devices/platform/mmc_host/mmc0/mmc0:aaaa/block", "mmcblk0", "mmcblk0p1", "179:1", removable="0")
    (card.parent / "device").mkdir()
    (card.parent / "device" / "type").write_text("SD\n")
    _disk(root, "devices/virtual/block", "loop0", None, "7:0", removable="0")
    return root


@pytest.mark.parametrize(
    ("path", "removable", "read_only"),
    [
        ("/home/ana/meetingkit.db", False, False),  # the laptop's own disk
        ("/mnt/usb/meetingkit.db", True, False),  # the kernel says removable
        ("/srv/backup/meetingkit.db", True, False),  # on USB, though it says it is fixed
        ("/mnt/secure/meetingkit.db", True, False),  # an encrypted stick: judged by the device under it
        ("/mnt/sd/meetingkit.db", True, False),  # an SD card
        ("/media/ana/NO NAME/meetingkit.db", True, True),  # where the desktop mounts drives; no sysfs entry
        ("/mnt/iso/meetingkit.db", False, True),  # a disc image: read-only, not removable
        ("/mnt/locked/meetingkit.db", True, True),  # a stick with its lock switch on
    ],
)
def test_removable_and_read_only_drives_are_recognised(
    sysfs: Path, path: str, removable: bool, read_only: bool
) -> None:
    place = examine_place(Path(path), mounts=LINUX_MOUNTS, sysfs=sysfs, platform="linux")
    assert place == Place(removable=removable, read_only_media=read_only)


def test_a_network_mount_is_network_whatever_sysfs_says(sysfs: Path) -> None:
    place = examine_place(Path("/home/ana/Dropbox/site.db"), mounts=LINUX_MOUNTS, sysfs=sysfs, platform="linux")
    assert place == Place(network="fuse.dropbox", synced="Dropbox")


@pytest.mark.parametrize("mounts", ["", "garbage\n\n - \n1 2 3", None])
def test_nothing_readable_means_an_ordinary_place_never_an_error(tmp_path: Path, mounts: str | None) -> None:
    place = examine_place(tmp_path / "site.db", mounts=mounts, sysfs=tmp_path / "no-sysfs", platform="linux")
    assert not place.removable and not place.network and not place.synced


def test_this_computer_is_examined_without_error(tmp_path: Path) -> None:
    assert examine_place(tmp_path / "site.db") is not None


# -- macOS and Windows ----------------------------------------------------------------

DARWIN_MOUNTS = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
/dev/disk4s1 on /Volumes/STICK (msdos, local, nodev, nosuid, noowners, noatime, fskit)
/dev/disk5 on /Volumes/Minutes 2025 (cd9660, local, nodev, nosuid, read-only, noowners)
//ana@fileserver/meetings on /Volumes/meetings (smbfs, nodev, nosuid, mounted by ana)
"""


@pytest.mark.parametrize(
    ("path", "place"),
    [
        ("/Users/ana/meetingkit.db", Place()),  # under the sealed read-only "/", but not read-only
        ("/Volumes/STICK/meetingkit.db", Place(removable=True)),
        ("/Volumes/Minutes 2025/meetingkit.db", Place(removable=True, read_only_media=True)),
        ("/Volumes/meetings/meetingkit.db", Place(network="smbfs")),
    ],
)
def test_macos_volumes(path: str, place: Place) -> None:
    assert examine_place(Path(path), mounts=DARWIN_MOUNTS, platform="darwin") == place


def test_macos_mount_lines_are_read_with_spaces_in_names() -> None:
    (mount,) = parse_darwin_mounts("/dev/disk5 on /Volumes/Minutes 2025 (cd9660, local, read-only)\n")
    assert (mount.point, mount.fs_type, mount.read_only, mount.local) == ("/Volumes/Minutes 2025", "cd9660", True, True)


@pytest.mark.parametrize(
    ("drive_type", "place"),
    [
        (0, Place()),  # unknown
        (3, Place()),  # a fixed disk
        (2, Place(removable=True)),
        (4, Place(network="network drive")),
        (5, Place(removable=True, read_only_media=True)),  # a CD or DVD
    ],
)
def test_windows_drive_types(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drive_type: int, place: Place) -> None:
    monkeypatch.setattr(location, "_windows_drive_type", lambda path: drive_type)
    assert examine_place(tmp_path / "site.db", platform="win32") == place


def test_asking_windows_about_a_drive_never_fails_elsewhere(tmp_path: Path) -> None:
    assert location._windows_drive_type(Path("E:/site.db")) == 0  # no windll here: unknown
    assert examine_place(tmp_path / "site.db", platform="win32") == Place()


# -- what the banners say ----------------------------------------------------------


def test_a_removable_drive_gets_a_calm_note() -> None:
    assert removable_notice("site.db") == (
        "site.db is on a removable drive, such as a USB stick. That is fine for reviewing it, and for merging it "
        "into a site's file with `meetingkit merge`. Don't unplug the drive while meetingkit is open."
    )


@pytest.mark.parametrize(
    ("place", "why", "unplug"),
    [
        (Place(), "site.db or its folder cannot be written", False),
        (Place(read_only_media=True), "site.db is on a read-only drive", False),
        (Place(removable=True, read_only_media=True), "site.db is on a removable drive that is locked or read-only", True),
        (Place(removable=True), "site.db or its folder cannot be written", True),
    ],
)
def test_read_only_says_review_only_and_how_to_work_on_it(place: Place, why: str, unplug: bool) -> None:
    notice = read_only_notice("site.db", place)
    assert notice.startswith(f"Read-only: {why}, so it is open for review only and nothing can be saved.")
    assert "copy it to this computer, or merge it into this site's file with `meetingkit merge`" in notice
    assert ("Leave the drive plugged in" in notice) is unplug


# -- the command line ----------------------------------------------------------------


def test_the_command_line_warns_on_stderr_and_still_works(tmp_path: Path, cli: RunCli) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    db = synced / "meetingkit.db"
    result = cli("--db", str(db), "meetings")
    assert result.returncode == 0
    assert "meetingkit: warning:" in result.stderr and "sync client" in result.stderr
    assert "`meetingkit merge OTHER.db`" in result.stderr
    where = cli("--db", str(db), "where")
    assert "warning:" in where.stdout and "Dropbox" in where.stdout and "one file per site" in where.stdout


# -- the home screen -----------------------------------------------------------------


def _pretend_mounted(monkeypatch: pytest.MonkeyPatch, folder: Path, sysfs: Path, *, read_only: bool = False) -> None:
    """Make the home screen see `folder` as the USB stick of the `sysfs` fixture (device 8:33)."""
    mounts = f"22 1 259:2 / / rw - ext4 /dev/nvme0n1p2 rw\n50 22 8:33 / {folder.resolve()} {'ro' if read_only else 'rw'} - vfat /dev/sdc1 rw\n"
    monkeypatch.setattr(home, "examine_place", functools.partial(examine_place, mounts=mounts, sysfs=sysfs, platform="linux"))


async def test_the_home_screen_shows_the_warning_naming_only_the_file(tmp_path: Path, library: AgendaLibrary) -> None:
    synced = tmp_path / "OneDrive"
    synced.mkdir()
    store = Store.open(synced / "site.db")
    app = create_app(store, library)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            banner = one_line(rendered_text(app.screen.query_one("#location-warning")))
            assert banner.startswith("site.db is in a synced folder (OneDrive). Two sites using one file")
            assert "`meetingkit merge`" in banner and str(tmp_path) not in banner
            assert not app.screen.query("#removable-banner") and not app.screen.query("#read-only-banner")
    finally:
        store.close()


async def test_a_stick_gets_a_calm_banner_and_meetings_still_run(
    tmp_path: Path, sysfs: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "STICK"
    stick.mkdir()
    _pretend_mounted(monkeypatch, stick, sysfs)
    store = Store.open(stick / "site.db")
    app = create_app(store, library)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            banner = one_line(rendered_text(app.screen.query_one("#removable-banner")))
            assert banner.startswith("site.db is on a removable drive, such as a USB stick.")
            assert "Don't unplug the drive while meetingkit is open." in banner
            assert str(tmp_path) not in banner and not app.screen.query("#location-warning")
            await pilot.press("n")  # writable: a meeting can still be started from the stick
            await pilot.pause()
            assert not isinstance(app.screen, HomeScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen) and app.screen.query_one("#removable-banner").display
            assert app.screen.query_one("#partnerships-panel").region.height >= 3
    finally:
        store.close()


async def test_a_locked_stick_opens_for_review_only(
    tmp_path: Path, sysfs: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "STICK"
    stick.mkdir()
    with Store.open(stick / "site.db") as writer:
        writer.partnerships.ensure("Eastside office")
    _pretend_mounted(monkeypatch, stick, sysfs, read_only=True)
    real_access = os.access  # root may write anywhere: the drive's refusal is stood in for here
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    store = Store.open(stick / "site.db")
    assert store.read_only
    app = create_app(store, library)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            banner = one_line(rendered_text(app.screen.query_one("#read-only-banner")))
            assert banner.startswith("Read-only: site.db is on a removable drive that is locked or read-only")
            assert "copy it to this computer, or merge it into this site's file with `meetingkit merge`" in banner
            assert "Leave the drive plugged in until you quit." in banner and str(tmp_path) not in banner
            assert not app.screen.query("#removable-banner")  # one banner says it all
            assert "Eastside office" in rendered_text(app.screen.query_one("#partnerships"))
            await pilot.press("n")  # nothing can be started here
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert app.screen.query_one("#partnerships-panel").region.height >= 3
    finally:
        store.close()


def test_where_says_when_the_file_is_on_a_stick_or_a_read_only_drive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import meetingkit.cli as cli
    import meetingkit.cli.where as where_command

    database = tmp_path / "site.db"
    for place, says in (
        (Place(removable=True), "is on a removable drive, such as a USB stick"),
        (Place(removable=True, read_only_media=True), "removable drive that is locked or read-only"),
        (Place(), None),
    ):
        monkeypatch.setattr(where_command, "examine_place", lambda path, place=place: place)
        assert cli.main(["--db", str(database), "where"]) == 0
        printed = capsys.readouterr().out
        if says:
            assert "note: " in printed and f"{database} is on a" in printed and says in printed
        else:
            assert "note:" not in printed
