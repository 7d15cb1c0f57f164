"""A damaged, foreign or too-new journal in the app: explained, never written to, a good backup offered."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from journal.records.terms import add_term, list_terms
from journal.storage import backups
from journal.storage.journal_file import Journal
from tests.conftest import file_hash


def _damage(path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page after the first
        data[offset + 100 : offset + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged_with_backup(journal_file):
    with Journal.open(journal_file) as journal:
        add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    backups.make_backup(journal_file, kind="manual")
    with Journal.open(journal_file) as journal:
        add_term(journal, "Spring 2027", "2027-01-10", "2027-05-01")
    _damage(journal_file)
    return journal_file


def _controller(path):
    from ui.start_up.app import AppController, application

    return AppController(application(), path)


def test_declining_the_offer_leaves_the_damaged_file_untouched(damaged_with_backup, monkeypatch, qapp):
    import ui.start_up.app

    before = file_hash(damaged_with_backup)
    monkeypatch.setattr(ui.start_up.app, "ask", lambda *a, **k: False)
    controller = _controller(damaged_with_backup)
    assert controller.open() is False
    controller.release()
    assert file_hash(damaged_with_backup) == before


def test_accepting_restores_the_newest_good_backup_and_keeps_the_damaged_file(damaged_with_backup, monkeypatch, qapp):
    import ui.start_up.app

    questions = []
    monkeypatch.setattr(ui.start_up.app, "ask", lambda parent, title, text, *a: questions.append(text) or True)
    damaged_bytes = damaged_with_backup.read_bytes()
    controller = _controller(damaged_with_backup)
    assert controller.open() is True
    assert "damaged" in questions[0] and "Restore it?" in questions[0]
    assert [t.name for t in list_terms(controller.journal)] == ["Fall 2026"]
    kept = [p for p in damaged_with_backup.parent.glob("j-damaged-*.sqlite3")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes
    controller.window.close()
    controller.release()


def test_a_journal_from_a_newer_version_is_refused_untouched(journal_file, qapp, capsys):
    Journal.open(journal_file).close()
    with closing(sqlite3.connect(journal_file)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()
    before = file_hash(journal_file)
    controller = _controller(journal_file)
    assert controller.open() is False
    controller.release()
    assert "newer version" in capsys.readouterr().err
    assert file_hash(journal_file) == before


def test_sync_folder_warning_is_shown(tmp_path, qapp):
    from journal.storage.location_risk import location_warning

    path = tmp_path / "Dropbox" / "journal.sqlite3"
    controller = _controller(path)
    assert controller.open()
    assert "sync folder" in controller.window.statusBar().currentMessage()
    controller.window.close()
    controller.release()
    assert location_warning(tmp_path / "j.sqlite3", mounts="") is None
    mounts = f"server:/home {tmp_path} nfs4 rw 0 0\n"
    assert "network drive" in (location_warning(tmp_path / "j.sqlite3", mounts=mounts) or "")


def _damage_activities_only(path) -> None:
    """Scribble over the activities table's pages, leaving the schema and its version readable."""
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'activities'").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))


@pytest.fixture
def quietly_damaged(journal_file):
    from journal.records.activities import add_activity
    from journal.records.validation import check_activity

    with Journal.open(journal_file) as journal:
        add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
        for n in range(60):
            raw = {"date": "2026-09-02", "title": f"Shift {n}", "description": "x" * 300}
            add_activity(journal, check_activity(raw, journal.framework))
    backups.make_backup(journal_file, kind="manual")
    _damage_activities_only(journal_file)
    return journal_file


def test_no_write_reaches_a_journal_whose_check_runs_while_reading(quietly_damaged):
    from journal.errors import JournalUnusable

    before = file_hash(quietly_damaged)
    journal = Journal.open(quietly_damaged, check_while_reading=True)
    assert journal.check is not None  # opened for reading at once
    with pytest.raises(JournalUnusable, match="damaged"):
        add_term(journal, "Spring 2027", "2027-01-10", "2027-05-01")
    journal.close()
    assert file_hash(quietly_damaged) == before


def test_damage_found_after_the_window_opens_offers_the_backup(quietly_damaged, monkeypatch, qapp):
    import ui.start_up.app

    monkeypatch.setattr(ui.start_up.app, "ask", lambda *a, **k: True)
    controller = _controller(quietly_damaged)
    assert controller.open() is True  # the window came up while the check ran
    assert controller.verify() is True  # the check failed, the backup went in, the journal reopened
    assert [t.name for t in list_terms(controller.journal)] == ["Fall 2026"]
    assert list(quietly_damaged.parent.glob("j-damaged-*.sqlite3"))
    controller.window.close()
    controller.release()


def test_a_busy_or_unreadable_journal_is_not_offered_a_backup(journal_file, monkeypatch, qapp, capsys):
    """Not damage: the journal stays where it is, and no restore is offered."""
    import ui.start_up.app
    from journal.storage.sqlite_file import AccessProblem

    with Journal.open(journal_file) as journal:
        add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    backups.make_backup(journal_file, kind="manual")
    before = file_hash(journal_file)
    offered = []
    monkeypatch.setattr(ui.start_up.app, "ask", lambda *a, **k: offered.append(a) or True)
    busy = AccessProblem(f"The journal {journal_file} is busy in another program. Try again in a moment.")
    monkeypatch.setattr("journal.storage.sqlite_file.quick_problem", lambda path, thorough=False: busy)
    controller = _controller(journal_file)
    assert controller.open() is True  # the window opens while the check runs...
    assert controller.verify() is False  # ...and closes when it reports
    controller.release()
    assert offered == []
    assert "busy in another program" in capsys.readouterr().err
    assert file_hash(journal_file) == before
    assert not list(journal_file.parent.glob("j-damaged-*"))
