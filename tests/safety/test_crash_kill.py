"""Crash safety, tested by crashing: SIGKILL at random moments during writes, then check what is left.

After every kill: SQLite's integrity check passes and the app opens the
journal; every change acknowledged before the kill is there; an import is all
or nothing; an export or backup file is the old whole file or the new whole
one (temporary ``.name.*.partial`` files may stay behind; the target never
tears). The work runs in children of a warmed-up fork server (fast) and, for
a few trials, as whole new processes: the installed ``mutual-aid-journal``
command and the app's driver (tests/safety/crash_app_driver.py).

Each kill is timed from the work's own acknowledgements, never from the clock
alone, so that a busy machine cannot move it before the first write or past
the write it was meant for. Work that loops over writes is killed after a random
number of acknowledged writes, at a random share of the time the last one took:
inside the next write. Work that makes one write (an upgrade, a new journal, a
JSON import) is first left to finish it, which times it; later kills come at a
random share of that time, and trials go on until enough kills have landed
before the write was acknowledged. Every check depends only on the
acknowledgements read after the kill. The random numbers come from
``random.Random`` seeded per kind of work (CRASH_SEED in the environment changes
the seed). The default run kills a few dozen times; the slow run
(``make test-slow``) kills over 300 times.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from journal.records.activities import add_activity
from journal.records.terms import add_term
from journal.records.validation import ActivityInput
from journal.storage import backups
from journal.storage.journal_file import Journal
from journal.transfer.csv_io import csv_text
from journal.transfer.json_io import json_text
from tests.safety.crash_harness import (
    ENTRY_POINT,
    ForkedRunner,
    Kill,
    Trial,
    backup_problems,
    journal_problems,
    query,
    run_spawned,
    tally,
)

SEED = int(os.environ.get("CRASH_SEED", "20260901"))
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CSV_ROWS = 1500
SPAWNED_CSV_ROWS = 12000
TERM = "Fall 2026"
# Kills per kind of work: (default run, slow run). For work that makes one write, kills before it ended.
KILLS = {
    "import": (4, 55),
    "backup": (4, 45),
    "restore": (3, 45),
    "export": (4, 50),
    "autosave": (5, 55),
    "app": (4, 45),
    "spawned import": (1, 10),
    "json import": (0, 20),  # slow run only: building a big journal to import takes seconds
    "upgrade": (3, 25),
    "first open": (3, 20),
    "spawned app": (1, 8),
}

ONE_WRITE = ("upgrade", "first open", "json import")
# Writes acknowledged before a kill, at most, per kind of looping work: enough for kills in each step of the loop
# (each export format, a new activity in the app) and for a state carried over writes, few enough that the default
# run stays short on a busy machine, where each write takes longer.
MOST_ACKS = {
    "import": 2,
    "backup": 8,
    "restore": 12,
    "export": 12,
    "autosave": 40,
    "app": 16,
    "spawned import": 1,
    "spawned app": 20,
}


def _random(name: str) -> random.Random:
    return random.Random(SEED ^ zlib.crc32(name.encode()))


def _next_write(pick: random.Random, name: str) -> Kill:
    """A kill inside the write after a random number of acknowledged ones (at least one)."""
    return Kill(after_acks=pick.randint(1, MOST_ACKS[name]), share=pick.random())


class _OneWrite:
    """Kills for work that makes one write: the first trial waits for its acknowledgement, which times the write
    on this machine at this moment; each later kill comes at a random share of the latest such time."""

    def __init__(self) -> None:
        self.took: float | None = None

    def kill(self, pick: random.Random) -> Kill:
        return Kill(after_acks=1) if self.took is None else Kill(delay=pick.uniform(0.0, 0.9) * self.took)

    def saw(self, done: Trial) -> None:
        if done.first_ack_at is not None:
            self.took = done.first_ack_at


@pytest.fixture(scope="module")
def runner() -> Iterator[ForkedRunner]:
    server = ForkedRunner()
    try:
        yield server
    finally:
        server.close()


def _new_journal(path: Path, activities: int = 0, prefix: str = "Seed") -> Path:
    with Journal.open(path) as journal:
        add_term(journal, TERM, "2026-08-31", "2026-12-18")
        for n in range(activities):
            add_activity(journal, _activity(f"{prefix} {n}", n))
    return path


def _activity(title: str, n: int) -> ActivityInput:
    return ActivityInput(
        day=date(2026, 9, 1 + n % 28),
        title=title,
        organization=f"Org {n % 4}",
        hours_centi=(n * 25) % 2401,
        description=f"Description {n} " + "words " * (n % 30),
        tags=("food",) if n % 2 else ("housing", "tenants"),
        criteria=("radical.root-causes",) if n % 3 else ("charity.one-way-giving",),
        private=n % 7 == 0,
    )


def _big_csv(path: Path, rows: int) -> Path:
    lines = ["date,title,organization,role,hours,criteria,tags,description"]
    for i in range(rows):
        lines.append(
            f"2026-09-{1 + i % 28:02d},Import row {i},Org {i % 7},cook,{(i % 8) / 2},"
            f'radical.root-causes;charity.one-way-giving,food;t{i % 5},"Row {i}: ' + "x" * 150 + '"'
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run_trials(name: str, slow: bool, trial: Callable[[random.Random, int], tuple[Trial, list[str]]]) -> None:
    """Run the kind's trials, tally them, and fail with every problem found (not only the first).

    Work that makes one write is tried until the kind's number of kills landed before the write was acknowledged,
    at most three times that number and one more: a kill after the write is checked too, but tests less.
    """
    pick = _random(name)
    count = KILLS[name][1 if slow else 0]
    one_write = name in ONE_WRITE
    record = tally(name)
    trials = kills = before_the_write_ended = 0
    while trials < count or (one_write and before_the_write_ended < count and trials <= 3 * count):
        done, problems = trial(pick, trials)
        problems = [*problems, *done.timing_problems()]
        if not done.killed and done.exit_code != 0:
            problems.append("the work failed by itself before the kill")
            print(f"{name} trial {trials} failed by itself; its stderr:\n{done.stderr}")
        record.add(done, problems)
        trials += 1
        kills += done.killed
        before_the_write_ended += done.killed and not done.acks
    summary = (
        f"{name}: {kills} kills in {trials} trials ({record.with_acks} of {record.trials} so far after at least one "
        f"acknowledged write, {record.acks} acknowledgements), {len(record.problems)} problem(s) found"
    )
    assert not record.problems, summary + ":\n" + "\n".join(record.problems[:20])
    assert kills == trials, summary + ": the work ended by itself before the kill"  # it loops or waits to be killed
    if one_write:
        assert before_the_write_ended >= count, summary + ": too few kills came before the write had finished"


# --- import: all or nothing ------------------------------------------------------------------------


def _import_trials(runner: ForkedRunner, tmp_path: Path, slow: bool) -> None:
    base = _new_journal(tmp_path / "base.sqlite3")
    big = _big_csv(tmp_path / "big.csv", CSV_ROWS)

    def trial(pick: random.Random, number: int) -> tuple[Trial, list[str]]:
        folder = tmp_path / f"trial{number}"
        folder.mkdir()
        path = folder / "j.sqlite3"
        shutil.copyfile(base, path)
        done = runner.run("import", {"journal": str(path), "csv": str(big)}, _next_write(pick, "import"), folder)
        return done, journal_problems(path) + _import_problems(path, {len(done.acks), len(done.acks) + 1})

    _run_trials("import", slow, trial)


def _import_problems(path: Path, allowed_imports: set[int], rows: int = CSV_ROWS) -> list[str]:
    """Each import adds all its rows or none: every row title appears the same number of times."""
    counts = query(path, "SELECT count(*), count(DISTINCT title) FROM activities")[0]
    ticks = query(path, "SELECT count(*) FROM ticks")[0][0]
    tags = query(path, "SELECT count(*) FROM activity_tags")[0][0]
    total, distinct = counts
    imports, torn = divmod(total, rows)
    if torn or (total and distinct != rows):
        return [f"a torn import: {total} activities for {rows}-row imports"]
    if imports not in allowed_imports:
        return [f"{imports} whole imports in the journal where {sorted(allowed_imports)} were possible"]
    if ticks != 2 * total or tags != 2 * total:
        return [f"{total} imported activities but {ticks} ticks and {tags} tag links"]
    return []


def test_kill_during_import(runner: ForkedRunner, tmp_path: Path) -> None:
    _import_trials(runner, tmp_path, slow=False)


@pytest.mark.slow
def test_kill_during_import_many_times(runner: ForkedRunner, tmp_path: Path) -> None:
    _import_trials(runner, tmp_path, slow=True)


def _json_import_trials(runner: ForkedRunner, tmp_path: Path, slow: bool) -> None:
    """A whole journal (the demo semester) imported from JSON: afterwards the journal is empty or holds it all."""
    from journal.demo import fill_demo_journal
    from journal.transfer.csv_io import import_csv
    from journal.transfer.json_io import import_json

    source = tmp_path / "source.sqlite3"
    with Journal.open(source) as journal:
        fill_demo_journal(journal)
        import_csv(journal, _big_csv(tmp_path / "more.csv", CSV_ROWS))
        full = json_text(journal)
    export = tmp_path / "journal.json"
    export.write_text(full, encoding="utf-8")
    empty = tmp_path / "empty.sqlite3"
    with Journal.open(empty) as journal:
        nothing = json_text(journal)
    shutil.copyfile(empty, tmp_path / "whole.sqlite3")
    with Journal.open(tmp_path / "whole.sqlite3") as journal:  # the import works, whole, when nobody kills it
        import_json(journal, export)
        assert json_text(journal) == full
    kills = _OneWrite()

    def trial(pick: random.Random, number: int) -> tuple[Trial, list[str]]:
        folder = tmp_path / f"trial{number}"
        folder.mkdir()
        path = folder / "j.sqlite3"
        shutil.copyfile(empty, path)
        done = runner.run("import json", {"journal": str(path), "json": str(export)}, kills.kill(pick), folder)
        kills.saw(done)
        problems = journal_problems(path)
        if not problems:
            with Journal.open(path) as journal:
                now = json_text(journal)
            if now not in ((full,) if done.acks else (nothing, full)):
                problems.append(f"a torn JSON import: the journal holds {now.count(chr(10))} lines of export")
        return done, problems

    _run_trials("json import", slow, trial)


@pytest.mark.slow
def test_kill_during_json_import_many_times(runner: ForkedRunner, tmp_path: Path) -> None:
    _json_import_trials(runner, tmp_path, slow=True)


# The installed command, started afresh for each import, by a shell that acknowledges each import that exited 0.
IMPORT_AGAIN_AND_AGAIN = """
n=0
while :; do
    n=$((n + 1))
    "$0" --journal "$1" import "$2" >/dev/null || exit $((10 + $?))
    echo "ack $n"
