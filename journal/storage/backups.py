"""Backups of a journal, kept beside it in ``backups/``, and restoring from them.

Every backup is made with SQLite's online backup API, checked, and kept 0600.
Rotation keeps the newest daily backup of each of the last 10 days and of each
of the last 8 weeks; backups made on request, before a schema upgrade or before
a restore are always kept.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from journal.clock import now_local
from journal.errors import JournalUnusable
from journal.storage import sqlite_file
from journal.storage.revisions import SCHEMA_HEAD, known_revisions

DAILY_KEPT = 10
WEEKLY_KEPT = 8
KINDS = ("daily", "manual", "pre-upgrade", "pre-restore")
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<kind>[a-z-]+)\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    kind: str
    number: int = 1  # the second backup made within the same second is number 2


def backup_folder(journal_path: Path) -> Path:
    return journal_path.parent / "backups"


def list_backups(journal_path: Path) -> list[Backup]:
    """The journal's backups, newest first."""
    folder = backup_folder(journal_path)
    found: list[Backup] = []
    if not folder.is_dir():
        return found
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match and match["stem"] == journal_path.stem and match["kind"] in KINDS:
            made = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            found.append(Backup(entry, made, match["kind"], int(match["n"] or 1)))
    return sorted(found, key=lambda b: (b.made, b.number, b.path.name), reverse=True)


def make_backup(journal_path: Path, *, kind: str = "manual", target: Path | None = None) -> Path:
    """Copy the journal into its backup folder (or ``target``) and rotate old backups."""
    if kind not in KINDS:
        raise ValueError(kind)
    if target is None:
        stamp = now_local().strftime("%Y%m%d-%H%M%S")
        folder = backup_folder(journal_path)
        target = folder / f"{journal_path.stem}-{stamp}-{kind}.sqlite3"
        counter = 1
        while target.exists():
            counter += 1
            target = folder / f"{journal_path.stem}-{stamp}-{counter}-{kind}.sqlite3"
    try:
        sqlite_file.copy_database(journal_path, target)
    except OSError as exc:
        raise JournalUnusable(f"The backup {target} could not be written: {exc.strerror}.") from None
    rotate(journal_path)
    return target


def backed_up_today(journal_path: Path) -> bool:
    today = now_local().date()
    return any(b.made.date() == today for b in list_backups(journal_path))


def daily_backup(journal_path: Path) -> Path | None:
    """The backup of the first open of the day; None when today's exists already."""
    if backed_up_today(journal_path):
        return None
    return make_backup(journal_path, kind="daily")


def rotate(journal_path: Path) -> list[Path]:
    """Delete the backups that the keeping rule no longer needs; return them."""
    backups = list_backups(journal_path)
    # Only the automatic daily copies rotate. A backup someone asked for, or one taken
    # before an upgrade or a restore, is kept: rotating it away could delete the very
    # file a person was just told holds their journal, seconds after it was made.
    keep: set[Path] = {b.path for b in backups if b.kind != "daily"}
    days: dict[object, Path] = {}
    weeks: dict[object, Path] = {}
    for backup in (b for b in backups if b.kind == "daily"):  # newest first: the first of a day or week is its newest
        days.setdefault(backup.made.date(), backup.path)
        weeks.setdefault(backup.made.isocalendar()[:2], backup.path)
    keep.update(list(days.values())[:DAILY_KEPT])
    keep.update(list(weeks.values())[:WEEKLY_KEPT])
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def newest_good_backup(journal_path: Path) -> Backup | None:
    """The newest backup that passes SQLite's integrity check and is a journal."""
    for backup in list_backups(journal_path):
        if sqlite_file.quick_problem(backup.path, thorough=True) is None:
            return backup
    return None


