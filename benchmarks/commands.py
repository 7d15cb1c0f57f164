"""Whole-process command lines: ``stats --json``, ``import`` of a CSV, and the report exports.

Each is timed from spawn to exit, next to the floor of any command of the app:
a Python process that imports SQLAlchemy's ORM and does nothing else.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from benchmarks.figures import Figure, median, not_available
from benchmarks.processes import ENTRY_POINT, ProcessRun, bench_environment, run_process, why_it_failed

ROUNDS = 5
IMPORT_ROUNDS = 5
EXPORT_ROUNDS = 5


def app_command(journal: Path, *args: str | Path) -> ProcessRun:
    return run_process([ENTRY_POINT, "--journal", journal, *args], env=bench_environment(), timeout=300)


def floor_runs(count: int = ROUNDS) -> list[ProcessRun]:
    return [run_process([sys.executable, "-c", "import sqlalchemy.orm"], env=bench_environment()) for _ in range(count)]


def _figure(measure: str, activities: int, runs: list[ProcessRun], floor: float) -> Figure:
    seconds = [r.seconds for r in runs]
    return Figure(measure, activities, "s", value=median(seconds), floor=floor, runs=len(runs), samples=seconds)


def stats(journal: Path, activities: int, floor: float) -> Figure:
    runs = [app_command(journal, "stats", "--json") for _ in range(ROUNDS)]
    failed = [r for r in runs if r.code != 0]
    if failed:
        return not_available("stats --json, whole process", activities, "s", "< 1 s", why_it_failed(failed[0]))
    return _figure("stats --json, whole process", activities, runs, floor)


def import_csv(empty_journal: Path, csv: Path, activities: int, work: Path, floor: float) -> Figure:
    """Import into a copy of an empty journal each time, so every run does the same work."""
    runs = []
    for number in range(IMPORT_ROUNDS):
        target = work / f"import-{number}.sqlite3"
        shutil.copyfile(empty_journal, target)
        target.chmod(0o600)
        run = app_command(target, "import", csv)
        if run.code != 0 or f"Imported {activities}" not in run.out:
            why = why_it_failed(run)
            return not_available("import of the CSV, whole process", activities, "s", "< 3 s", why)
        runs.append(run)
    return _figure("import of the CSV, whole process", activities, runs, floor)


def export(journal: Path, term: str, fmt: str, activities: int, work: Path, floor: float) -> Figure:
    measure = f"report export {fmt.upper()}, whole process"
    runs = []
    for number in range(EXPORT_ROUNDS):
        output = work / f"report-{number}.{fmt}"
        run = app_command(journal, "export", "--format", fmt, "-o", output, "--term", term)
        if run.code != 0 or not output.is_file() or output.stat().st_size == 0:
            return not_available(measure, activities, "s", "", why_it_failed(run))
        runs.append(run)
    return _figure(measure, activities, runs, floor)
