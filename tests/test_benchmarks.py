"""The benchmark's generated journals and its table: small runs of what ``make bench`` does at scale."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from benchmarks.figures import Figure, growth, not_available, percentile, table, under, within_floor
from benchmarks.generate import build_journal, generate, write_csv
from journal.records.reflections import weekly_reflections
from journal.records.terms import list_terms
from journal.search.activity_query import ActivityQuery, count_activities, find_activities
from journal.storage.journal_file import Journal
from journal.transfer.csv_io import import_csv


def test_a_generated_journal_is_realistic_and_the_same_every_time() -> None:
    first, again = generate(80), generate(80)
    assert first == again
    assert len(first.activities) == 80 and len(first.terms) == 1
    for activity in first.activities:
        assert 850 <= len(activity.description) <= 1400
        assert 1 <= len(activity.tags) <= 4 and 2 <= len(activity.criteria) <= 4
        assert first.terms[0][2] <= activity.day <= first.terms[0][3]
    assert len(first.reflections) >= 10
    assert len(generate(2_000).terms) == 4


def test_a_built_journal_holds_everything_and_is_searchable(tmp_path: Path) -> None:
    generated = build_journal(tmp_path / "j.sqlite3", 80)
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        assert count_activities(journal, ActivityQuery()) == 80
        (term,) = list_terms(journal)
        assert len(weekly_reflections(journal, term)) == len(generated.reflections)
        tag = generated.activities[0].tags[0]
        tagged = {a.id for a in generated.activities if tag in a.tags}
        assert {r.id for r in find_activities(journal, ActivityQuery(tag=tag))} == tagged
        assert tagged <= {r.id for r in find_activities(journal, ActivityQuery(text=tag))}
        stored = find_activities(journal, ActivityQuery(sort="day", descending=False))
    expected = sorted(generated.activities, key=lambda a: (a.day, a.id))
    assert [replace(r, created_at="", updated_at="") for r in stored] == [
        replace(a, created_at="", updated_at="") for a in expected
    ]


def test_the_generated_csv_imports_whole(tmp_path: Path) -> None:
    generated = generate(50)
    write_csv(generated, tmp_path / "a.csv")
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        assert import_csv(journal, tmp_path / "a.csv") == 50
        titles = sorted(r.title for r in find_activities(journal, ActivityQuery()))
    assert titles == sorted(a.title for a in generated.activities)


def test_percentiles_are_measured_values() -> None:
    samples = [float(n) for n in range(1, 101)]
    assert percentile(samples, 0.95) == 95.0
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert percentile([7.0], 0.95) == 7.0


def test_the_table_shows_figures_floors_targets_and_what_could_not_be_measured() -> None:
    start = within_floor(Figure("cold start", 200, "s", value=0.6, floor=0.5), 1.5)
    slow = within_floor(Figure("cold start", 10_000, "s", value=0.9, floor=0.5), 1.5)
    search = under(Figure("search", 10_000, "ms", value=4.0, p95=25.0, floor=1.0, floor_p95=2.0), 20, on_p95=True)
    missing = not_available("report export PDF", 200, "s", "", "exit 134: Fatal Python error")
    rows = [start, slow, search, missing, growth("cold start", start, slow, 1.25)]
    assert (start.met, slow.met, search.met, rows[-1].met) == (True, False, False, False)
    assert rows[-1].value is not None and abs(rows[-1].value - 1.5) < 1e-9
    shown = table(rows).splitlines()
    assert shown[0].split()[:3] == ["Measure", "Activities", "Median/p50"]
    assert "1.20x" in shown[2] and "yes" in shown[2]
    assert "1.80x" in shown[3] and "NO" in shown[3]
    assert "25.0 ms" in shown[4] and "p95 < 20.0 ms" in shown[4]
    assert "n/a" in shown[5] and "exit 134: Fatal Python error" in shown[5]
