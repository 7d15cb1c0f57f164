"""Damage whose report holds bytes that are not UTF-8: every command says "damaged", names the backup, restores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from journal.records.terms import list_terms
from tests.conftest import file_hash, run_cli
from tests.safety.damage import (
    break_schema_with_bytes_that_are_not_utf8,
    journal_with_backup,
    rename_an_index_to_bytes_that_are_not_utf8,
)

COMMANDS = [
    ["check"],
    ["stats"],
    ["term", "list"],
    ["term", "add", "Summer", "--start", "2027-06-01", "--end", "2027-08-01"],
    ["import", "{csv}"],
]


@pytest.fixture
def broken_schema(journal_file: Path) -> tuple[Path, Path]:
    backup = journal_with_backup(journal_file)
    break_schema_with_bytes_that_are_not_utf8(journal_file)
    return journal_file, backup


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_every_command_says_damaged_and_names_the_backup(
    broken_schema: tuple[Path, Path], tmp_path: Path, command: list[str]
) -> None:
    path, backup = broken_schema
    csv = tmp_path / "more.csv"
    csv.write_text("date,title,hours\n2026-09-03,Fridge rota,2\n", encoding="utf-8")
    before = file_hash(path)
    result = run_cli(path, *(part.format(csv=csv) for part in command))
    assert result.code == 1
    assert "damaged" in result.err and "malformed database schema" in result.err
    assert f"restore {backup}" in result.err
    assert "unexpected" not in result.err and "UnicodeDecodeError" not in result.err
    assert file_hash(path) == before


def test_restore_puts_the_backup_in_place_and_keeps_the_damaged_file(broken_schema: tuple[Path, Path]) -> None:
    path, backup = broken_schema
    damaged = path.read_bytes()
    result = run_cli(path, "restore", str(backup))
    assert result.code == 0, result.err
    assert "The damaged journal was kept as" in result.out
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".restoring")] == []
    kept = list(path.parent.glob("j-damaged-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    listed = run_cli(path, "term", "list")
    assert listed.code == 0 and "Fall 2026" in listed.out and "Spring 2027" not in listed.out


def test_a_report_that_is_not_utf8_is_still_a_damaged_journal_message(journal_file: Path) -> None:
    backup = journal_with_backup(journal_file)
    rename_an_index_to_bytes_that_are_not_utf8(journal_file)
    result = run_cli(journal_file, "check")
    assert result.code == 1
    assert "is damaged (SQLite reports: row 4 missing from index ix_\ufffd\ufffd_title)" in result.err
    assert f"restore {backup}" in result.err
    written = run_cli(journal_file, "term", "add", "Summer", "--start", "2027-06-01", "--end", "2027-08-01")
    assert written.code == 1 and "is damaged" in written.err and f"restore {backup}" in written.err


def test_the_app_offers_the_backup_and_restores_it(
    broken_schema: tuple[Path, Path], monkeypatch: Any, qapp: Any
) -> None:
    import ui.start_up.app

    path, _ = broken_schema
    questions: list[str] = []
    monkeypatch.setattr(ui.start_up.app, "ask", lambda parent, title, text, *a: questions.append(text) or True)
    controller = ui.start_up.app.AppController(ui.start_up.app.application(), path)
    assert controller.open() is True
    assert "damaged" in questions[0] and "Restore it?" in questions[0]
    assert controller.journal is not None
    assert [t.name for t in list_terms(controller.journal)] == ["Fall 2026"]
    assert controller.window is not None
    controller.window.close()
    controller.release()
