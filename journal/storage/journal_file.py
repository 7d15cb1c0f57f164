"""Opening a journal file: checks, schema upgrades, and the engine behind every session.

A ``Journal`` is made by ``Journal.open`` and handed to whoever needs it; there is
no module-level engine or session. A damaged or foreign file is refused before
anything writes to it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from journal.errors import JournalDamaged, JournalTooNew, JournalUnreachable, JournalUnusable, ReadFailed, SaveFailed
from journal.records.framework import Criterion, Framework, load_framework
from journal.storage import backups, sqlite_file
from journal.storage.revisions import SCHEMA_HEAD, alembic_config, head_revision, known_revisions
from journal.storage.schema import CustomCriterion, HiddenCriterion


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is switched off so that SQLAlchemy's
    # BEGIN covers every statement of a unit of work (and the PRAGMAs run outside one).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA cache_size = -32768")
    cursor.close()


# The execution option that marks a unit of work begun by ``Journal.reading``.
_READING = "journal_reading"


def _begin(conn: Any) -> None:
    """Begin a unit of work: deferred and unable to write when it reads, holding the write lock when it writes.

    A read takes no lock until its first SELECT, and in WAL mode that lock never
    stops a writer; ``query_only`` makes any statement of it that would write
    fail, whatever its first word. Every other transaction on the engine (a
    ``writing`` unit of work, an upgrade) takes the write lock at once, so that it
    never has to give up half way when another connection wrote first.
    """
    if conn.get_execution_options().get(_READING):
        conn.exec_driver_sql("BEGIN")
        conn.exec_driver_sql("PRAGMA query_only = ON")
    else:
        conn.exec_driver_sql("PRAGMA query_only = OFF")  # the connection may have served a read last
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def raise_problem(problem: str | None, path: Path) -> None:
    """Raise what a check found: unreachable (not damaged) or damaged."""
    if isinstance(problem, sqlite_file.AccessProblem):
        raise JournalUnreachable(problem)
    if isinstance(problem, sqlite_file.NotAJournal):
        raise JournalUnusable(problem)
    if problem:
        raise JournalDamaged(problem, path)


class IntegrityCheck:
    """SQLite's full integrity check of a journal, which it passes before its first write.

    The quick check misses damage that only the indexes show (a row whose text
    no longer matches its index entry), and writing on top of such damage
    spreads it. So the first unit of work that writes waits for
    ``PRAGMA integrity_check``; if it fails, that write is refused, and so is
    every later one. The desktop app starts the check on its own thread as the
    journal opens (reading goes ahead meanwhile); the command line runs it at
    the first write, so commands that only read do not pay for it.
    """

    def __init__(self, path: Path, *, passed: bool = False) -> None:
        self.path = path
        self.problem: str | None = None
        self._done = threading.Event()
        self._claim = threading.Lock()
        self._started = passed
        if passed:
            self._done.set()

    def start(self) -> None:
        """Run the check on its own thread."""
        if self._take_turn():
            threading.Thread(target=self._run, name="journal-integrity-check", daemon=True).start()

    def _take_turn(self) -> bool:
        with self._claim:
            first, self._started = not self._started, True
        return first

    def _run(self) -> None:
        try:
            self.problem = sqlite_file.quick_problem(self.path, thorough=True)
        except Exception as exc:  # the check itself failed: count the journal as not usable
            self.problem = f"The journal {self.path} could not be checked ({exc})."
        finally:
            self._done.set()

    def result(self) -> str | None:
        """The sentence saying what is wrong, or None when the journal is sound (running the check if need be)."""
        if self._take_turn():
            self._run()
        self._done.wait()
        return self.problem

    @property
    def passed(self) -> bool:
        return self._done.is_set() and self.problem is None


class WriteGuard:
    """Stops every unit of work that writes until the integrity check has passed; refuses all of them if it failed.

    A journal that cannot be written (a read-only or immutable file) is opened
    for reading all the same; its writes are refused here with a sentence.
    It is asked before each ``Journal.writing`` and before an upgrade: a write is
    known by the function that makes it, never by the words of its SQL.
    """

    def __init__(self, path: Path, check: IntegrityCheck, *, read_only: bool) -> None:
        self.path = path
        self.check = check
        self.read_only = read_only
        self.wrote = False

    def before_write(self) -> None:
        """Wait for the integrity check, then let the write go ahead; raise what stops it."""
        if self.read_only:
            raise SaveFailed(read_only_sentence(self.path))
        if not self.check.passed:
            raise_problem(self.check.result(), self.path)
        try:
            # The changes about to reach the log must never sit beside a clean-close marker,
            # or the next open would take them for another file's (sqlite_file.foreign_log_problem).
            sqlite_file.forget_clean_close(self.path)
        except OSError as exc:
            if exc.errno in (errno.EPERM, errno.EACCES, errno.EROFS):  # an immutable file, a read-only disk
                exc = OSError(exc.errno, "the journal is read-only")
            raise SaveFailed(describe_write_error(exc, self.path)) from None
        self.wrote = True


def read_only_sentence(path: Path) -> str:
    return (
        f"The journal {path} is read-only, so changes could not be saved. It can still be read; "
        "make the file writable to change it."
    )


class Journal:
    """One open journal file."""

    def __init__(
        self, path: Path, engine: Engine, framework: Framework, check: IntegrityCheck, guard: WriteGuard | None = None
    ) -> None:
        self.path = path
        self.engine = engine
        self.check = check
        self.guard = guard
        self._shipped = framework
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.framework = framework
        self.reload_criteria()

    @classmethod
    def open(
        cls, path: Path, *, framework: Framework | None = None, create: bool = True, check_while_reading: bool = False
    ) -> Journal:
        """Open (or create) the journal at ``path``, upgrading its schema after a backup.

        Before returning, a journal is given SQLite's quick check, or the full
        integrity check when it was not closed cleanly or must be written at once
        (an upgrade, a switch to WAL). Either way the full check has passed before
        the first write (see IntegrityCheck). ``check_while_reading`` (the desktop
        app) starts the full check on a thread instead and returns at once.
        """
        framework = framework or load_framework()
        path = Path(path).expanduser()
        if not path.exists():
            if not create:
                raise JournalUnusable(f"There is no journal at {path}.")
            _create(path)
            check = IntegrityCheck(path, passed=True)  # just made, by this process
        else:
            backups.remove_leftovers(path)
            check = IntegrityCheck(path)
            if check_while_reading and closed_cleanly(path) and _ready_for_reading(path):
                check.start()
            else:
                # The quick check first: it says what a foreign file is, leaving its folder as it was.
                raise_problem(sqlite_file.quick_problem(path), path)
                if not closed_cleanly(path) or not _ready_for_reading(path):
                    raise_problem(check.result(), path)
            _refuse_newer(path)
        read_only = not os.access(path, os.W_OK)
        engine = _engine(path)
        guard = WriteGuard(path, check, read_only=read_only)
        try:
            if read_only and sqlite_file.schema_revision(path) != SCHEMA_HEAD:
                raise JournalUnusable(
                    read_only_sentence(path) + " It needs an upgrade before this version can read it."
                )
            _upgrade(path, engine, guard)
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine, framework, check, guard)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A unit of work that only reads: a deferred transaction, which never takes the write lock.

        Its reads see one moment of the journal, and another program may write
        meanwhile. A statement in it that would write fails. A read that SQLite
        cannot do (a file held busy too long, an I/O error) raises ReadFailed with
        a sentence; nothing is changed.
        """
        try:
            with self._sessions() as session, session.begin():
                session.connection(execution_options={_READING: True})  # begins the transaction (see _begin)
                yield session
        except OperationalError as exc:
            raise ReadFailed(describe_read_error(exc.orig, self.path)) from exc
        except DatabaseError as exc:
            self._raise_if_damaged(exc)
            raise

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A unit of work that writes: committed when the block ends, rolled back on error.

        It waits for the integrity check first (see WriteGuard) and holds SQLite's
        write lock from its start (``BEGIN IMMEDIATE``). A write that SQLite cannot
        commit (full disk, read-only folder, a file held busy too long) raises
        SaveFailed with a sentence; nothing is changed.
        """
        if self.guard is not None:
            self.guard.before_write()
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise SaveFailed(describe_write_error(exc.orig, self.path)) from exc
        except DatabaseError as exc:
            self._raise_if_damaged(exc)
            raise

    def _raise_if_damaged(self, exc: DatabaseError) -> None:
        if getattr(exc.orig, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            raise JournalDamaged(f"The journal {self.path} is damaged (SQLite said: {exc.orig}).", self.path) from exc

    def reload_criteria(self) -> None:
        """Rebuild ``framework`` with this journal's own criteria, and the hidden set."""
        with self.reading() as session:
            custom = session.scalars(select(CustomCriterion).order_by(CustomCriterion.created_at)).all()
            self.hidden: frozenset[str] = frozenset(session.scalars(select(HiddenCriterion.criterion_id)))
            self.framework = self._shipped.with_custom(
                [Criterion(c.id, c.model_id, c.statement, c.source, custom=True) for c in custom]
            )

    def close(self) -> None:
        self.engine.dispose()  # the last connection folds the log into the journal and removes it
        if self.guard is not None and self.guard.wrote:
            self.guard.wrote = False
            sqlite_file.mark_closed_cleanly(self.path)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def describe_write_error(error: BaseException | None, path: Path) -> str:
    text = str(error).lower()
    if "disk is full" in text or "disk i/o" in text:
        reason = "the disk is full or could not be written"
    elif "readonly" in text or "read-only" in text:
        reason = "the journal or its folder is read-only"
    elif "locked" in text or "busy" in text:
        reason = "the journal was busy in another program for too long"
    else:
        reason = f"SQLite said: {error}"
    return f"This change was not saved to {path}: {reason}. Nothing in the journal was changed."


