"""Cold start to the first painted main window, and peak memory at that point.

The app prints ``first-paint-seconds`` and exits right after its main window's
first paint when MUTUAL_AID_JOURNAL_EXIT_AFTER_PAINT=1; the floor
(``bare_window.py``) does the same with a bare window. Both are timed from this
side, spawn to the printed line, and their peak RSS comes from ``os.wait4`` of
that child alone. Runs of the floor and of each journal take turns, so a busy
moment on the machine lands on all of them alike.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.figures import Figure, median, not_available
from benchmarks.processes import ENTRY_POINT, PAINT_MARKER, ProcessRun, bench_environment, run_process, why_it_failed

BARE_WINDOW = Path(__file__).with_name("bare_window.py")
ROUNDS = 11
TIMEOUT = 30.0


def _app(journal: Path) -> ProcessRun:
    env = bench_environment(MUTUAL_AID_JOURNAL_EXIT_AFTER_PAINT="1")
    return run_process([ENTRY_POINT, "--journal", journal], env=env, timeout=TIMEOUT, marker=PAINT_MARKER)


def _floor() -> ProcessRun:
    return run_process([sys.executable, BARE_WINDOW], env=bench_environment(), timeout=TIMEOUT, marker=PAINT_MARKER)


def measure(journals: dict[int, Path]) -> tuple[list[Figure], dict[int, float]]:
    """Start-up and memory figures per journal size, and the first start of the day's seconds."""
    # the first start of a day also makes the day's backup: reported apart, not in the medians
    first = {size: _app(path) for size, path in journals.items()}
    broken = next((run for run in first.values() if not run.marked or run.code != 0), None)
    if broken is not None:
        why = f"no {PAINT_MARKER} line ({why_it_failed(broken)})"
        figures = []
        for size in journals:
            figures.append(not_available("cold start to first paint", size, "s", "<= 1.5x floor", why))
            figures.append(not_available("peak memory at first paint", size, "MiB", "<= 1.5x floor", why))
        return figures, {}
    floors: list[ProcessRun] = []
    runs: dict[int, list[ProcessRun]] = {size: [] for size in journals}
    for _ in range(ROUNDS):
        floors.append(_floor())
        for size, path in journals.items():
            runs[size].append(_app(path))
    floor_seconds = median([r.seconds for r in floors])
    floor_memory = median([r.peak_mib for r in floors])
    figures = []
    for size, done in runs.items():
        failed = [r for r in done if not r.marked or r.code != 0]
        note = f"{len(failed)} run(s) failed: {why_it_failed(failed[0])}" if failed else ""
        good = [r for r in done if r.marked and r.code == 0] or done
        figures.append(
            Figure(
                "cold start to first paint",
                size,
                "s",
                value=median([r.seconds for r in good]),
                floor=floor_seconds,
                runs=len(good),
                note=note,
                samples=[r.seconds for r in good],
            )
        )
        figures.append(
            Figure(
                "peak memory at first paint",
                size,
                "MiB",
                value=median([r.peak_mib for r in good]),
                floor=floor_memory,
                runs=len(good),
                samples=[r.peak_mib for r in good],
            )
        )
    return figures, {size: run.seconds for size, run in first.items()}
