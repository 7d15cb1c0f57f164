"""Where an export, a chart or a backup may be written: never over the journal or anything else the app keeps.

Every command that takes ``-o`` and every save dialog of the app asks
``check_output`` first. The path is resolved (symlinks, ``..``) before it is
compared, so no spelling of the journal's own path gets through. A file that
is already there is replaced only when it holds what the command writes (a PDF
over a PDF, told by its first bytes); another kind of file needs ``force``
(``--force``, or a yes in the app); a SQLite database, a folder, a device node
or a pipe is never replaced.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from journal.errors import InvalidInput

STDOUT = "-"
SQLITE_HEADER = b"SQLite format 3\x00"
SIGNATURES = {"pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n", "docx": b"PK\x03\x04", "sqlite": SQLITE_HEADER}
TEXT_KINDS = ("csv", "json", "md", "html", "svg")
KINDS = (*TEXT_KINDS, *SIGNATURES)
NAMES = {
    "pdf": "a PDF",
    "png": "a PNG image",
    "docx": "a Word document",
    "sqlite": "a SQLite database",
    "csv": "a CSV file",
    "json": "a JSON file",
    "md": "a Markdown file",
    "html": "a web page",
    "svg": "an SVG image",
}
_SUFFIXES = {"md": (".md", ".markdown"), "html": (".html", ".htm")}
_SNIFF_BYTES = 64 * 1024
# A SQLite database keeps these beside itself while it is open (WAL mode, rollback journal).
_COMPANIONS = ("-wal", "-shm", "-journal")


class OutputRefused(InvalidInput):
    """The output path may not be written; the sentence says why. Nothing was written."""


class OtherKindExists(OutputRefused):
    """A file of another kind is already there: replacing it needs ``--force`` (or a yes in the app)."""


def to_stdout(path: str | os.PathLike[str]) -> bool:
    return os.fspath(path) == STDOUT


def refuse_stdout(kind: str) -> NoReturn:
    name = NAMES[kind]
    raise OutputRefused(f"{name[0].upper()}{name[1:]} cannot be written to standard output; give a file name after -o.")


def owned_paths(journal_path: Path) -> tuple[set[Path], set[Path]]:
    """The files the app keeps for ``journal_path`` and the folders whose whole content it keeps, resolved."""
    from journal.storage import app_lock, backups
    from journal.storage.paths import log_folder

    files: set[Path] = set()
    folders: set[Path] = set()
    # SQLite names its companions after the path it was given, Qt its lock after ours: cover both spellings.
    for journal in {Path(os.path.abspath(journal_path)), _resolved(journal_path)}:
        files.add(_resolved(journal))
        files.update(_resolved(journal.with_name(journal.name + suffix)) for suffix in _COMPANIONS)
        files.add(_resolved(app_lock.lock_path(journal)))
        folders.add(_resolved(backups.backup_folder(journal)))
    folders.add(_resolved(log_folder()))  # the app's own log, which a crash report points to
    return files, folders


def check_output(path: str | os.PathLike[str], journal_path: Path, kind: str, force: bool = False) -> Path:
    """The resolved path to write ``kind`` to, or ``OutputRefused`` with a sentence saying why not."""
    if kind not in KINDS:
        raise ValueError(f"Unknown output kind {kind!r}.")
    given = Path(path)
    if to_stdout(path):
        refuse_stdout(kind)
    target = _resolved(given)
    _refuse_owned(given, target, journal_path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        _refuse_unwritable_folder(given, target)
        return target
    except OSError as exc:
        raise OutputRefused(f"{given} could not be written: {exc.strerror}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputRefused(f"{given} is a folder; give the name of a file to write.")
    if not stat.S_ISREG(info.st_mode):
        raise OutputRefused(
            f"{given} is not a regular file (it is a {_file_type(info.st_mode)}), so it is not replaced; "
            "give the name of a new file or of a file to replace."
        )
    _refuse_unwritable_folder(given, target)
    found = _kind_of(target, info.st_size)
    if found == kind or info.st_size == 0:
        return target
    if found == "sqlite":
        raise OutputRefused(f"{given} is a SQLite database (perhaps a journal), so it is never replaced.")
    if force:
        return target
    raise OtherKindExists(
        f"{given} already exists and is not {NAMES[kind]}, so it was left alone; "
        "choose another name, or add --force to replace it."
    )


def check_output_asking(
    path: str | os.PathLike[str], journal_path: Path, kind: str, confirm: Callable[[str], bool]
) -> Path | None:
    """``check_output`` for a save dialog: a file of another kind is replaced only when ``confirm`` says yes.

    Returns None when the person declines; ``OutputRefused`` still says why a path can never be written.
    """
    try:
        return check_output(path, journal_path, kind)
    except OtherKindExists:
        question = f"{path} already exists and is not {NAMES[kind]}. Replace it? What it holds now will be lost."
        if not confirm(question):
            return None
        return check_output(path, journal_path, kind, force=True)


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(os.path.expanduser(path)))


def _refuse_owned(given: Path, target: Path, journal_path: Path) -> None:
    files, folders = owned_paths(journal_path)
    if target in files or _same_file(target, files):
        raise OutputRefused(f"{given} is the journal or one of its own files, so nothing was written there.")
    if any(target == folder or folder in target.parents for folder in folders):
        raise OutputRefused(
            f"{given} is in a folder the app keeps for the journal (its backups or its log); nothing was written."
        )


def _same_file(target: Path, files: set[Path]) -> bool:
    """Also by device and inode: a case-insensitive disk spells one file many ways."""
    try:
        mine = os.stat(target)
    except OSError:
        return False
    for owned in files:
        try:
            theirs = os.stat(owned)
        except OSError:
            continue
        if (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino):
            return True
    return False


def _refuse_unwritable_folder(given: Path, target: Path) -> None:
    """A file is written into a folder that exists: a typo in a folder's name is said, never made into folders."""
    folder = target.parent
    if not folder.exists():
        raise OutputRefused(
            f"{given} could not be written: the folder {folder} does not exist. "
            "Create it first, or choose a folder that exists."
        )
    if not folder.is_dir():
        raise OutputRefused(f"{given} could not be written: {folder} is not a folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputRefused(f"{given} could not be written: the folder {folder} is not writable.")


def _file_type(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _kind_of(path: Path, size: int) -> str | None:
    """What the file holds, told by its first bytes (and, for text, its suffix or opening)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return None
    for kind, signature in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    if b"\x00" in head:
        return None
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) >= size)
    except UnicodeDecodeError:
        return None
    opening = text.lstrip("\ufeff \t\r\n")[:256].lower()
    suffix = path.suffix.lower()
    for kind in TEXT_KINDS:
        if suffix in _SUFFIXES.get(kind, (f".{kind}",)):
            return kind
    if opening.startswith(("<!doctype html", "<html")):
        return "html"
    if opening.startswith("<svg") or (opening.startswith("<?xml") and "<svg" in opening):
        return "svg"
    if opening.startswith(("{", "[")):
        return "json"
    return None
