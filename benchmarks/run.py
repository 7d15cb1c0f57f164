"""``make bench``: build generated journals, measure everything, print one table, write the JSON.

Progress goes to stderr; the table is the only thing on stdout. The figures are
also written to benchmarks/results/latest.json with the machine they came from.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from benchmarks import commands, interactive, scale, spectrum, startup
from benchmarks.figures import Figure, growth, median, table, under, within_floor, write_json
from benchmarks.generate import build_journal, write_csv
from journal.records.terms import list_terms
from journal.storage.journal_file import Journal

SIZES = (200, 2_000, 10_000)
RESULTS = Path(__file__).with_name("results") / "latest.json"
START_UP_FACTOR = 1.5
MEMORY_FACTOR = 1.5
SEARCH_P95_MS = 20.0
AUTOSAVE_P95_MS = 10.0
IMPORT_SECONDS = 3.0
STATS_SECONDS = 1.0
EXPORT_SECONDS = {"pdf": 2.0, "html": 0.5}  # a 16-week term of 200 activities, whole process
GROWTH_LIMIT = 1.25  # "flat or close to it" from the smallest journal to the largest


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "system": f"{platform.system()} {platform.release()}",
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": metadata.version("PySide6-Essentials"),
        "sqlalchemy": metadata.version("SQLAlchemy"),
        "load_average_at_start": list(os.getloadavg()),
    }


def build(work: Path) -> tuple[dict[int, Path], Path, Path, str]:
    """The journals by size, the CSV of the largest, an empty journal, and the 200-activity term's name."""
    journals: dict[int, Path] = {}
    for size in SIZES:
        started = time.perf_counter()
        path = work / f"journal-{size}.sqlite3"
        generated = build_journal(path, size)
        journals[size] = path
        say(f"  {size:>6,} activities in {len(generated.terms)} term(s): {time.perf_counter() - started:.1f} s")
        if size == SIZES[0]:
            report_term = generated.terms[0][1]
        if size == SIZES[-1]:
            csv = work / f"activities-{size}.csv"
            write_csv(generated, csv)
    empty = work / "empty.sqlite3"
    Journal.open(empty).close()
    return journals, csv, empty, report_term


def measure_interactive(journals: dict[int, Path]) -> tuple[list[Figure], list[Figure], list[Figure], list[Figure]]:
    searches, term_searches, model_searches, autosaves = [], [], [], []
    for size, path in journals.items():
        with Journal.open(path) as journal:
            searches.append(under(interactive.search(journal, size), SEARCH_P95_MS, on_p95=True))
            term = list_terms(journal)[-1]
            term_searches.append(under(interactive.search(journal, size, term=term), SEARCH_P95_MS, on_p95=True))
            through_model = interactive.search_through_model(journal, size)
            if through_model is not None:
                model_searches.append(under(through_model, SEARCH_P95_MS, on_p95=True))
            autosave = interactive.autosave(journal, size)
            if autosave is not None:
                autosaves.append(under(autosave, AUTOSAVE_P95_MS, on_p95=True))
        say(f"  {size:>6,}: search p95 {searches[-1].p95:.1f} ms")
    return searches, term_searches, model_searches, autosaves


def main() -> int:
    began = time.perf_counter()
    about = machine()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="mutual-aid-journal-bench-") as folder:
        work = Path(folder)
        say("Building the generated journals")
        journals, csv, empty, report_term = build(work)
        one_term = scale.build_one_term_journals(work)
        largest = SIZES[-1]

        say("Start-up and memory (the app and the bare-window floor, taking turns)")
        started, first_starts = startup.measure(journals)
        starts = [within_floor(f, START_UP_FACTOR) for f in started if f.unit == "s"]
        memories = [within_floor(f, MEMORY_FACTOR) for f in started if f.unit == "MiB"]
        floor_start = starts[0].floor if starts and starts[0].floor is not None else None
        first_of_day = [
            Figure(
                "first start of a day",
                size,
                "s",
                value=seconds,
                floor=floor_start,
                runs=1,
                note="one run; it also makes the day's backup",
            )
            for size, seconds in first_starts.items()
        ]

        say("Search and autosave")
        searches, term_searches, model_searches, autosaves = measure_interactive(journals)

        say("Command lines")
        floor = median([r.seconds for r in commands.floor_runs()])
        stats = under(commands.stats(journals[largest], largest, floor), STATS_SECONDS)
        imported = under(commands.import_csv(empty, csv, largest, work, floor), IMPORT_SECONDS)
        exports = [
            under(commands.export(journals[SIZES[0]], report_term, fmt, SIZES[0], work, floor), limit)
            for fmt, limit in EXPORT_SECONDS.items()
        ]

        say("A term of 2,000 and of 10,000 activities: DOCX report, JSON import, each export's peak memory")
        docx, docx_runs = scale.docx_exports(one_term, work, floor)
        json_imported = scale.json_import(journals[largest], empty, imported, largest, work)
        biggest, biggest_term = one_term[scale.REPORT_SIZES[-1]]
        peaks = scale.peak_memory(
            biggest, biggest_term, scale.REPORT_SIZES[-1], work, docx_runs.get(scale.REPORT_SIZES[-1])
        )

        say(f"The Spectrum view of one term of {spectrum.SIZES[0]:,} and of {spectrum.SIZES[-1]:,} activities")
        largest_term, built = spectrum.build_large(work)
        say(f"  {spectrum.SIZES[-1]:,} activities in one term: {built.value:.1f} s")
        spectrum_figures = spectrum.measure(
            {spectrum.SIZES[0]: one_term[spectrum.SIZES[0]][0], spectrum.SIZES[-1]: largest_term}
        )

        figures = [*starts, *memories, *first_of_day, *searches, *term_searches, *model_searches, *autosaves]
        figures += [stats, imported, json_imported, *exports, *docx, *peaks, built, *spectrum_figures]
        figures += [
            growth("cold start", starts[0], starts[-1], GROWTH_LIMIT),
            # shown, not held: a prefix query reads the index entries of every word it starts, which
            # grow with the journal; what a person feels is held by the search's own p95 target
            growth("search p95", searches[0], searches[-1], None, on_p95=True),
            growth("autosave p95", autosaves[0], autosaves[-1], GROWTH_LIMIT, on_p95=True),
            growth("DOCX report of one term", docx[0], docx[-1], scale.DOCX_GROWTH_LIMIT),
        ]
    about["load_average_at_end"] = list(os.getloadavg())
    about["bench_seconds"] = round(time.perf_counter() - began, 1)
    write_json(RESULTS, about, figures)
    print(
        f"Mutual Aid Journal benchmarks, {about['when']}: {about['cpu']}, {about['cores']} cores, "
        f"Python {about['python']}, SQLite {about['sqlite']}, PySide6 {about['pyside6']}, "
        f"load average {about['load_average_at_start'][0]:.1f} at start (floors measured in the same run)"
    )
    print(table(figures))
    missed = [f for f in figures if f.met is False]
    print(f"{len(missed)} target(s) missed; {about['bench_seconds']} s; written to {RESULTS}")
    return 0