done
"""


def _spawned_import_trials(tmp_path: Path, slow: bool) -> None:
    """The installed command, started afresh, again and again. The first import runs to its end (it must work,
    and it times a whole command here, now); the kill comes late in a later command, where its import runs, at a
    share of that time. Counted from a finished import, a busy moment cannot put the kill before the first one or
    long after the second (delays from the start once put half the kills after the import had ended)."""
    base = _new_journal(tmp_path / "base.sqlite3")
    big = _big_csv(tmp_path / "big.csv", SPAWNED_CSV_ROWS)

    def trial(pick: random.Random, number: int) -> tuple[Trial, list[str]]:
        folder = tmp_path / f"trial{number}"
        folder.mkdir()
        path = folder / "j.sqlite3"
        shutil.copyfile(base, path)
        command = ["sh", "-c", IMPORT_AGAIN_AND_AGAIN, str(ENTRY_POINT), str(path), str(big)]
        kill = Kill(after_acks=pick.randint(1, MOST_ACKS["spawned import"]), share=pick.uniform(0.5, 0.97))
        done = run_spawned(command, kill, folder, "import")
        problems = _import_problems(path, {len(done.acks), len(done.acks) + 1}, SPAWNED_CSV_ROWS)
        return done, journal_problems(path) + problems

    _run_trials("spawned import", slow, trial)


def test_kill_the_installed_command_during_import(tmp_path: Path) -> None:
    _spawned_import_trials(tmp_path, slow=False)


@pytest.mark.slow
def test_kill_the_installed_command_during_import_many_times(tmp_path: Path) -> None:
    _spawned_import_trials(tmp_path, slow=True)


# --- opening an old journal: the backup and the schema upgrade ----------------------------------------


def _upgrade_trials(runner: ForkedRunner, tmp_path: Path, slow: bool) -> None:
    """Kill while Journal.open backs up a journal of the first released revision and upgrades it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    fixtures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixtures)
    oldest = tmp_path / "oldest.sqlite3"  # a copy: a look at a WAL journal leaves files beside it
    shutil.copyfile(fixtures.fixture_path(fixtures.RELEASED_REVISIONS[0]), oldest)
    rows = query(oldest, "SELECT id, title, description, deleted_at FROM activities ORDER BY id")
    kills = _OneWrite()

    def trial(pick: random.Random, number: int) -> tuple[Trial, list[str]]:
        folder = tmp_path / f"trial{number}"
        folder.mkdir()
        path = folder / "j.sqlite3"
        shutil.copyfile(oldest, path)
        done = runner.run("open", {"journal": str(path)}, kills.kill(pick), folder)
        kills.saw(done)
        problems = journal_problems(path)  # opens it with today's code: the upgrade finishes here if it was cut
        if query(path, "SELECT id, title, description, deleted_at FROM activities ORDER BY id") != rows:
            problems.append("activities changed or were lost in an upgrade cut short")
        for made in backups.list_backups(path):
            problems += backup_problems(made.path)
        return done, problems

    _run_trials("upgrade", slow, trial)


