"""No ``-o`` of any command lands on the journal, its files, its backups, a device or a pipe.

Real files in tmp_path and the real command line (with the Qt exporters that
PDF, DOCX and PNG need). After every refusal the journal still passes ``check``
and still holds its activities.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from journal.storage.output_paths import OtherKindExists, OutputRefused, check_output
from tests.conftest import CliResult, run_cli_with_reports, run_entry_point

TERM = "Fall 2026"
FORMATS = ("pdf", "html", "md", "docx", "csv", "json")
TEXT_FORMATS = ("csv", "json", "html", "md")
ACTIVITIES = "date,title,hours,criteria\n2026-09-02,Food bank shift,3,charity.outside-helpers\n"


run_cli = run_cli_with_reports


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite3"
    assert run_cli(path, "term", "add", TERM, "--start", "2026-09-01", "--end", "2026-09-28").code == 0
    activities = tmp_path / "activities.csv"
    activities.write_text(ACTIVITIES, encoding="utf-8")
    assert run_cli(path, "import", str(activities)).code == 0
    assert run_cli(path, "backup").code == 0  # so that backups/ exists and holds one
    return path


def export_args(fmt: str, target: str | Path) -> list[str]:
    extra = ["--term", TERM] if fmt not in ("csv", "json") else []
    return ["export", "--format", fmt, "-o", str(target), *extra]


def assert_refused(result: CliResult, *words: str) -> None:
    assert result.code == 2, (result.code, result.out, result.err)
    assert "Traceback" not in result.err and result.err.strip().endswith("."), result.err
    assert len(result.err.split()) >= 6, result.err
    assert any(word in result.err for word in words), result.err
    assert "Wrote" not in result.out


def assert_journal_whole(path: Path) -> None:
    assert run_cli(path, "check").code == 0
    exported = run_cli(path, "export", "--format", "json", "-o", "-")
    assert exported.code == 0, exported.err
    assert [a["title"] for a in json.loads(exported.out.lstrip("\ufeff"))["activities"]] == ["Food bank shift"]


def owned_spellings(journal_path: Path) -> dict[str, Path]:
    """The journal's own files, each spelled one way or another."""
    folder = journal_path.parent
    (folder / "elsewhere").mkdir(exist_ok=True)
    link = folder / "elsewhere" / "report.pdf"
    if not link.is_symlink():
        link.symlink_to(journal_path)
    backup = next((folder / "backups").iterdir())
    return {
        "itself": journal_path,
        "symlink": link,
        "dotdot": folder / "elsewhere" / ".." / journal_path.name,
        "wal": folder / f"{journal_path.name}-wal",
        "shm": folder / f"{journal_path.name}-shm",
        "lock": folder / f"{journal_path.name}.lock",
        "backups-folder": folder / "backups",
        "a-backup": backup,
        "new-in-backups": folder / "backups" / "report.out",
    }


SPELLINGS = ("itself", "symlink", "dotdot", "wal", "shm", "lock", "backups-folder", "a-backup", "new-in-backups")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("spelling", SPELLINGS)
def test_no_export_lands_on_the_journal_or_its_files(journal_path: Path, fmt: str, spelling: str, qapp: object):
    before = journal_path.read_bytes()
    target = owned_spellings(journal_path)[spelling]
    result = run_cli(journal_path, *export_args(fmt, target))
    assert_refused(result, "journal")
    assert journal_path.read_bytes() == before and not journal_path.is_symlink()
    assert_journal_whole(journal_path)


@pytest.mark.parametrize("fmt", ["pdf", "json"])
def test_the_forced_export_still_spares_the_journal(journal_path: Path, fmt: str, qapp: object):
    result = run_cli(journal_path, *export_args(fmt, journal_path), "--force")
    assert_refused(result, "journal")
    assert_journal_whole(journal_path)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_no_backup_lands_on_the_journal_or_its_files(journal_path: Path, spelling: str):
    backups_before = sorted(p.name for p in (journal_path.parent / "backups").iterdir())
    target = owned_spellings(journal_path)[spelling]
    assert_refused(run_cli(journal_path, "backup", "-o", str(target), "--force"), "journal")
    assert sorted(p.name for p in (journal_path.parent / "backups").iterdir()) == backups_before
    assert_journal_whole(journal_path)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
@pytest.mark.parametrize("owned", ["itself", "wal", "lock", "a-backup"])
def test_no_chart_lands_on_the_journal_or_its_files(journal_path: Path, owned: str, suffix: str, qapp: object):
    # The chart wants a .png or .svg name: reach the journal's files through a link so named.
    link = journal_path.parent / f"chart{suffix}"
    link.symlink_to(owned_spellings(journal_path)[owned])
    targets = [link, journal_path.parent / "elsewhere" / ".." / link.name, journal_path.parent / "backups" / link.name]
    for target in targets:
        result = run_cli(journal_path, "chart", "--term", TERM, "-o", str(target), "--force")
        assert_refused(result, "journal")
    assert link.is_symlink() and not (journal_path.parent / "backups" / link.name).exists()
    assert_journal_whole(journal_path)


