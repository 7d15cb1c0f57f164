"""A full disk (ENOSPC) and a read-only folder: a clear sentence, the journal intact, the typed text kept on screen.

The disk is a real small tmpfs filled with a filler file; the read-only folder
is made with ``chattr +i`` (root ignores chmod) or a read-only bind mount. See
tests/safety/disk_trouble.py; each skips, saying why, where the machine forbids
mounting. One test also simulates ENOSPC in-process, so that the export path is
checked everywhere.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel

from journal.records.activities import add_activity
from journal.records.terms import add_term
from journal.records.validation import ActivityInput
from journal.storage.journal_file import Journal
from journal.transfer.json_io import json_text
from tests.conftest import CliResult, file_hash, run_cli_with_reports
from tests.safety.disk_trouble import fill_disk, read_only_folder, small_disk

TERM = "Fall 2026"


run_cli = run_cli_with_reports


def _journal(path: Path, activities: int = 5) -> Path:
    with Journal.open(path) as journal:
        add_term(journal, TERM, "2026-08-31", "2026-12-18")
        for n in range(activities):
            add_activity(journal, ActivityInput(day=_day(n), title=f"Before the trouble {n}", tags=("food",)))
    return path


def _day(n: int):  # type: ignore[no-untyped-def]
    from datetime import date

    return date(2026, 9, 1 + n % 28)


def _content(path: Path) -> str:
    """Everything the journal holds, as its JSON export: equal before and after means nothing changed."""
    with Journal.open(path) as journal:
        return json_text(journal)


def _csv(path: Path, rows: int) -> Path:
    lines = ["date,title,hours,tags,description"]
    lines += [f"2026-09-{1 + i % 28:02d},Imported {i},1.5,food,{'words ' * 60}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _assert_sentence(result: CliResult, codes: tuple[int, ...], *words: str) -> None:
    assert result.code in codes, (result.code, result.err)
    assert "Traceback" not in result.err and result.err.strip(), result.err
    assert result.err.strip().endswith("."), result.err
    lowered = result.err.lower()
    assert any(word in lowered for word in words), f"expected one of {words} in: {result.err}"
    assert "damaged" not in lowered, f"a healthy journal was called damaged: {result.err}"


# --- a full disk --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [("import", "CSV"), ("term", "add", "Spring 2027", "--start", "2027-01-11", "--end", "2027-04-30")],
    ids=["import", "term-add"],
)
def test_writing_to_a_journal_on_a_full_disk_says_so_and_changes_nothing(tmp_path: Path, command: tuple[str, ...]):
    csv_file = _csv(tmp_path / "big.csv", 1500)
    with small_disk(tmp_path / "disk") as disk:
        path = _journal(disk / "j.sqlite3")
        before = _content(path)
        filler = fill_disk(disk)
        args = [str(csv_file) if part == "CSV" else part for part in command]
        result = run_cli(path, *args)
        _assert_sentence(result, (1,), "full", "space")
        assert str(path) in result.err
        filler.unlink()
        assert _content(path) == before
        assert run_cli(path, "check").code == 0


def test_a_write_that_fills_the_disk_midway_is_refused_whole(tmp_path: Path):
    """The journal is open elsewhere (its WAL files exist), so the import starts and the disk fills during it."""
    csv_file = _csv(tmp_path / "big.csv", 3000)
    with small_disk(tmp_path / "disk") as disk:
        path = _journal(disk / "j.sqlite3")
        before = _content(path)
        with Journal.open(path):  # its pooled connection keeps the WAL and its index in place, as the app does
            filler = fill_disk(disk)
            result = run_cli(path, "import", str(csv_file))
            _assert_sentence(result, (1,), "full", "space", "not saved")
            filler.unlink()
        assert _content(path) == before


@pytest.mark.parametrize("fmt", ["json", "csv", "html"])
def test_an_export_to_a_full_disk_leaves_the_old_file_whole(tmp_path: Path, fmt: str, qapp: object):
    path = _journal(tmp_path / "j.sqlite3", activities=40)
    with small_disk(tmp_path / "disk", size="2m") as disk:
        target = disk / f"report.{fmt}"
        extra = ["--term", TERM] if fmt == "html" else []
        assert run_cli(path, "export", "--format", fmt, "-o", str(target), *extra).code == 0
        old = target.read_bytes()
        with Journal.open(path) as journal:
            add_activity(journal, ActivityInput(day=_day(3), title="After the old export " + "x" * 150))
        filler = fill_disk(disk)
        result = run_cli(path, "export", "--format", fmt, "-o", str(target), *extra)
        _assert_sentence(result, (1, 2), "space", "full")
        assert target.read_bytes() == old
        assert [p.name for p in disk.iterdir() if p.name.endswith(".partial")] == []
        filler.unlink()
        assert run_cli(path, "export", "--format", fmt, "-o", str(target), *extra).code == 0
        assert target.read_bytes() != old


def test_a_backup_to_a_full_disk_leaves_no_half_copy(tmp_path: Path):
    path = _journal(tmp_path / "j.sqlite3", activities=200)
    before = _content(path)
    with small_disk(tmp_path / "disk", size="2m") as disk:
        filler = fill_disk(disk)
        target = disk / "copy.sqlite3"
        result = run_cli(path, "backup", "-o", str(target))
        _assert_sentence(result, (1, 2), "space", "full", "could not be written")
        assert sorted(p.name for p in disk.iterdir()) == [filler.name]
    assert _content(path) == before


def test_an_export_stops_cleanly_when_the_disk_fills_on_any_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Without a small disk to fill: the flush of the temporary file reports ENOSPC, as a full disk would."""
    import os as os_module

    path = _journal(tmp_path / "j.sqlite3")
    target = tmp_path / "journal.json"
    target.write_text("the old export\n")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os_module.strerror(errno.ENOSPC))

    monkeypatch.setattr("os.fsync", full)
    result = run_cli(path, "export", "--format", "json", "-o", str(target))
    monkeypatch.undo()
    _assert_sentence(result, (1, 2), "space")
    assert target.read_text() == "the old export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# --- a read-only folder ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ("import", "CSV"),
        ("term", "add", "Spring 2027", "--start", "2027-01-11", "--end", "2027-04-30"),
        ("backup",),
        ("check",),
    ],
    ids=["import", "term-add", "backup", "check"],
)
def test_a_journal_in_a_read_only_folder_is_refused_in_words(tmp_path: Path, command: tuple[str, ...]):
    csv_file = _csv(tmp_path / "small.csv", 3)
    folder = tmp_path / "locked"
    folder.mkdir()
    path = _journal(folder / "j.sqlite3")
    before, bytes_before = _content(path), file_hash(path)
    with read_only_folder(folder):
        args = [str(csv_file) if part == "CSV" else part for part in command]
        result = run_cli(path, *args)
        _assert_sentence(result, (1,), "read-only")
        assert str(path) in result.err
        assert file_hash(path) == bytes_before
        assert sorted(p.name for p in folder.iterdir()) == ["j.sqlite3"]
    assert _content(path) == before


