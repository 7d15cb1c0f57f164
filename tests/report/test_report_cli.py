"""`mutual-aid-journal export --format pdf|html|md|docx` through the installed command, as a script runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal.demo import fill_demo_journal
from journal.storage.journal_file import Journal
from tests.conftest import run_entry_point


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    with Journal.open(path) as journal:
        fill_demo_journal(journal)
    return path


def demo_term_name(path: Path) -> str:
    from journal.records.terms import list_terms

    with Journal.open(path) as journal:
        return list_terms(journal)[0].name


@pytest.mark.parametrize("fmt", ["pdf", "md"])
def test_export_writes_the_report(fmt: str, demo_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / f"report.{fmt}"
    target.parent.mkdir()
    result = run_entry_point(
        demo_file, "export", "--format", fmt, "-o", str(target), "--term", demo_term_name(demo_file)
    )
    assert (result.code, result.err) == (0, "")
    assert result.out.strip() == f"Wrote {target}."
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") if fmt == "pdf" else data.startswith(b"# Semester reflection report")
    assert sorted(p.name for p in target.parent.iterdir()) == (
        ["report.pdf"] if fmt == "pdf" else ["report-chart.svg", "report.md"]
    )


@pytest.mark.parametrize("fmt", ["pdf", "html", "md", "docx"])
def test_unknown_term_is_bad_usage(fmt: str, demo_file: Path, tmp_path: Path) -> None:
    target = tmp_path / f"report.{fmt}"
    result = run_entry_point(demo_file, "export", "--format", fmt, "-o", str(target), "--term", "Winter 1999")
    assert result.code == 2
    assert "There is no term named 'Winter 1999'" in result.err
    assert "Traceback" not in result.err
    assert not target.exists()


def test_a_report_without_term_uses_the_demo_term_and_says_which(demo_file: Path, tmp_path: Path) -> None:
    result = run_entry_point(demo_file, "export", "--format", "docx", "-o", str(tmp_path / "r.docx"))
    assert result.code == 0, result.err
    assert f"Using the term {demo_term_name(demo_file)!r}" in result.err and "--term NAME" in result.err
    assert (tmp_path / "r.docx").read_bytes().startswith(b"PK")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_unwritable_folder_is_a_sentence_not_a_traceback(demo_file: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = run_entry_point(
        demo_file, "export", "--format", "html", "-o", str(locked / "r.html"), "--term", demo_term_name(demo_file)
    )
    assert result.code == 2
    assert "could not be written" in result.err and "Traceback" not in result.err


def test_a_file_where_the_folder_should_be_is_a_sentence(demo_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = run_entry_point(
        demo_file, "export", "--format", "md", "-o", str(blocker / "r.md"), "--term", demo_term_name(demo_file)
    )
    assert result.code == 2
    assert "could not be written" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_html_and_markdown_are_written_without_loading_qt(fmt: str, demo_file: Path, tmp_path: Path) -> None:
    """The chart of these two is the SVG drawing itself, so nothing of Qt is imported (or paid for)."""
    target = tmp_path / f"report.{fmt}"
    args = ["--journal", str(demo_file), "export", "--format", fmt, "-o", str(target)]
    args += ["--term", demo_term_name(demo_file)]
    code = f"import sys; from ui.launcher import main; code = main({args!r}); print(code, 'PySide6' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split()[-2:] == ["0", "False"], done.stderr
    assert target.is_file()