def test_kill_during_an_upgrade(runner: ForkedRunner, tmp_path: Path) -> None:
    _upgrade_trials(runner, tmp_path, slow=False)


@pytest.mark.slow
def test_kill_during_an_upgrade_many_times(runner: ForkedRunner, tmp_path: Path) -> None:
    _upgrade_trials(runner, tmp_path, slow=True)


def _first_open_trials(runner: ForkedRunner, tmp_path: Path, slow: bool) -> None:
    """Kill while Journal.open creates a new journal: afterwards there is a whole journal or none at all."""
    kills = _OneWrite()

    def trial(pick: random.Random, number: int) -> tuple[Trial, list[str]]:
        folder = tmp_path / f"trial{number}"
        folder.mkdir()
        path = folder / "new" / "j.sqlite3"
        done = runner.run("open", {"journal": str(path)}, kills.kill(pick), folder)
        kills.saw(done)
        problems = journal_problems(path) if path.exists() else []
        if done.acks and not path.exists():
            problems.append("the journal was acknowledged as made, but is not there")
        if not problems:
            Journal.open(path).close()  # made now, or made again after the cut
            problems = journal_problems(path)
        return done, problems

    _run_trials("first open", slow, trial)


def test_kill_while_a_new_journal_is_made(runner: ForkedRunner, tmp_path: Path) -> None:
    _first_open_trials(runner, tmp_path, slow=False)