@pytest.mark.parametrize("command", [("export", "--format", "json"), ("backup",)], ids=["export", "backup"])
def test_writing_into_a_read_only_folder_is_refused_in_words(tmp_path: Path, command: tuple[str, ...]):
    path = _journal(tmp_path / "j.sqlite3")
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only_folder(folder):
        result = run_cli(path, *command, "-o", str(folder / "out.file"))
        _assert_sentence(result, (1, 2), "could not be written", "permission", "not permitted", "read-only")
        assert list(folder.iterdir()) == []


# --- the app: what was typed stays on screen --------------------------------------------------------------


def _visible_texts(widget) -> str:  # type: ignore[no-untyped-def]
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)).lower()


def _type_an_activity(editor, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor.title_edit, "Tenants' assembly")
    qtbot.keyClicks(editor.organization_edit, "Maple St. Tenants")
    editor.description_edit.setFocus()
    editor.description_edit.insertPlainText("We agreed to a rent strike. " * 3000)


def _assert_typed_text_kept(editor) -> None:  # type: ignore[no-untyped-def]
    assert editor.title_edit.text() == "Tenants' assembly"
    assert editor.organization_edit.text() == "Maple St. Tenants"
    assert editor.description_edit.toPlainText() == "We agreed to a rent strike. " * 3000


def _editor(journal: Journal, qtbot):  # type: ignore[no-untyped-def]
    from ui.journal_view.activity_editor import ActivityEditor
    from ui.window.events import JournalEvents

    events = JournalEvents()
    editor = ActivityEditor(journal, events, QUndoStack())
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _titles(path: Path) -> list[str]:
    with Journal.open(path) as journal:
        from journal.search.activity_query import ActivityQuery, find_activities

        return sorted(a.title for a in find_activities(journal, ActivityQuery()))


def test_the_app_keeps_what_was_typed_when_the_disk_is_full(tmp_path: Path, qtbot):  # type: ignore[no-untyped-def]
    with small_disk(tmp_path / "disk") as disk:
        path = _journal(disk / "j.sqlite3")
        before = _titles(path)
        with Journal.open(path) as journal:
            editor = _editor(journal, qtbot)
            filler = fill_disk(disk)
            _type_an_activity(editor, qtbot)
            assert editor.save_now() is False
            _assert_typed_text_kept(editor)
            shown = _visible_texts(editor)
            assert "not saved" in shown and "full" in shown, shown
            assert editor.status.text().lower().startswith("not saved")
            filler.unlink()
            assert editor.save_now() is True
            _assert_typed_text_kept(editor)
            assert "full" not in _visible_texts(editor)
        assert _titles(path) == sorted([*before, "Tenants' assembly"])


def test_the_app_keeps_what_was_typed_when_its_folder_turns_read_only(tmp_path: Path, qtbot):  # type: ignore[no-untyped-def]
    """The folder and the journal's files are locked while the app has them open (chattr +i, as root)."""
    folder = tmp_path / "drive"
    folder.mkdir()
    path = _journal(folder / "j.sqlite3")
    before = _titles(path)
    with Journal.open(path) as journal:
        editor = _editor(journal, qtbot)
        with read_only_folder(folder, with_files=True):
            _type_an_activity(editor, qtbot)
            assert editor.save_now() is False
            _assert_typed_text_kept(editor)
            shown = _visible_texts(editor)
            assert "not saved" in shown and ("read-only" in shown or "could not be written" in shown), shown
            assert editor.status.text().lower().startswith("not saved")
        assert editor.save_now() is True
        _assert_typed_text_kept(editor)
    assert _titles(path) == sorted([*before, "Tenants' assembly"])
