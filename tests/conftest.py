"""Shared fixtures: a fresh real journal file per test, and the journal's command line."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path

import pytest

from journal.storage import Journal

ENTRY_POINT = Path(sys.executable).with_name("mutual-aid-journal")


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    return tmp_path / "j.sqlite3"


@pytest.fixture(scope="session")
def empty_journal_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One freshly migrated journal per run; each test gets its own copy (a copy is 4x faster than migrating)."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    Journal.open(path).close()
    return path


@pytest.fixture
def journal(journal_file: Path, empty_journal_template: Path) -> Iterator[Journal]:
    """An open, empty journal in a real SQLite file under tmp_path."""
    shutil.copyfile(empty_journal_template, journal_file)
    journal_file.chmod(0o600)
    opened = Journal.open(journal_file)
    try:
        yield opened
    finally:
        opened.close()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(journal_path: Path, *args: str) -> CliResult:
    """``journal.cli.main`` in this process (fast): its exit code, stdout and stderr."""
    from journal import cli

    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):
        code = cli.main(["--journal", str(journal_path), *args], cli.Exporters(out=out))
    return CliResult(code, out.getvalue(), err.getvalue())


def run_entry_point(journal_path: Path, *args: str, env: dict[str, str] | None = None) -> CliResult:
    """The installed ``mutual-aid-journal`` command, as a person or a script runs it."""
    done = subprocess.run(
        [str(ENTRY_POINT), "--journal", str(journal_path), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)