def set_aside(journal_path: Path, reason: str) -> Path:
    """Move a journal (and its WAL files) out of the way under a new name; return the new path."""
    stamp = now_local().strftime("%Y%m%d-%H%M%S")
    aside = journal_path.with_name(f"{journal_path.stem}-{reason}-{stamp}{journal_path.suffix}")
    for suffix in ("-wal", "-shm"):
        companion = journal_path.with_name(journal_path.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    os.replace(journal_path, aside)
    return aside


def restore(journal_path: Path, backup_path: Path) -> Path | None:
    """Put a backup in place of the journal. Returns where the old journal went, if it was set aside.

    A healthy current journal is backed up first (kind ``pre-restore``); a damaged
    one is moved aside under a new name. Nothing happens unless the backup passes
    SQLite's integrity check and was written by a version of the app that can
    read it.
    """
    problem = sqlite_file.quick_problem(backup_path, thorough=True)
    if problem:
        raise JournalUnusable(f"The backup {backup_path} cannot be restored. {problem}")
    _refuse_unknown_schema(backup_path)
    staged = journal_path.with_name(f".{journal_path.name}.{os.getpid()}.restoring")
    try:
        sqlite_file.copy_database(backup_path, staged)
        aside: Path | None = None
        if journal_path.exists():
            if sqlite_file.quick_problem(journal_path) is None:
                make_backup(journal_path, kind="pre-restore")
                _drop_wal(journal_path)
            else:
                aside = set_aside(journal_path, "damaged")
        os.replace(staged, journal_path)
    finally:
        staged.unlink(missing_ok=True)
    sqlite_file.fsync_directory(journal_path.parent)
    return aside


def _refuse_unknown_schema(backup_path: Path) -> None:
    """Refuse a backup whose schema revision this version does not know (made by a newer version)."""
    revision = sqlite_file.schema_revision(backup_path)
    if revision is None or (revision != SCHEMA_HEAD and revision not in known_revisions()):
        raise JournalUnusable(
            f"The backup {backup_path} was made by a newer version of Mutual Aid Journal (its schema revision "
            f"{revision or '(none)'} is unknown to this version), so this version could not open the journal it "
            "would become. Update the app to restore it. Nothing was changed."
        )


def _drop_wal(journal_path: Path) -> None:
    """Fold the WAL into the journal and remove it, so it can never be replayed onto the restored file."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(journal_path, timeout=10)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        journal_path.with_name(journal_path.name + suffix).unlink(missing_ok=True)


_LEFTOVER = re.compile(r"^\.(?P<name>.+?)\.(?P<pid>\d+)\.(?:restoring|partial)(?:\.\d+\.partial)?$")
_OLD_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?:restoring|partial)$")
LEFTOVER_AGE_SECONDS = 3600.0


def remove_leftovers(journal_path: Path) -> list[Path]:
    """Remove the half-made copies a killed backup or restore left beside the journal and in its backups; return them.

    A copy still being made is left alone: its name holds the id of the
    process making it, which must be gone (a copy named before process ids
    were added must be an hour old). Only files named for this journal or its
    backups are looked at.
    """
    removed: list[Path] = []
    places = [(journal_path.parent, journal_path.name), (backup_folder(journal_path), journal_path.stem + "-")]
    for folder, prefix in places:
        try:
            entries = [e for e in folder.iterdir() if e.name.startswith(".") and e.name.lstrip(".").startswith(prefix)]
        except OSError:
            continue
        for entry in entries:
            if _abandoned(entry):
                try:
                    entry.unlink()
                except OSError:
                    continue
                removed.append(entry)
    return removed


def _abandoned(entry: Path) -> bool:
    match = _LEFTOVER.match(entry.name)
    if match:
        return not _process_alive(int(match["pid"]))
    if _OLD_LEFTOVER.match(entry.name):
        try:
            age = now_local().timestamp() - entry.stat().st_mtime
        except OSError:
            return False
        return age > LEFTOVER_AGE_SECONDS
    return False


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def age_text(made: datetime, now: datetime | None = None) -> str:
    """'today at 09:12', 'yesterday at 18:40' or '3 days ago', for the app's status line."""
    now = now or now_local()
    if made.date() == now.date():
        return f"today at {made:%H:%M}"
    if made.date() == (now - timedelta(days=1)).date():
        return f"yesterday at {made:%H:%M}"
    return f"{(now.date() - made.date()).days} days ago"
