"""Whole commands on a term of many activities: the DOCX report's growth, the JSON import, each export's peak memory.

A report covers one term, so these use journals whose activities all fall in one
term (2,000 and 10,000 of them): the largest report anyone could ask for. The
JSON import is held to the CSV import of the same activities, measured in the
same run, which is its floor here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.commands import app_command
from benchmarks.figures import Figure, median, not_available, under, within_floor
from benchmarks.generate import build_journal
from benchmarks.processes import ProcessRun, why_it_failed
from journal.storage.journal_file import Journal
from journal.transfer.json_io import export_json

REPORT_SIZES = (2_000, 10_000)
DOCX_ROUNDS = {2_000: 3, 10_000: 2}
JSON_IMPORT_ROUNDS = 3
DOCX_GROWTH_LIMIT = 6.0  # five times the activities; a report that grows with them stays near 5x
JSON_IMPORT_FACTOR = 2.0  # of the CSV import of the same activities
PEAK_MIB = 1024.0
EXPORT_FORMATS = ("pdf", "html", "md", "docx", "csv", "json")


def build_one_term_journals(work: Path) -> dict[int, tuple[Path, str]]:
    """Journals whose activities all fall in one term, by size, with that term's name."""
    journals = {}
    for size in REPORT_SIZES:
        path = work / f"one-term-{size}.sqlite3"
        generated = build_journal(path, size, terms=1)
        journals[size] = (path, generated.terms[0][1])
    return journals


def _export(journal: Path, fmt: str, term: str | None, output: Path) -> ProcessRun:
    return app_command(journal, "export", "--format", fmt, "-o", output, *(("--term", term) if term else ()))


def _written(run: ProcessRun, output: Path) -> bool:
    return run.code == 0 and output.is_file() and output.stat().st_size > 0


def docx_exports(
    journals: dict[int, tuple[Path, str]], work: Path, floor: float
) -> tuple[list[Figure], dict[int, ProcessRun]]:
    """The DOCX report of each one-term journal, whole process; and one run of each, for its peak memory."""
    figures, last_runs = [], {}
    for size, (journal, term) in journals.items():
        measure = "report export DOCX of one term, whole process"
        runs = []
        for number in range(DOCX_ROUNDS[size]):
            output = work / f"scale-{size}-{number}.docx"
            run = _export(journal, "docx", term, output)
            if not _written(run, output):
                runs = []
                figures.append(not_available(measure, size, "s", "", why_it_failed(run)))
                break
            runs.append(run)
            last_runs[size] = run
        if runs:
            seconds = [r.seconds for r in runs]
            figures.append(
                Figure(measure, size, "s", value=median(seconds), floor=floor, runs=len(runs), samples=seconds)
            )
    return figures, last_runs


def json_import(journal: Path, empty_journal: Path, csv_import: Figure, activities: int, work: Path) -> Figure:
    """Import the journal's own JSON export into copies of an empty journal, next to the CSV import's median."""
    measure = "import of the whole-journal JSON, whole process (floor: the CSV import)"
    document = work / f"journal-{activities}.json"
    with Journal.open(journal) as opened:
        export_json(opened, document)
    runs = []
    for number in range(JSON_IMPORT_ROUNDS):
        target = work / f"json-import-{number}.sqlite3"
        shutil.copyfile(empty_journal, target)
        target.chmod(0o600)
        run = app_command(target, "import", document)
        if run.code != 0 or f"Imported {activities}" not in run.out:
            return not_available(measure, activities, "s", f"<= {JSON_IMPORT_FACTOR:g}x floor", why_it_failed(run))
        runs.append(run)
    seconds = [r.seconds for r in runs]
    figure = Figure(measure, activities, "s", value=median(seconds), floor=csv_import.value, runs=len(runs))
    figure.samples = seconds
    return within_floor(figure, JSON_IMPORT_FACTOR)


def peak_memory(journal: Path, term: str, activities: int, work: Path, docx_run: ProcessRun | None) -> list[Figure]:
    """Each export's peak memory (its own ru_maxrss), one run each: reports of the whole term, data of the journal."""
    figures = []
    for fmt in EXPORT_FORMATS:
        measure = f"peak memory, export {fmt.upper()}"
        output = work / f"peak-{activities}.{fmt}"
        if fmt == "docx" and docx_run is not None:
            run = docx_run  # the timed runs above already made this file
        else:
            run = _export(journal, fmt, None if fmt == "json" else term, output)
            if not _written(run, output):
                figures.append(not_available(measure, activities, "MiB", f"< {PEAK_MIB:.0f} MiB", why_it_failed(run)))
                continue
        figures.append(under(Figure(measure, activities, "MiB", value=run.peak_mib, runs=1), PEAK_MIB))
    return figures
