"""What opening a journal and running a command load: only what the work needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from journal.storage.journal_file import Journal
from journal.storage.revisions import SCHEMA_HEAD, head_revision


def test_the_schema_head_constant_names_alembics_head() -> None:
    assert head_revision() == SCHEMA_HEAD


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport json, sys; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_opening_a_journal_at_the_newest_schema_needs_no_alembic(journal_file: Path) -> None:
    Journal.open(journal_file).close()
    loaded = _modules_after(
        f"from journal.storage.journal_file import Journal\nJournal.open({str(journal_file)!r}).close()"
    )
    assert not {m for m in loaded if m == "alembic" or m.startswith("alembic.")}


def test_stats_and_import_load_no_qt_and_no_report_code(journal_file: Path, tmp_path: Path) -> None:
    Journal.open(journal_file).close()
    source = tmp_path / "in.csv"
    source.write_text("date,title\n2026-09-01,Soup run\n", encoding="utf-8")
    commands = (
        ["term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-12-15"],
        ["import", str(source)],
        ["stats", "--json"],
    )
    for command in commands:
        code = f"import sys\nfrom ui.launcher import main\nmain(['--journal', {str(journal_file)!r}, *{command!r}])"
        loaded = _modules_after(code)
        heavy = {m for m in loaded if m.split(".")[0] in ("PySide6", "jinja2", "docx", "alembic")}
        assert not heavy, command
        assert not {m for m in loaded if m.startswith(("ui.report", "journal.report", "ui.spectrum"))}, command
