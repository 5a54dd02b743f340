"""Where a database file lives, and whether SQLite can keep it safe there.

SQLite's write-ahead log relies on shared memory and file locks that work only
when every user of the file is on the same computer. A network share (NFS, SMB)
or a folder a sync client copies between computers (Dropbox, OneDrive, Google
Drive, iCloud) breaks that: two sites writing at once can corrupt the file, and a
sync client can copy the database without its `-wal` file. meetingkit still opens
such a file, since refusing would strand someone's notes, but says so plainly and
points to the safe way: a file per site, brought together with merge.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb", "afs", "ceph", "glusterfs", "lustre", "gpfs", "9p",
    "ncpfs", "coda", "davfs", "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse",
    "fuse.davfs2", "fuse.gvfsd-fuse", "fuse.glusterfs", "fuse.cephfs", "fuse.dropbox",
})  # fmt: skip
"""Filesystem types (as Linux's mount table names them) whose files live on another computer."""

SYNCED_FOLDER_NAMES = (
    "Dropbox", "OneDrive", "Google Drive", "GoogleDrive", "My Drive", "iCloud Drive", "Mobile Documents",
    "CloudStorage", "Box Sync", "Nextcloud", "ownCloud", "pCloud Drive", "MEGAsync", "SynologyDrive",
)
"""Folder names sync clients use for the folders they copy between computers."""

ADVICE = (
    "SQLite's write-ahead log needs everyone using the file on one computer: two computers writing at once "
    "can damage it, and a sync client can copy it half-written. Keep the database on this computer's own "
    "disk (or a USB stick), one file per site, and move it only with meetingkit closed."
)


def filesystem_type(path: Path, mounts: str | None = None) -> str | None:
    """The type of filesystem `path` is on, from Linux's mount table (None where there is none).

    Args:
        mounts: The text of /proc/self/mountinfo (read when not given; for tests).
    """
    if mounts is None:
        try:
            mounts = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = str(_absolute(path))
    best, best_type = "", None
    for line in mounts.splitlines():
        fields, _, rest = line.partition(" - ")
        parts, tail = fields.split(), rest.split()
        if len(parts) < 5 or not tail:
            continue
        mount_point = parts[4].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, tail[0]
    return best_type


def _absolute(path: Path) -> Path:
    """The path with links resolved as far as it exists (the file itself may not exist yet)."""
    try:
        return path.expanduser().resolve()
    except OSError:
        return Path(os.path.abspath(path.expanduser()))


def location_warning(path: Path, *, shown: str | None = None, mounts: str | None = None) -> str | None:
    """One paragraph if the file is on a network filesystem or in a synced folder, else None.

    Args:
        shown: How to name the file (the screen may be projected: the app passes only its name).
    """
    absolute = _absolute(path)
    name = shown or str(path)
    if sys.platform == "win32" and str(absolute).startswith("\\\\"):
        return f"{name} is on a network share. {ADVICE}"
    kind = filesystem_type(absolute, mounts)
    if kind in NETWORK_FILESYSTEMS:
        return f"{name} is on a network filesystem ({kind}). {ADVICE}"
    synced = next((part for part in absolute.parts[:-1] if part in SYNCED_FOLDER_NAMES
                   or part.startswith(("OneDrive - ", "Dropbox (", "GoogleDrive-"))), None)
    if synced:
        return f"{name} is inside a folder a sync client copies between computers ({synced}). {ADVICE}"
    return None