def test_the_exact_report_of_the_issue_through_the_installed_command(journal_path: Path):
    result = run_entry_point(journal_path, *export_args("pdf", journal_path))
    assert result.code == 2 and "journal" in result.err and "Traceback" not in result.err
    assert "passed" in run_entry_point(journal_path, "check").out


# --- replacing a file that is already there -------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_of_another_kind_needs_force(journal_path: Path, tmp_path: Path, fmt: str, qapp: object):
    target = tmp_path / f"precious.{fmt}"
    target.write_bytes(b"\x89PNG\r\n\x1a\n not what the export writes")
    result = run_cli(journal_path, *export_args(fmt, target))
    assert_refused(result, "--force")
    assert target.read_bytes().startswith(b"\x89PNG")
    assert run_cli(journal_path, *export_args(fmt, target), "--force").code == 0
    assert not target.read_bytes().startswith(b"\x89PNG")
    assert run_cli(journal_path, *export_args(fmt, target)).code == 0, "a file of its own kind is replaced"


def test_a_pdf_replaces_a_pdf_but_not_text_under_a_pdf_name(journal_path: Path, tmp_path: Path, qapp: object):
    target = tmp_path / "report.pdf"
    assert run_cli(journal_path, *export_args("pdf", target)).code == 0
    target.write_bytes(target.read_bytes() + b"\n% an older copy\n")
    older = target.read_bytes()
    assert run_cli(journal_path, *export_args("pdf", target)).code == 0
    assert target.read_bytes().startswith(b"%PDF-") and target.read_bytes() != older
    notes = tmp_path / "notes.pdf"
    notes.write_text("my notes\n", encoding="utf-8")
    assert_refused(run_cli(journal_path, *export_args("pdf", notes)), "--force")
    assert notes.read_text(encoding="utf-8") == "my notes\n"


def test_another_database_is_never_replaced_even_forced(journal_path: Path, tmp_path: Path):
    other = tmp_path / "other-journal.json"
    other.write_bytes((journal_path.parent / "backups").iterdir().__next__().read_bytes())
    kept = other.read_bytes()
    assert_refused(run_cli(journal_path, *export_args("json", other), "--force"), "database")
    assert other.read_bytes() == kept


def test_backup_replaces_a_backup_but_not_a_document(journal_path: Path, tmp_path: Path):
    copy = tmp_path / "copy.sqlite3"
    assert run_cli(journal_path, "backup", "-o", str(copy)).code == 0
    assert run_cli(journal_path, "backup", "-o", str(copy)).code == 0
    essay = tmp_path / "essay.txt"
    essay.write_text("the essay\n", encoding="utf-8")
    assert_refused(run_cli(journal_path, "backup", "-o", str(essay)), "--force")
    assert essay.read_text(encoding="utf-8") == "the essay\n"


def test_a_chart_does_not_replace_a_document_unless_forced(journal_path: Path, tmp_path: Path, qapp: object):
    target = tmp_path / "chart.png"
    target.write_bytes(b"%PDF-1.4 a document\n")
    assert_refused(run_cli(journal_path, "chart", "--term", TERM, "-o", str(target)), "--force")
    assert target.read_bytes() == b"%PDF-1.4 a document\n"
    assert run_cli(journal_path, "chart", "--term", TERM, "-o", str(target), "--force").code == 0
    assert target.read_bytes().startswith(b"\x89PNG")
    assert run_cli(journal_path, "chart", "--term", TERM, "-o", str(target)).code == 0


# --- what is not a regular file --------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["export", "chart", "backup"])
def test_a_pipe_is_refused(journal_path: Path, tmp_path: Path, command: str, qapp: object):
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    args = {
        "export": export_args("csv", fifo),
        "chart": ["chart", "--term", TERM, "-o", str(fifo)],
        "backup": ["backup", "-o", str(fifo)],
    }[command]
    assert_refused(run_cli(journal_path, *args, "--force"), "pipe")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may make a device node (os.mknod of a character device)")
