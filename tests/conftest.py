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
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal.records.terms import TermInfo
from journal.scoring.stats import TermStats
from journal.storage.journal_file import Journal

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


def run_cli(journal_path: Path, *args: str, exporters: object | None = None) -> CliResult:
    """``journal.cli.main`` in this process (fast): its exit code, stdout and stderr."""
    from journal import cli

    chosen = exporters if isinstance(exporters, cli.Exporters) else cli.Exporters()
    out, err = io.StringIO(), io.StringIO()
    chosen.out = out
    with redirect_stderr(err):
        code = cli.main(["--journal", str(journal_path), *args], chosen)
    return CliResult(code, out.getvalue(), err.getvalue())


def run_cli_with_reports(journal_path: Path, *args: str) -> CliResult:
    """The same, with the Qt exporters the launcher adds (PDF, DOCX, PNG chart)."""
    from ui.launcher import qt_exporters

    return run_cli(journal_path, *args, exporters=qt_exporters())


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


# --- terms with a known spectrum, for the chart's tests ----------------------------------------------

GAP_TERM_START = date(2025, 1, 6)  # a Monday


def log_in_week(journal: Journal, week: int, title: str, hours: str, criteria: str) -> None:
    """One activity on the Tuesday of ``week`` of the gap term."""
    from journal.records.activities import add_activity
    from journal.records.validation import check_activity

    day = GAP_TERM_START + timedelta(days=7 * (week - 1) + 1)
    raw = {"date": day.isoformat(), "title": title, "hours": hours, "criteria": criteria}
    add_activity(journal, check_activity(raw, journal.framework))


@pytest.fixture
def gap_term(journal: Journal) -> TermInfo:
    """Seven weeks: positions in weeks 1, 2, 4, 5 and 7; week 3 empty; week 6 logged but unticked."""
    from journal.records.terms import add_term

    term = add_term(journal, "Spring & <Summer>", GAP_TERM_START, GAP_TERM_START + timedelta(days=48))
    log_in_week(journal, 1, "Food bank", "3", "charity.one-way-giving;contributory.self-help")
    log_in_week(journal, 2, "Repair cafe", "2", "contributory.self-help")
    log_in_week(journal, 2, "Tenants meeting", "1", "radical.root-causes")
    log_in_week(journal, 4, "Fridge rota", "2", "contributory.pooled-resources;radical.collective-decisions")
    log_in_week(journal, 5, "Breakfast", "4", "radical.no-eligibility;radical.reciprocal-roles")
    log_in_week(journal, 6, "Unsorted notes", "1", "")
    log_in_week(journal, 7, "Coat drive", "2", "charity.outside-helpers")
    return term


@pytest.fixture
def demo_stats(journal: Journal) -> TermStats:
    """The numbers of the demo semester, as of 1 October 2025."""
    from journal.demo import fill_demo_journal
    from journal.scoring.stats import term_stats

    return term_stats(journal, fill_demo_journal(journal, date(2025, 10, 1)))