@pytest.mark.slow
def test_kill_while_a_new_journal_is_made_many_times(runner: ForkedRunner, tmp_path: Path) -> None:
    _first_open_trials(runner, tmp_path, slow=True)


# --- backup: the journal untouched, every backup whole ---------------------------------------------


def _backup_trials(runner: ForkedRunner, tmp_path: Path, slow: bool) -> None:
    path = _new_journal(tmp_path / "j.sqlite3", activities=250)
    expected = query(path, "SELECT id, title, updated_at FROM activities ORDER BY id")
    target = tmp_path / "copy.sqlite3"
    backups.make_backup(path, kind="manual", target=target)
    checked: set[Path] = set()

    def trial(pick: random.Random, number: int) -> tuple[Trial, list[str]]:
        folder = tmp_path / f"trial{number}"
        folder.mkdir()
        done = runner.run("backup", {"journal": str(path), "target": str(target)}, _next_write(pick, "backup"), folder)
        problems = journal_problems(path)
        if query(path, "SELECT id, title, updated_at FROM activities ORDER BY id") != expected:
            problems.append("the journal changed during a backup")
        problems += backup_problems(target)
        if not problems and query(target, "SELECT id, title, updated_at FROM activities ORDER BY id") != expected:
            problems.append(f"{target.name} does not hold the journal")
        for made in backups.list_backups(path):
            if made.path not in checked:
                checked.add(made.path)
                problems += backup_problems(made.path)
        return done, problems

    _run_trials("backup", slow, trial)


