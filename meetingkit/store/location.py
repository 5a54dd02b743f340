"""Where a database file lives, and whether SQLite can keep it safe there.

SQLite's write-ahead log relies on shared memory and file locks that work only
when every user of the file is on the same computer. A network share (NFS, SMB)
or a folder a sync client copies between computers (Dropbox, OneDrive, Google
Drive, iCloud) breaks that: two sites writing at once can corrupt the file, and a
sync client can copy the database without its `-wal` file. meetingkit still opens
such a file, since refusing would strand someone's notes, but says so plainly and
points to the safe way: a file per site, brought together with merge.

A file on a removable drive (a USB stick, an SD card) is fine: it is one computer's
disk for as long as it is plugged in. The app says where it is, calmly, so nobody
unplugs it mid-meeting; and a file on read-only media opens for review, with how to
work on it. Everything here only reads (the mount table, sysfs); nothing it cannot
read is an error, only a place it does not recognise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

from meetingkit.core.i18n import _

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb", "afs", "ceph", "glusterfs", "lustre", "gpfs", "9p",
    "ncpfs", "coda", "davfs", "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse",
    "fuse.davfs2", "fuse.gvfsd-fuse", "fuse.glusterfs", "fuse.cephfs", "fuse.dropbox",
    "afpfs", "webdav",  # macOS names
})  # fmt: skip
"""Filesystem types (as Linux's mount table, or macOS's `mount`, names them) whose files live on another computer."""

SYNCED_FOLDER_NAMES = (
    "Dropbox", "OneDrive", "Google Drive", "GoogleDrive", "My Drive", "iCloud Drive", "Mobile Documents",
    "CloudStorage", "Box Sync", "Nextcloud", "ownCloud", "pCloud Drive", "MEGAsync", "SynologyDrive",
)
"""Folder names sync clients use for the folders they copy between computers."""

REMOVABLE_MOUNT_FOLDERS = ("/media/", "/run/media/")
"""Where Linux desktops (udisks) mount drives as they are plugged in."""

def _risk() -> str:
    return _("SQLite's write-ahead log only works when everyone using the file is on one computer. If two sites "
             "open the same file, or a sync client copies it while it is open, notes can be lost or the file damaged.")


def _advice() -> str:
    return _("Safer: keep one file per site, on that site's own computer, and bring them together with "
             "`meetingkit merge OTHER.db` (the other site's file is only read, never changed).")


class Mount(NamedTuple):  # a NamedTuple, not a dataclass: `where` starts without importing dataclasses
    """One line of the mount table, as much of it as matters here."""

    point: str
    fs_type: str
    source: str = ""
    device: str = ""
    """The device's `major:minor` (Linux), else empty."""
    read_only: bool = False
    local: bool = True
    """False when macOS's `mount` does not say "local"; always True from Linux's table."""


class Place(NamedTuple):
    """What kind of place a database file is in."""

    network: str | None = None
    """The network filesystem's type (or "network drive"), if the file is on one."""
    synced: str | None = None
    """The name of the synced folder the file is in, if any."""
    removable: bool = False
    """On a drive that can be unplugged: a USB stick, an SD card, an external drive (macOS /Volumes)."""
    read_only_media: bool = False
    """The drive itself is mounted read-only (a locked stick, a CD), not just the file's permissions."""


# -- the mount table ----------------------------------------------------------------


def parse_mountinfo(text: str) -> list[Mount]:
    """Linux's /proc/self/mountinfo, one `Mount` a line (lines it cannot read are skipped)."""
    mounts = []
    for line in text.splitlines():
        fields, _, rest = line.partition(" - ")
        parts, tail = fields.split(), rest.split()
        if len(parts) < 6 or not tail:
            continue
        options = set(parts[5].split(",")) | set(tail[2].split(",") if len(tail) > 2 else ())
        mounts.append(Mount(
            point=_unescape(parts[4]), fs_type=tail[0], source=_unescape(tail[1]) if len(tail) > 1 else "",
            device=parts[2], read_only="ro" in options,
        ))  # fmt: skip
    return mounts


