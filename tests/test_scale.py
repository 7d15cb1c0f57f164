"""Large journals: a whole-journal import writes what one activity at a time would, and costs about a CSV import."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from benchmarks.generate import build_journal, generate, write_csv
from benchmarks.processes import ProcessRun, why_it_failed
from journal.storage.journal_file import Journal
from journal.transfer.csv_io import import_csv
from journal.transfer.json_io import export_json, import_json
from tests.journal.transfer.test_json_io import fill_everything

_ROWS = text(
    "SELECT a.id, a.day, a.title, a.organization, a.role, a.hours_centi, a.description, a.private, "
    "a.created_at, a.updated_at, a.deleted_at, "
    "(SELECT group_concat(name, ';') FROM (SELECT t.name FROM activity_tags x JOIN tags t ON t.id = x.tag_id "
    "WHERE x.activity_id = a.id ORDER BY t.name)), "
    "(SELECT group_concat(criterion_id, ';') FROM (SELECT criterion_id FROM ticks WHERE activity_id = a.id "
    "ORDER BY criterion_id)) FROM activities a"
)


def _written(journal: Journal) -> tuple[dict[tuple[str, str], tuple[Any, ...]], int]:
    """Every activity with its tags, criteria and search-index row (keyed by when it was written and its
    title, as ids may differ), and the search index's row count."""
    with journal.engine.connect() as connection:
        index = {
            rowid & 0xFFFFFFFF: tuple(rest)
            for rowid, *rest in connection.exec_driver_sql("SELECT rowid, * FROM search_activities")
        }
        activities = {(row[8], row[2]): (*row[1:], index.get(row[0])) for row in connection.execute(_ROWS).all()}
    return activities, len(index)


def test_a_json_import_writes_what_the_app_wrote_one_activity_at_a_time(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "a.sqlite3") as journal:
        fill_everything(journal)
        export_json(journal, tmp_path / "a.json")
        written, indexed = _written(journal)
    with Journal.open(tmp_path / "b.sqlite3") as journal:
        assert import_json(journal, tmp_path / "a.json") == len(written)
        imported, imported_indexed = _written(journal)
        with journal.engine.connect() as connection:
            ids = [i for (i,) in connection.exec_driver_sql("SELECT id FROM activities ORDER BY day, created_at, id")]
    assert any(row[9] is not None for row in written.values())  # the trash came along
    assert all(row[-1] is not None for row in written.values())  # and each row's search text
    assert imported == written
    assert imported_indexed == indexed
    assert ids == list(range(1, len(ids) + 1))  # ids in the export's order, as before


@pytest.mark.slow
def test_a_json_import_costs_about_what_a_csv_import_of_the_same_activities_does(tmp_path: Path) -> None:
    generated = build_journal(tmp_path / "source.sqlite3", 2_000)
    write_csv(generated, tmp_path / "a.csv")
    with Journal.open(tmp_path / "source.sqlite3") as journal:
        export_json(journal, tmp_path / "a.json")

    def seconds(number: int, load: Any) -> float:
        with Journal.open(tmp_path / f"target-{number}.sqlite3") as journal:
            started = time.perf_counter()
            assert load(journal) == 2_000
            return time.perf_counter() - started

    csv = min(seconds(n, lambda j: import_csv(j, tmp_path / "a.csv")) for n in range(2))
    whole = min(seconds(n + 2, lambda j: import_json(j, tmp_path / "a.json")) for n in range(2))
    # the JSON import also writes the reflections and checks more; one INSERT per activity was 10-25x
    assert whole < 3 * csv


def test_the_benchmark_can_put_every_activity_in_one_term() -> None:
    generated = generate(300, terms=1)
    ((_, _, start, end),) = generated.terms
    assert len(generated.activities) == 300
    assert all(start <= a.day <= end for a in generated.activities)
    assert len(generate(300).terms) == 4


def test_a_crashed_command_is_named_as_one_in_the_table() -> None:
    crashed = ProcessRun(seconds=1.0, peak_mib=0.0, code=256 - 11, out="", err="", marked=False)
    assert why_it_failed(crashed) == "crashed (signal 11): no output"
    refused = ProcessRun(seconds=1.0, peak_mib=0.0, code=2, out="", err="error: no such term\n", marked=False)
    assert why_it_failed(refused) == "exit 2: error: no such term"
