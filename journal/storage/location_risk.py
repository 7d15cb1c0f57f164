"""Warning when a journal sits where SQLite files can be damaged: sync folders and network drives.

SQLite's WAL needs shared memory on one machine; a sync client copying the
file mid-write, or a network file system, can corrupt it.
"""

from __future__ import annotations

import os
from pathlib import Path

SYNC_FOLDER_NAMES = (
    "dropbox",
    "onedrive",
    "nextcloud",
    "owncloud",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "iclouddrive",
    "mobile documents",
    "box sync",
    "pcloud",
    "mega",
    "seafile",
    "syncthing",
    "sync.com",
)
NETWORK_FILE_SYSTEMS = (
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "sshfs",
    "fuse.sshfs",
    "9p",
    "afs",
    "fuse.rclone",
    "fuse.s3fs",
    "davfs",
    "fuse.davfs2",
    "glusterfs",
    "ceph",
)


def _mount_type(path: Path, mounts: str) -> str | None:
    best, kind = "", None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (str(path) == point or str(path).startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, kind = point, parts[2]
    return kind


def location_warning(journal_path: Path, mounts: str | None = None) -> str | None:
    """A sentence warning about the journal's folder, or None when it looks safe."""
    resolved = Path(os.path.abspath(journal_path))
    lowered = [part.lower() for part in resolved.parts]
    for name in SYNC_FOLDER_NAMES:
        if any(part == name or part.startswith(name + " ") or part.startswith(name + "-") for part in lowered):
            return (
                f"Your journal {resolved} is inside a sync folder ({name.title()}). Sync clients can copy a SQLite "
                "file while it is being written and damage it. "
                "Keep the journal on your own disk and back it up instead."
            )
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            mounts = ""
    kind = _mount_type(resolved, mounts)
    if kind in NETWORK_FILE_SYSTEMS:
        return (
            f"Your journal {resolved} is on a network drive ({kind}). SQLite files can be damaged there. "
            "Keep the journal on your own disk and back it up instead."
        )
    return None