def parse_darwin_mounts(text: str) -> list[Mount]:
    """The output of macOS's `mount`: `/dev/disk4s1 on /Volumes/STICK (msdos, local, nodev, read-only)`."""
    mounts = []
    for line in text.splitlines():
        source, on, rest = line.partition(" on ")
        point, paren, options_text = rest.rpartition(" (")
        if not on or not paren:
            continue
        options = [option.strip() for option in options_text.rstrip(")").split(",")]
        mounts.append(Mount(
            point=point, fs_type=options[0], source=source,
            read_only="read-only" in options, local="local" in options,
        ))  # fmt: skip
    return mounts


def _unescape(field: str) -> str:
    """Mountinfo writes a space, tab, newline or backslash in a path as an octal escape."""
    for escape, character in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(escape, character)
    return field


def _read_mounts(platform: str) -> str | None:
    """This computer's mount table as text, or None where there is none to read."""
    if platform == "darwin":
        import subprocess  # only here: `meetingkit where` elsewhere starts without it

        try:
            return subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=2, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError, ValueError):
            return None
    try:
        return Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except (OSError, ValueError):
        return None


def mount_of(path: Path, mounts: list[Mount]) -> Mount | None:
    """The mount `path` is on: the deepest mount point that contains it."""
    target = str(path)
    best: Mount | None = None
    for mount in mounts:
        point = mount.point
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best.point)):
            best = mount
    return best


def filesystem_type(path: Path, mounts: str | None = None) -> str | None:
    """The type of filesystem `path` is on, from Linux's mount table (None where there is none).

    Args:
        mounts: The text of /proc/self/mountinfo (read when not given; for tests).
    """
    if mounts is None:
        mounts = _read_mounts("linux")
        if mounts is None:
            return None
    found = mount_of(_absolute(path), parse_mountinfo(mounts))
    return found.fs_type if found else None


def _absolute(path: Path) -> Path:
    """The path with links resolved as far as it exists (the file itself may not exist yet)."""
    try:
        return path.expanduser().resolve()
    except OSError:
        return Path(os.path.abspath(path.expanduser()))


# -- removable drives -------------------------------------------------------------------


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def _block_device(mount: Mount, sysfs: Path) -> Path | None:
    """The sysfs folder of the mount's block device (a partition or a whole disk), if it has one."""
    candidates = []
    if mount.device:
        candidates.append(sysfs / "dev" / "block" / mount.device)
    if mount.source.startswith("/dev/"):
        candidates.append(sysfs / "class" / "block" / Path(mount.source).name)
    for candidate in candidates:
        try:
            if candidate.exists():
                return candidate.resolve()
        except OSError:
            continue
    return None


def _is_removable_device(device: Path, depth: int = 0) -> bool:
    """A block device that can be unplugged: the kernel says removable, it hangs off USB, or it is an SD card.

    A partition is judged by its disk; a device-mapper device (an encrypted stick) by the devices under it.
    """
    disk = device.parent if (device / "partition").exists() else device
    if _read(disk / "removable") == "1":
        return True
    if "/usb" in str(disk) or _read(disk / "device" / "type") == "SD":
        return True
    if depth < 4:
        try:
            slaves = list((disk / "slaves").iterdir())
        except OSError:
            slaves = []
        return any(_is_removable_device(slave.resolve(), depth + 1) for slave in slaves)
    return False


def _windows_drive_type(path: Path) -> int:
    """GetDriveTypeW for the path's drive letter (0 when unknown): 2 removable, 4 network, 5 CD/DVD."""
    drive = path.drive
    if not drive or drive.startswith("\\\\"):
        return 0
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\"))  # type: ignore[attr-defined]
    except Exception:  # no ctypes, no windll: not knowing is fine
        return 0