def describe_read_error(error: BaseException | None, path: Path) -> str:
    text = str(error).lower()
    if "disk i/o" in text:
        reason = "the disk could not be read"
    elif "locked" in text or "busy" in text:
        reason = "the journal was busy in another program for too long"
    else:
        reason = f"SQLite said: {error}"
    return f"The journal {path} could not be read: {reason}. Nothing in the journal was changed; try again."


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite+pysqlite:///{path}", connect_args={"timeout": 5})
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def _create(path: Path) -> None:
    """Make a new, fully migrated journal at ``path``, which appears there whole or not at all.

    The journal is built under a temporary name and renamed into place, so a
    crash never leaves an empty file behind, and an empty file found at a path
    is never taken for a journal of ours (it is someone's file: refused, untouched).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # a new folder is the owner's alone
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)  # mode 0600
        os.close(fd)
    except OSError as exc:
        raise JournalUnusable(f"The journal {path} cannot be created: {exc.strerror}.") from None
    staged = Path(name)
    try:
        engine = _engine(staged)
        try:
            _upgrade(staged, engine, None)
        finally:
            engine.dispose()  # the last connection folds the WAL back into the file
        if staged.with_name(staged.name + "-wal").exists():
            raise JournalUnusable(f"The journal {path} cannot be created: its first write did not finish.")
        os.replace(staged, path)
        sqlite_file.fsync_directory(path.parent)
    except OSError as exc:
        raise JournalUnusable(f"The journal {path} cannot be created: {exc.strerror}.") from None
    finally:
        for leftover in (staged, staged.with_name(staged.name + "-wal"), staged.with_name(staged.name + "-shm")):
            leftover.unlink(missing_ok=True)


def _ready_for_reading(path: Path) -> bool:
    """A journal that opens without writing: a SQLite header, already in WAL mode, at the current schema.

    Anything else is checked in full before it is opened, since opening it writes.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
        if len(header) < 20 or not header.startswith(sqlite_file.SQLITE_HEADER) or header[18:20] != b"\x02\x02":
            return False
        return sqlite_file.schema_revision(path) == SCHEMA_HEAD
    except (OSError, sqlite3.DatabaseError):
        return False


