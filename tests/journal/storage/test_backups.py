"""Backups beside the journal: private copies, the keeping rule, and restoring safely."""

from __future__ import annotations

import shutil
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from journal.errors import JournalUnusable
from journal.records.terms import add_term, list_terms
from journal.storage import backups, sqlite_file
from journal.storage.journal_file import Journal


def make_journal(path: Path, *term_names: str) -> Path:
    with Journal.open(path) as journal:
        for n, name in enumerate(term_names):
            add_term(journal, name, date(2020 + n, 1, 1), date(2020 + n, 3, 1))
    return path


def damage(path: Path) -> None:
    """Overwrite every page but the first with junk: the header stays, the contents do not."""
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset : offset + 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))


def term_names(path: Path) -> list[str]:
    with Journal.open(path) as journal:
        return [t.name for t in list_terms(journal)]


def test_a_backup_is_a_private_checked_copy(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j.sqlite3", "Fall")
    target = backups.make_backup(journal)
    assert target.parent == tmp_path / "backups"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sqlite_file.quick_problem(target, thorough=True) is None
    assert term_names(target) == ["Fall"]
    [listed] = backups.list_backups(journal)
    assert (listed.path, listed.kind) == (target, "manual")


def test_backups_of_the_same_second_do_not_overwrite_each_other(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j.sqlite3")
    made = {backups.make_backup(journal) for _ in range(3)}
    assert len(made) == 3 and all(p.exists() for p in made)


def test_backup_to_a_chosen_path(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j.sqlite3", "Fall")
    target = backups.make_backup(journal, target=tmp_path / "elsewhere" / "copy.sqlite3")
    assert target == tmp_path / "elsewhere" / "copy.sqlite3"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and term_names(target) == ["Fall"]


def test_a_daily_backup_is_taken_once_a_day(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j.sqlite3")
    assert backups.daily_backup(journal) is not None
    assert backups.daily_backup(journal) is None
    assert [b.kind for b in backups.list_backups(journal)] == ["daily"]


def test_rotation_keeps_ten_days_eight_weeks_and_what_a_person_asked_for(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j.sqlite3")
    model = backups.make_backup(journal)
    folder = model.parent
    newest = date(2026, 3, 1)
    assert newest.weekday() == 6  # a Sunday: every ISO week ends on a backup day

    def place(moment: datetime, kind: str) -> Path:
        path = folder / f"j-{moment:%Y%m%d-%H%M%S}-{kind}.sqlite3"
        shutil.copyfile(model, path)
        return path

    daily = {}
    for i in range(70):
        day = newest - timedelta(days=i)
        daily[day] = place(datetime(day.year, day.month, day.day, 12, 0), "daily")
    earlier_today = place(datetime(2026, 3, 1, 9, 0), "daily")
    always = [
        place(datetime(2025, 1, 5, 8, 0), "pre-upgrade"),
        place(datetime(2024, 6, 1, 8, 0), "manual"),
        place(datetime(2024, 6, 2, 8, 0), "pre-restore"),
    ]
    model.unlink()
    stranger = folder / "someone-else.sqlite3"
    stranger.write_bytes(b"not ours")

    removed = set(backups.rotate(journal))

    kept_days = {newest - timedelta(days=i) for i in range(10)} | {newest - timedelta(days=7 * k) for k in range(8)}
    expected = {daily[d] for d in kept_days} | set(always)
    assert len(kept_days) == 16
    assert {b.path for b in backups.list_backups(journal)} == expected
    assert removed == (set(daily.values()) | {earlier_today}) - expected
    assert stranger.exists()


def test_a_backup_someone_asked_for_survives_later_backups(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j.sqlite3")
    daily = backups.make_backup(journal, kind="daily")
    asked_for = backups.make_backup(journal, kind="manual")
    backups.make_backup(journal, kind="pre-restore")
    backups.make_backup(journal, kind="daily")  # a second daily the same day replaces the first
    assert asked_for.exists() and not daily.exists()
    assert sorted(b.kind for b in backups.list_backups(journal)) == ["daily", "manual", "pre-restore"]


def test_restore_backs_up_the_current_journal_first(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j.sqlite3", "Fall")
    backup = backups.make_backup(journal)
    with Journal.open(journal) as opened:
        add_term(opened, "Spring", "2030-01-01", "2030-02-01")
    assert backups.restore(journal, backup) is None
    assert term_names(journal) == ["Fall"]
    [before_restore] = [b for b in backups.list_backups(journal) if b.kind == "pre-restore"]
    assert term_names(before_restore.path) == ["Fall", "Spring"]
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert not journal.with_name("j.sqlite3-wal").exists()


def test_a_damaged_journal_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j.sqlite3", "Fall")
    backup = backups.make_backup(journal)
    damage(journal)
    damaged_bytes = journal.read_bytes()
    aside = backups.restore(journal, backup)
    assert aside is not None and aside != journal and "damaged" in aside.name
    assert aside.read_bytes() == damaged_bytes
    assert term_names(journal) == ["Fall"]


def test_a_damaged_backup_is_not_restored(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j.sqlite3", "Fall")
    backup = backups.make_backup(journal)
    damage(backup)
    before = journal.read_bytes()
    with pytest.raises(JournalUnusable, match="cannot be restored"):
        backups.restore(journal, backup)
    assert journal.read_bytes() == before


def test_newest_good_backup_skips_damaged_ones(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j.sqlite3", "Fall")
    good = backups.make_backup(journal)
    bad = backups.make_backup(journal)
    damage(bad)
    assert backups.list_backups(journal)[0].path == bad
    found = backups.newest_good_backup(journal)
    assert found is not None and found.path == good


def test_age_text() -> None:
    now = datetime(2026, 3, 10, 18, 0)
    assert backups.age_text(datetime(2026, 3, 10, 9, 12), now) == "today at 09:12"
    assert backups.age_text(datetime(2026, 3, 9, 18, 40), now) == "yesterday at 18:40"
    assert backups.age_text(datetime(2026, 3, 7, 1, 0), now) == "3 days ago"