def examine_place(
    path: Path, *, mounts: str | None = None, sysfs: Path | None = None, platform: str | None = None
) -> Place:
    """What kind of place `path` is in: network, synced folder, removable drive, read-only media.

    Args:
        mounts: The mount table as text: Linux's /proc/self/mountinfo, or macOS's `mount`
            output (read when not given; for tests).
        sysfs: Where Linux's sysfs is (/sys unless given; for tests).
        platform: `sys.platform` unless given (for tests).
    """
    platform = platform or sys.platform
    absolute = _absolute(path)
    network: str | None = None
    removable = read_only_media = False
    if platform == "win32":
        drive_type = _windows_drive_type(absolute)
        if str(absolute).startswith("\\\\") or drive_type == 4:
            network = "network drive"
        removable = drive_type in (2, 5)
        read_only_media = drive_type == 5
    else:
        text = mounts if mounts is not None else _read_mounts(platform)
        table = (parse_darwin_mounts if platform == "darwin" else parse_mountinfo)(text or "")
        mount = mount_of(absolute, table)
        if mount is not None:
            if mount.fs_type in NETWORK_FILESYSTEMS:
                network = mount.fs_type
            elif platform == "darwin":
                # The sealed system volume "/" is read-only, yet /Users is on a writable one.
                read_only_media = mount.read_only and mount.point != "/"
                removable = mount.local and mount.point.startswith("/Volumes/")
            else:
                read_only_media = mount.read_only
                device = _block_device(mount, sysfs or Path("/sys"))
                removable = (device is not None and _is_removable_device(device)) or (
                    mount.point + "/"
                ).startswith(REMOVABLE_MOUNT_FOLDERS)
    synced = next((part for part in absolute.parts[:-1] if part in SYNCED_FOLDER_NAMES
                   or part.startswith(("OneDrive - ", "Dropbox (", "GoogleDrive-"))), None)  # fmt: skip
    return Place(network=network, synced=synced, removable=removable, read_only_media=read_only_media)


# -- what to say ------------------------------------------------------------------


def location_warning(
    path: Path,
    *,
    shown: str | None = None,
    mounts: str | None = None,
    brief: bool = False,
    place: Place | None = None,
) -> str | None:
    """A warning if the file is on a network filesystem or in a synced folder, else None.

    Args:
        shown: How to name the file (the screen may be projected: the app passes only its name).
        brief: Three short sentences for a banner, instead of the whole explanation
            (for `meetingkit where` and the command line's stderr).
        place: What `examine_place` found, if it was already asked.
    """
    place = place or examine_place(path, mounts=mounts)
    name = shown or str(path)
    if place.network:
        if brief or place.network == "network drive":
            where = _("{name} is on a network drive.").format(name=name)
        else:
            where = _("{name} is on a network drive ({kind}).").format(name=name, kind=place.network)
    elif place.synced:
        if brief:
            where = _("{name} is in a synced folder ({folder}).").format(name=name, folder=place.synced)
        else:
            where = _("{name} is inside a folder a sync client copies between computers ({folder}).").format(
                name=name, folder=place.synced)
    else:
        return None
    if brief:
        return where + " " + _("Two sites using one file there can lose or damage notes. "
                               "Keep a file per site and bring them together with `meetingkit merge`.")
    return f"{where} {_risk()} {_advice()}"


def read_only_notice(name: str, place: Place) -> str:
    """The banner for a file that opened for review only (`Store.read_only`), naming the file as `name`."""
    if place.read_only_media and place.removable:
        why = _("Read-only: {name} is on a removable drive that is locked or read-only, so it is open for "
                "review only and nothing can be saved.").format(name=name)
    elif place.read_only_media:
        why = _("Read-only: {name} is on a read-only drive, so it is open for review only and nothing can "
                "be saved.").format(name=name)
    else:
        why = _("Read-only: {name} or its folder cannot be written, so it is open for review only and "
                "nothing can be saved.").format(name=name)
    advice = _("To work on it, copy it to this computer, or merge it into this site's file with "
               "`meetingkit merge` and its path.")
    unplug = " " + _("Leave the drive plugged in until you quit.") if place.removable else ""
    return f"{why} {advice}{unplug}"


def removable_notice(name: str) -> str:
    """The banner for a writable file on a removable drive, naming the file as `name`."""
    return _("{name} is on a removable drive, such as a USB stick. That is fine for reviewing it, and for "
             "merging it into a site's file with `meetingkit merge`. Don't unplug the drive while meetingkit "
             "is open.").format(name=name)