def closed_cleanly(path: Path) -> bool:
    """Whether the last program to write the journal closed it: no write-ahead log holds changes beside it.

    A log left with changes in it means a crash (or a program still running),
    and the full integrity check runs before the journal is used.
    """
    try:
        return path.with_name(path.name + "-wal").stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _refuse_newer(path: Path) -> None:
    revision = sqlite_file.schema_revision(path)
    if revision is not None and revision != SCHEMA_HEAD and revision not in known_revisions():
        raise JournalTooNew(
            f"The journal {path} was written by a newer version of Mutual Aid Journal "
            "(its schema is unknown to this version). Update the app to open it; the file was not changed."
        )


def _upgrade(path: Path, engine: Engine, guard: WriteGuard | None) -> None:
    """Bring the journal's schema to the head revision, after a backup, in one transaction.

    Foreign keys are off while the migrations run (their batch table copies would
    break them) and are checked before the commit: a journal whose records no
    longer link up is rolled back to the revision it had, and refused.
    """
    current = sqlite_file.schema_revision(path) if path.stat().st_size else None
    if current == SCHEMA_HEAD:
        return
    from alembic import command

    if current == head_revision():
        return
    if guard is not None:
        guard.before_write()
    if current is not None:
        backups.make_backup(path, kind="pre-upgrade")
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        # The PRAGMA only takes effect outside a transaction, so it goes first.
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            # begun here, so that Alembic runs every migration inside it rather than committing each
            with connection.begin() as transaction:
                command.upgrade(alembic_config(connection), "head")
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    transaction.rollback()
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
    if problems:
        raise JournalUnusable(
            f"The journal {path} has broken links between its records, so it was not upgraded; it was left as it was."
        )
