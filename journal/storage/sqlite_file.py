"""Low-level checks and copies of a SQLite journal file, below SQLAlchemy.

Everything here reads a file without changing it (``mode=ro``) or writes a new
file beside the target and moves it into place atomically.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import struct
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import BinaryIO

from journal.errors import JournalUnusable

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_DEADLINE_SECONDS = 30.0


def private_file(path: Path) -> None:
    """Create an empty file readable and writable by its owner alone (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # a new folder is the owner's alone
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)


def has_sqlite_header(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == SQLITE_HEADER


class AccessProblem(str):
    """A reason the journal cannot be read that is not damage (a read-only folder, a full disk, a busy file).

    It is still a sentence (a str); its type tells callers not to treat the
    journal as damaged: not to set it aside, not to offer a backup in its place.
    """


class ForeignLog(AccessProblem):
    """A write-ahead log beside the journal that did not come from it. Not damage: the journal is as it was."""


class NotAJournal(str):
    """A file that is not a journal at all (empty, not SQLite, another program's database), rather than a damaged one.

    Refused all the same; no backup is offered for it when a journal is opened.
    """


def quick_problem(path: Path, *, thorough: bool = False) -> str | None:
    """A sentence saying why ``path`` is not a usable journal, or None when it is.

    Reads only: the file header, SQLite's quick (or full) check, and the schema
    version table that every journal has.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        return AccessProblem(f"The journal {path} cannot be read: {exc.strerror}.")
    if size == 0:
        return NotAJournal(f"The file {path} is empty: it is not a journal.")
    try:
        if not has_sqlite_header(path):
            return NotAJournal(f"The file {path} is not a journal (it is not a SQLite database).")
    except OSError as exc:
        return AccessProblem(f"The journal {path} cannot be read: {exc.strerror}.")
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    already_there = [c for c in companions if c.exists()]
    foreign = foreign_log_problem(path)
    if foreign is not None:
        return foreign
    problem = _database_problem(path, thorough=thorough)
    if problem is not None:
        _remove_new_companions(companions, already_there)
    return problem


WAL_MAGIC = {0x377F0682: "<", 0x377F0683: ">"}  # the checksums' byte order
WAL_HEADER, FRAME_HEADER = 32, 24


# The clean-close marker is an extended attribute of the journal file: it changes neither the
# file's bytes nor its folder. Where the system has none, no journal is marked, and only a log
# whose page size is not the journal's is told apart.
CLEAN_CLOSE_ATTRIBUTE = "user.mutual_aid_journal.closed_cleanly"
_NO_ATTRIBUTE = (errno.ENODATA, errno.ENOTSUP, errno.EOPNOTSUPP)


def marked_closed_cleanly(path: Path) -> bool:
    """Whether the last session that wrote to the journal closed it, leaving no changes in its log."""
    try:
        return os.getxattr(path, CLEAN_CLOSE_ATTRIBUTE) == b"1"
    except (OSError, AttributeError):
        return False


def forget_clean_close(path: Path) -> None:
    """Take the clean-close marker away before a write; OSError when it stays."""
    if not marked_closed_cleanly(path):
        return
    try:
        os.removexattr(path, CLEAN_CLOSE_ATTRIBUTE)
    except AttributeError:
        return
    except OSError as exc:
        if exc.errno not in _NO_ATTRIBUTE:
            raise


def foreign_log_problem(path: Path) -> str | None:
    """A sentence when a ``-wal`` beside the journal holds changes that cannot have come from it.

    SQLite replays any log whose frames are valid in themselves: nothing in
    them ties them to one database. So the app ties them: a session that
    writes removes the journal's clean-close marker first, and puts it back
    only once it has closed and no changes are left in the log. Changes in a
    log beside a journal with the marker came from elsewhere (a log copied in,
    or left by another copy of the journal); so does a log whose page size is
    not the journal's. Such a log is refused, not replayed.
    """
    wal = path.with_name(path.name + "-wal")
    try:
        if not wal.exists() or wal.stat().st_size < WAL_HEADER:
            return None
        with open(path, "rb") as handle:
            header = handle.read(100)
        page_size = struct.unpack(">H", header[16:18])[0] if len(header) == 100 else 0
        page_size = 65536 if page_size == 1 else page_size
        with open(wal, "rb") as handle:
            wal_header = handle.read(WAL_HEADER)
            magic, _version, wal_page_size = struct.unpack(">III", wal_header[:12])
            if magic not in WAL_MAGIC:
                return None  # SQLite ignores it too
            if wal_page_size != page_size:
                return _foreign(path, wal, "its pages are not the journal's size")
            if marked_closed_cleanly(path) and has_committed_frames(handle, wal_header):
                return _foreign(path, wal, "it holds changes, but the journal was closed cleanly since")
    except OSError:
        return None
    return None


def _foreign(path: Path, wal: Path, why: str) -> str:
    return ForeignLog(
        f"Beside the journal {path} is a write-ahead log {wal} that did not come from it ({why}; it was "
        f"probably copied in from another file). It was not replayed, and the journal was not changed. Move "
        f"{wal.name} out of that folder to open the journal as it was last closed."
    )


def has_committed_frames(handle: BinaryIO, wal_header: bytes) -> bool:
    """Whether SQLite would replay anything from this log: a commit frame reached through valid frames."""
    order = WAL_MAGIC[struct.unpack(">I", wal_header[:4])[0]]
    page_size = struct.unpack(">I", wal_header[8:12])[0]
    salts = wal_header[16:24]
    s0, s1 = _checksum(wal_header[:24], order, 0, 0)
    if (s0, s1) != struct.unpack(">II", wal_header[24:32]):
        return False
    while True:
        frame = handle.read(FRAME_HEADER + page_size)
        if len(frame) < FRAME_HEADER + page_size or frame[8:16] != salts:
            return False
        s0, s1 = _checksum(frame[:8], order, s0, s1)
        s0, s1 = _checksum(frame[FRAME_HEADER:], order, s0, s1)
        if (s0, s1) != struct.unpack(">II", frame[16:24]):
            return False
        if struct.unpack(">I", frame[4:8])[0] != 0:  # the database's size after a commit
            return True


def _checksum(data: bytes, order: str, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def mark_closed_cleanly(path: Path) -> None:
    """Mark a journal whose log holds no changes as closed cleanly (see foreign_log_problem)."""
    try:
        if _log_holds_changes(path):
            return
        os.setxattr(path, CLEAN_CLOSE_ATTRIBUTE, b"1")
        if _log_holds_changes(path):  # another program wrote meanwhile
            forget_clean_close(path)
    except (OSError, AttributeError):
        pass


def _log_holds_changes(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        with open(wal, "rb") as handle:
            header = handle.read(WAL_HEADER)
            if len(header) < WAL_HEADER or struct.unpack(">I", header[:4])[0] not in WAL_MAGIC:
                return False
            return has_committed_frames(handle, header)
    except FileNotFoundError:
        return False


def _remove_new_companions(companions: list[Path], already_there: list[Path]) -> None:
    """Take away the empty -wal and its -shm that a read of a WAL-mode file left beside it.

    A look at a file that turned out not to be a usable journal (someone else's
    database, say) must leave its folder as it was. Only files that were not
    there before are removed, and only when the -wal holds nothing.
    """
    wal, shm = companions
    if already_there or not wal.exists():
        return
    try:
        if wal.stat().st_size == 0:
            wal.unlink()
            shm.unlink(missing_ok=True)
    except OSError:
        pass


def _database_problem(path: Path, *, thorough: bool) -> str | None:
    try:
        with closing(connect_read_only(path)) as conn, sqlite_messages():
            # The report quotes names and text from the damaged pages, which may not be UTF-8.
            conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
            pragma = "integrity_check" if thorough else "quick_check"
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
            if rows != [("ok",)]:
                detail = "; ".join(str(r[0]) for r in rows[:3])
                return f"The journal {path} is damaged (SQLite reports: {detail})."
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables or "activities" not in tables:
                return NotAJournal(f"The file {path} is a SQLite database but not a Mutual Aid Journal.")
    except sqlite3.DatabaseError as exc:
        return _open_problem(path, exc)
    return None


@contextmanager
def sqlite_messages() -> Iterator[None]:
    """Turn an error message of SQLite's that is not UTF-8 into the DatabaseError it stands for.

    SQLite's messages quote names read from the file (a table in a damaged
    schema, say); Python fails to decode such a message and raises
    UnicodeDecodeError in place of the error itself. Only damage puts such bytes
    there, so the error is reported as damage, its text decoded leniently.
    """
    try:
        yield
    except UnicodeDecodeError as exc:
        raw = exc.object if isinstance(exc.object, bytes) else bytes(exc.object)
        error = sqlite3.DatabaseError(raw.decode("utf-8", "replace"))
        error.sqlite_errorname = "SQLITE_CORRUPT"
        raise error from None


def _open_problem(path: Path, error: sqlite3.DatabaseError) -> str:
    """Say why SQLite could not read the file, without calling a healthy journal damaged.

    A WAL journal can only be read by creating its ``-shm`` (and ``-wal``) file
    beside it, so a read-only folder or a full disk stops SQLite before it has
    looked at a single page. Those are said as what they are: the journal is fine
    and must not be set aside or replaced by a backup.
    """
    name = getattr(error, "sqlite_errorname", "")
    folder = path.parent
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return f"The journal {path} is damaged or not a journal ({error})."
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM")) and not os.access(folder, os.W_OK):
        return AccessProblem(
            f"The journal {path} cannot be opened because its folder {folder} is read-only: SQLite keeps two "
            "working files beside the journal. Make the folder writable or move the journal to one that is. "
            "The journal itself was not changed."
        )
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")) and _nearly_full(folder):
        return AccessProblem(
            f"The journal {path} cannot be opened because the disk holding it is full. Free some space and try "
            "again. The journal itself was not changed."
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return AccessProblem(
            f"The journal {path} is busy in another program. Try again in a moment. It was not changed."
        )
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_FULL")):
        return AccessProblem(
            f"The journal {path} could not be read: the system refused ({error}). Check that its disk is "
            "connected and its folder can be written to, then try again. The journal itself was not changed."
        )
    return f"The journal {path} is damaged or not a journal ({error})."


def _nearly_full(folder: Path) -> bool:
    """Less room than SQLite needs for its working files (a -shm file alone takes 32 KiB)."""
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def schema_revision(path: Path) -> str | None:
    with closing(connect_read_only(path)) as conn, sqlite_messages():
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def copy_database(source: Path, target: Path) -> None:
    """Copy a live journal with SQLite's online backup API into ``target``, atomically.

    The copy is written to a temporary file, checked with ``PRAGMA
    integrity_check``, made 0600, flushed, and only then renamed onto ``target``.
    """
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # backups/ lists what the owner kept
    # The process id in the name tells a later open whether a leftover copy is still being written.
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    temporary.unlink(missing_ok=True)
    private_file(temporary)
    deadline = time.monotonic() + BACKUP_DEADLINE_SECONDS

    def give_up_when_late(status: int, remaining: int, total: int) -> None:
        # The backup API retries forever while a writer holds the source busy.
        if time.monotonic() > deadline:
            raise TimeoutError

    try:
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=10)) as src:
            with closing(sqlite3.connect(temporary)) as dst:
                src.backup(dst, pages=256, progress=give_up_when_late)
                dst.execute("PRAGMA journal_mode=DELETE")
                if dst.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                    raise JournalUnusable(f"The copy of {source} did not pass SQLite's integrity check.")
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        fsync_directory(target.parent)
    except TimeoutError:
        temporary.unlink(missing_ok=True)
        raise JournalUnusable(
            f"The journal {source} stayed busy for {BACKUP_DEADLINE_SECONDS:.0f} seconds, so no copy was made."
        ) from None
    except sqlite3.DatabaseError as exc:
        temporary.unlink(missing_ok=True)
        raise JournalUnusable(f"The journal {source} could not be copied: {exc}.") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def fsync_directory(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