def test_kill_during_backup(runner: ForkedRunner, tmp_path: Path) -> None:
    _backup_trials(runner, tmp_path, slow=False)


@pytest.mark.slow
def test_kill_during_backup_many_times(runner: ForkedRunner, tmp_path: Path) -> None:
    _backup_trials(runner, tmp_path, slow=True)


# --- restore: one known state or the other, never a mix ----------------------------------------------


def _titles(path: Path) -> frozenset[str]:
    return frozenset(r[0] for r in query(path, "SELECT title FROM activities"))


def _restore_trials(runner: ForkedRunner, tmp_path: Path, slow: bool) -> None:
    saved = tmp_path / "saved"
    saved.mkdir()
    states = {}
    for name, count in (("a.sqlite3", 60), ("b.sqlite3", 90)):
        source = _new_journal(tmp_path / f"source-{name}", activities=count, prefix=f"State {name[0]}")
        backups.make_backup(source, kind="manual", target=saved / name)
        states[name] = _titles(saved / name)
    path = tmp_path / "j.sqlite3"
    shutil.copyfile(saved / "b.sqlite3", path)
    current = {"state": "b.sqlite3"}
    order = ["a.sqlite3", "b.sqlite3"]

    def trial(pick: random.Random, number: int) -> tuple[Trial, list[str]]:
        folder = tmp_path / f"trial{number}"
        folder.mkdir()
        args = {"journal": str(path), "folder": str(saved), "backups": order}
        done = runner.run("restore", args, _next_write(pick, "restore"), folder)
        problems = journal_problems(path)
        last = done.acks[-1].split()[1] if done.acks else current["state"]
        in_flight = order[len(done.acks) % len(order)]
        titles = _titles(path) if not problems else frozenset()
        found = next((name for name, state in states.items() if state == titles), None)
        if found is None:
            problems.append(f"the journal is neither backup after a restore ({len(titles)} activities)")
        elif found not in (last, in_flight):
            problems.append(f"the journal holds {found} where {last} (or {in_flight}, in flight) was expected")
        else:
            current["state"] = found
        for made in backups.list_backups(path):
            problems += backup_problems(made.path)
            made.path.unlink()  # each restore keeps a pre-restore copy: checked, then cleared to save space
        return done, problems

    _run_trials("restore", slow, trial)


def test_kill_during_restore(runner: ForkedRunner, tmp_path: Path) -> None:
    _restore_trials(runner, tmp_path, slow=False)


@pytest.mark.slow
def test_kill_during_restore_many_times(runner: ForkedRunner, tmp_path: Path) -> None:
    _restore_trials(runner, tmp_path, slow=True)


# --- export over an existing export: the old whole file or the new whole file ------------------------


def _export_trials(runner: ForkedRunner, tmp_path: Path, slow: bool) -> None:
    from journal import cli
    from ui.launcher import qt_exporters

    path = _new_journal(tmp_path / "j.sqlite3", activities=120)
    out = tmp_path / "out"
    out.mkdir()
    targets = {"json": out / "journal.json", "csv": out / "activities.csv", "html": out / "report.html"}

    def export_all() -> dict[str, bytes]:
        exporters = qt_exporters()
        exporters.out = open(os.devnull, "w")  # noqa: SIM115
        with exporters.out:
            for fmt, target in targets.items():
                extra = ["--term", TERM] if fmt == "html" else []
                assert (
                    cli.main(["--journal", str(path), "export", "--format", fmt, "-o", str(target), *extra], exporters)
                    == 0
                )
        return {fmt: target.read_bytes() for fmt, target in targets.items()}

    old = export_all()
    with Journal.open(path) as journal:
        add_activity(journal, _activity("The change after the old export", 7))
        assert json_text(journal).encode() != old["json"]
    new = export_all()
    assert all(new[fmt] != old[fmt] for fmt in targets)
    with Journal.open(path) as journal:  # the json and csv exports are exactly these texts
        assert new["json"] == json_text(journal).encode()
        assert new["csv"].decode("utf-8-sig").count("\r\n") == len(csv_text([]).splitlines()) + 121
    for fmt, target in targets.items():
        target.write_bytes(old[fmt])
    args = {
        "journal": str(path),
        "term": TERM,
        "formats": list(targets),
        "targets": {k: str(v) for k, v in targets.items()},
    }

    def trial(pick: random.Random, number: int) -> tuple[Trial, list[str]]:
        folder = tmp_path / f"trial{number}"
        folder.mkdir()
        done = runner.run("export", args, _next_write(pick, "export"), folder)
        problems = journal_problems(path)
        for fmt, target in targets.items():
            data = target.read_bytes() if target.exists() else b"(missing)"
            if data not in (old[fmt], new[fmt]):
                problems.append(f"{target.name} is torn: {len(data)} bytes, neither the old nor the new export")
            elif target.stat().st_mode & 0o077:
                problems.append(f"{target.name} is readable by others")
        return done, problems

    _run_trials("export", slow, trial)
    leftovers = sorted(p.name for p in out.iterdir() if p.name.endswith(".partial"))
    print(f"export: {len(leftovers)} temporary file(s) left beside the exports by kills")


