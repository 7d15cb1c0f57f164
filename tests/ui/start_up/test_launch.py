"""The app as a process: it opens, paints its window, and --demo never touches the default journal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from journal.records.terms import add_term
from journal.storage.journal_file import Journal

ENTRY_POINT = Path(sys.executable).with_name("mutual-aid-journal")


def _launch(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        MUTUAL_AID_JOURNAL_EXIT_AFTER_PAINT="1",
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    env.pop("MUTUAL_AID_JOURNAL", None)
    return subprocess.run([str(ENTRY_POINT), *args], capture_output=True, text=True, timeout=60, env=env)


def test_the_app_opens_a_journal_and_paints(tmp_path):
    path = tmp_path / "j.sqlite3"
    with Journal.open(path) as journal:
        add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    done = _launch(tmp_path, "--journal", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("first-paint-seconds ")
    assert "Traceback" not in done.stderr
    assert "went wrong" not in done.stderr
    assert list((tmp_path / "backups").glob("j-*-daily.sqlite3")), "the first open of the day makes a backup"


def test_demo_never_touches_the_default_journal(tmp_path):
    done = _launch(tmp_path, "--demo")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "data" / "mutual-aid-journal").exists()


def test_the_trash_keeps_deletions_for_thirty_days(tmp_path):
    from datetime import UTC, datetime, timedelta

    from journal.records.activities import add_activity, trash_activities, trashed_activities
    from journal.records.validation import check_activity

    path = tmp_path / "j.sqlite3"
    with Journal.open(path) as journal:
        add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
        old = add_activity(journal, check_activity({"date": "2026-09-02", "title": "Old"}, journal.framework))
        recent = add_activity(journal, check_activity({"date": "2026-09-03", "title": "Recent"}, journal.framework))
        trash_activities(journal, [old.id, recent.id])
        long_ago = (datetime.now(UTC) - timedelta(days=31)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        with journal.writing() as session:
            session.connection().exec_driver_sql(
                "UPDATE activities SET deleted_at = ? WHERE id = ?", (long_ago, old.id)
            )
    done = _launch(tmp_path, "--journal", str(path))
    assert done.returncode == 0, done.stderr
    with Journal.open(path) as journal:
        assert [r.title for r in trashed_activities(journal)] == ["Recent"]