@pytest.mark.parametrize("command", ["export", "chart", "backup"])
def test_a_device_node_is_refused_even_for_root(journal_path: Path, tmp_path: Path, command: str, qapp: object):
    node = tmp_path / "null.png"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    args = {
        "export": export_args("csv", node),
        "chart": ["chart", "--term", TERM, "-o", str(node)],
        "backup": ["backup", "-o", str(node)],
    }[command]
    assert_refused(run_cli(journal_path, *args, "--force"), "device")
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_a_folder_is_refused(journal_path: Path, tmp_path: Path):
    folder = tmp_path / "a-folder.csv"
    folder.mkdir()
    assert_refused(run_cli(journal_path, *export_args("csv", folder), "--force"), "folder")
    assert folder.is_dir()


# --- standard output --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_text_formats_go_to_standard_output(journal_path: Path, tmp_path: Path, fmt: str):
    result = run_cli(journal_path, *export_args(fmt, "-"))
    assert result.code == 0 and result.err == "", result.err
    assert "Food bank shift" in result.out and "Wrote" not in result.out
    assert not (Path.cwd() / "-").exists()
    if fmt in ("csv", "json"):
        file = tmp_path / f"same.{fmt}"
        assert run_cli(journal_path, *export_args(fmt, file)).code == 0
        assert result.out == file.read_bytes().decode("utf-8")


def test_the_chart_goes_to_standard_output_as_svg(journal_path: Path):
    result = run_cli(journal_path, "chart", "--term", TERM, "-o", "-")
    assert result.code == 0 and result.err == ""
    assert result.out.startswith("<svg") and result.out.rstrip().endswith("</svg>")


def test_standard_output_through_the_installed_command_is_utf8(journal_path: Path):
    result = run_entry_point(journal_path, *export_args("csv", "-"))
    assert result.code == 0 and result.out.startswith("\ufeffdate,") and "Food bank shift" in result.out


@pytest.mark.parametrize("args", [export_args("pdf", "-"), export_args("docx", "-"), ["backup", "-o", "-"]])
def test_binary_formats_say_they_cannot_go_to_standard_output(journal_path: Path, args: list[str], qapp: object):
    result = run_cli(journal_path, *args)
    assert_refused(result, "standard output")
    assert result.out == ""


# --- the module itself, as the app's dialogs call it --------------------------------------------------------


def test_check_output_gives_the_resolved_path_and_tells_the_kinds_apart(journal_path: Path, tmp_path: Path):
    (tmp_path / "sub").mkdir()
    assert check_output(tmp_path / "sub" / ".." / "new.pdf", journal_path, "pdf") == tmp_path / "new.pdf"
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><p>hi</p>", encoding="utf-8")
    assert check_output(page, journal_path, "html") == page
    with pytest.raises(OtherKindExists):
        check_output(page, journal_path, "md")
    assert check_output(page, journal_path, "md", force=True) == page
    with pytest.raises(OutputRefused) as refused:
        check_output(journal_path, journal_path, "csv", force=True)
    assert not isinstance(refused.value, OtherKindExists)


# --- the last guard, under every export ----------------------------------------------------------------------


def test_the_atomic_write_never_replaces_a_pipe_or_a_database(journal_path: Path, tmp_path: Path):
    from journal.storage.atomic_write import WriteFailed, write_bytes_atomically

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(WriteFailed, match="not a regular file"):
        write_bytes_atomically(fifo, b"date,title\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    before = journal_path.read_bytes()
    with pytest.raises(WriteFailed, match="SQLite database"):
        write_bytes_atomically(journal_path, b"%PDF-1.7")
    assert journal_path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
    assert_journal_whole(journal_path)


def test_the_app_log_folder_is_kept_too(journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    from journal.storage.paths import log_folder

    log_folder().mkdir(parents=True)
    log = log_folder() / "journal.log"
    log.write_text("a line of the log\n", encoding="utf-8")
    assert_refused(run_cli(journal_path, *export_args("csv", log), "--force"), "log")
    assert log.read_text(encoding="utf-8") == "a line of the log\n"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "html", "-o", "{missing}/r.html"],
        ["export", "--format", "csv", "-o", "{missing}/a.csv"],
        ["chart", "-o", "{missing}/c.svg"],
        ["backup", "-o", "{missing}/b.sqlite3"],
    ],
    ids=lambda c: " ".join(c[:3]),
)
def test_an_output_in_a_folder_that_does_not_exist_is_refused_naming_it(
    journal_file: Path, tmp_path: Path, command: list[str]
) -> None:
    ok = run_cli(journal_file, "term", "add", "Fall", "--start", "2026-09-01", "--end", "2026-12-15")
    assert ok.code == 0, ok.err
    missing = tmp_path / "typo" / "dir"
    result = run_cli(journal_file, *(arg.format(missing=missing) for arg in command))
    assert result.code == 2, result.err
    assert f"the folder {missing} does not exist" in result.err
    assert not (tmp_path / "typo").exists()  # no folder was made