def test_kill_during_export(runner: ForkedRunner, tmp_path: Path, qapp: Any) -> None:
    _export_trials(runner, tmp_path, slow=False)


@pytest.mark.slow
def test_kill_during_export_many_times(runner: ForkedRunner, tmp_path: Path, qapp: Any) -> None:
    _export_trials(runner, tmp_path, slow=True)


# --- autosave through update_activity: every acknowledged write is there -----------------------------


def _autosaved(n: int) -> tuple[str, int, str, tuple[str, ...]]:
    """What the autosave job writes on its n-th write: description, hours, tag, criteria."""
    criteria = ("radical.root-causes",) if n % 2 else ("charity.one-way-giving", "radical.civic-space")
    return ("typing " * (n % 50)) + str(n), n % 2401, f"t{n % 3}", criteria


def _autosave_trials(runner: ForkedRunner, tmp_path: Path, slow: bool) -> None:
    path = _new_journal(tmp_path / "j.sqlite3", activities=5)
    ids = [r[0] for r in query(path, "SELECT id FROM activities ORDER BY id")]
    known: dict[int, int | None] = dict.fromkeys(ids)  # activity id -> n of its last write (None: never written)
    counter = {"start": 0}

    def trial(pick: random.Random, number: int) -> tuple[Trial, list[str]]:
        folder = tmp_path / f"trial{number}"
        folder.mkdir()
        start = counter["start"]
        args = {"journal": str(path), "ids": ids, "start": start}
        done = runner.run("autosave", args, _next_write(pick, "autosave"), folder)
        problems = journal_problems(path)
        expected = dict(known)
        adds: set[int] = set()
        last_n = start
        for line in done.acks:
            n_text, kind, activity_text = line.split()
            n, activity = int(n_text), int(activity_text)
            expected[activity] = n
            last_n = n
            if kind == "add":
                adds.add(activity)
        in_flight = last_n + 1
        rows = (
            query(
                path,
                "SELECT a.id, a.title, a.description, a.hours_centi, "
                "(SELECT group_concat(t.name) FROM activity_tags x JOIN tags t ON t.id = x.tag_id "
                "WHERE x.activity_id = a.id), "
                "(SELECT group_concat(criterion_id) FROM (SELECT criterion_id FROM ticks WHERE activity_id = a.id "
                "ORDER BY criterion_id)) FROM activities a",
            )
            if not problems
            else []
        )
        stored = {}
        for activity, title, description, hours, tags, criteria in rows:
            n = int(title.rsplit("#", 1)[1]) if "#" in title else None
            stored[activity] = n
            if n is not None:
                want = _autosaved(n)
                if (description, hours, tags, tuple((criteria or "").split(","))) != want:
                    problems.append(f"activity {activity} holds a half-written autosave #{n}")
        for activity, n in expected.items():
            if activity not in stored:
                problems.append(f"activity {activity}, acknowledged as written (#{n}), is missing")
            elif stored[activity] != n and stored[activity] != in_flight:
                problems.append(f"activity {activity} holds #{stored[activity]}, but #{n} was acknowledged")
        extra = set(stored) - set(expected)
        if len(extra) > 1 or any(stored[a] != in_flight for a in extra):
            problems.append(f"activities nobody acknowledged adding: {sorted(extra)}")
        known.clear()
        known.update({a: stored.get(a) for a in set(expected) | extra})
        counter["start"] = in_flight + 1000
        return done, problems

    _run_trials("autosave", slow, trial)


def test_kill_during_autosave(runner: ForkedRunner, tmp_path: Path) -> None:
    _autosave_trials(runner, tmp_path, slow=False)


@pytest.mark.slow
def test_kill_during_autosave_many_times(runner: ForkedRunner, tmp_path: Path) -> None:
    _autosave_trials(runner, tmp_path, slow=True)


# --- the app, typing into the activity form ----------------------------------------------------------


def _app_problems(path: Path, done: Trial, known: dict[int, int], start: int) -> list[str]:
    """Every save the app acknowledged is in the journal, whole; ``known`` carries the state between trials."""
    problems = journal_problems(path)
    if problems:
        return problems
    expected = dict(known)
    last_n = start
    for line in done.acks:
        parts = line.split(maxsplit=1)
        if parts[1].startswith("refused"):
            problems.append(f"the app refused a valid save #{parts[0]}: {parts[1]}")
            continue
        if not parts[1].isdigit():
            problems.append(f"the app said save #{parts[0]} was saved, but the form has no activity ({parts[1]})")
            continue
        n, activity = int(parts[0]), int(parts[1])
        expected[activity] = n
        last_n = n
    in_flight = last_n + 1
    stored = {}
    for activity, title, description in query(path, "SELECT id, title, description FROM activities"):
        n = int(title.rsplit("#", 1)[1])
        stored[activity] = n
        if not f" {description}".endswith(f" w{n}"):  # a new activity's description is "wN", trimmed
            problems.append(f"activity {activity}: the title of save #{n} and its description disagree")
    for activity, n in expected.items():
        if activity not in stored:
            problems.append(f"activity {activity}, acknowledged as saved (#{n}), is missing")
        elif stored[activity] not in (n, in_flight):
            problems.append(f"activity {activity} holds #{stored[activity]}, but #{n} was acknowledged")
    extra = set(stored) - set(expected)
    if len(extra) > 1 or any(stored[a] != in_flight for a in extra):
        problems.append(f"activities nobody acknowledged saving: {sorted(extra)}")
    known.clear()
    known.update(stored)
    return problems


def _app_trials(tmp_path: Path, slow: bool, run: Callable[[dict[str, Any], Kill, Path], Trial], name: str) -> None:
    path = _new_journal(tmp_path / "j.sqlite3")
    known: dict[int, int] = {}
    counter = {"start": 0}

    def trial(pick: random.Random, number: int) -> tuple[Trial, list[str]]:
        folder = tmp_path / f"trial{number}"
        folder.mkdir()
        args = {"journal": str(path), "settings": str(tmp_path / "settings"), "start": counter["start"]}
        done = run(args, _next_write(pick, name), folder)
        problems = _app_problems(path, done, known, counter["start"])
        counter["start"] = max([counter["start"], *known.values()]) + 1000
        if not done.killed:
            problems.append(f"the app stopped by itself: {done.stderr.strip()[-300:]}")
        return done, problems

    _run_trials(name, slow, trial)


def test_kill_the_app_while_typing(runner: ForkedRunner, tmp_path: Path) -> None:
    _app_trials(tmp_path, False, lambda args, kill, folder: runner.run("app", args, kill, folder), "app")


@pytest.mark.slow
def test_kill_the_app_while_typing_many_times(runner: ForkedRunner, tmp_path: Path) -> None:
    _app_trials(tmp_path, True, lambda args, kill, folder: runner.run("app", args, kill, folder), "app")


def _spawned_app(args: dict[str, Any], kill: Kill, folder: Path) -> Trial:
    import json

    command = [sys.executable, "-m", "tests.safety.crash_app_driver", json.dumps(args)]
    return run_spawned(command, kill, folder, "app")


def test_kill_the_app_process_while_typing(tmp_path: Path) -> None:
    _app_trials(tmp_path, False, _spawned_app, "spawned app")


@pytest.mark.slow
def test_kill_the_app_process_while_typing_many_times(tmp_path: Path) -> None:
    _app_trials(tmp_path, True, _spawned_app, "spawned app")
