"""Dates at the edge of the calendar: refused when a term's weeks would run past 9999-12-31,
and a journal that holds such a term anyway (written before the rule) still opens."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.errors import InvalidInput
from journal.records.terms import add_term, list_terms
from journal.records.validation import LAST_DAY, check_term
from journal.scoring.weeks import term_weeks, week_count
from journal.storage.journal_file import Journal
from journal.transfer.json_io import FORMAT, VERSION
from tests.conftest import run_cli, run_entry_point

FAR_START, FAR_END = "9999-06-01", "9999-12-31"


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "went wrong" not in err and "OverflowError" not in err, err


def test_term_add_refuses_a_term_whose_weeks_run_past_the_calendar(journal_file: Path) -> None:
    result = run_cli(journal_file, "term", "add", "Far", "--start", FAR_START, "--end", FAR_END)
    assert result.code == 2
    assert "9999-12-31 is too late" in result.err and LAST_DAY.isoformat() in result.err
    no_traceback(result.err)
    with Journal.open(journal_file) as journal:
        assert list_terms(journal) == []


def test_a_term_ending_on_the_last_day_is_taken_and_its_statistics_work(journal_file: Path) -> None:
    added = run_cli(journal_file, "term", "add", "Last", "--start", "9999-06-01", "--end", LAST_DAY.isoformat())
    assert added.code == 0, added.err
    stats = run_cli(journal_file, "stats", "--term", "Last", "--json")
    assert stats.code == 0, stats.err
    assert json.loads(stats.out)["weeks"][-1]["end"] == LAST_DAY.isoformat()


@given(st.dates(min_value=date(9990, 1, 1), max_value=date(9999, 12, 31)), st.integers(1, 366))
def test_every_accepted_term_has_weeks_that_end_inside_the_calendar(start: date, days: int) -> None:
    if (date.max - start).days < days - 1:
        return
    end = start + timedelta(days=days - 1)
    try:
        check_term("T", start.isoformat(), end.isoformat())
    except InvalidInput as refused:
        assert end > LAST_DAY, refused.problems
        return
    assert end <= LAST_DAY
    # the last week, uncut, still ends inside the calendar: start + 7 * weeks - 1 <= 9999-12-31
    assert start.toordinal() + 7 * week_count(start, end) - 1 <= date.max.toordinal()


def test_a_csv_activity_after_the_last_day_is_refused_by_line(journal_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("date,title\n2026-09-02,Fine\n9999-12-31,Too late\n", encoding="utf-8")
    result = run_cli(journal_file, "import", str(source))
    assert result.code == 2
    assert "line 3" in result.err and "too late" in result.err
    no_traceback(result.err)


def test_a_json_term_after_the_last_day_is_refused_by_entry(journal_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    document = {"format": FORMAT, "version": VERSION, "terms": [{"name": "Far", "start": FAR_START, "end": FAR_END}]}
    source.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli(journal_file, "import", str(source))
    assert result.code == 2
    assert "terms[0]" in result.err and "too late" in result.err
    no_traceback(result.err)


# --- a journal that already holds such a term ---------------------------------------------


@pytest.fixture
def far_journal(journal_file: Path, tmp_path: Path) -> Path:
    """A journal holding a term that ends on 9999-12-31, written past the rules with sqlite3."""
    with Journal.open(journal_file) as journal:
        add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    rows = (
        "date,title,hours,criteria\n9999-06-02,Early,3,charity.outside-helpers\n9999-12-20,Late,2,radical.root-causes\n"
    )
    (tmp_path / "far.csv").write_text(rows, encoding="utf-8")
    assert run_cli(journal_file, "import", str(tmp_path / "far.csv")).code == 0
    connection = sqlite3.connect(journal_file)
    with connection:
        connection.execute("INSERT INTO terms (name, start_date, end_date) VALUES ('Far', ?, ?)", (FAR_START, FAR_END))
        connection.execute("UPDATE activities SET day = ? WHERE title = 'Late'", (FAR_END,))
    connection.close()
    return journal_file


def test_weeks_of_a_stored_far_term_end_on_the_last_day_of_the_calendar() -> None:
    weeks = term_weeks(date.fromisoformat(FAR_START), date.max)
    assert len(weeks) == 31 and weeks[-1].start == date(9999, 12, 28) and weeks[-1].end == date.max


def test_stats_and_text_reports_work_on_a_stored_far_term(far_journal: Path, tmp_path: Path) -> None:
    stats = run_cli(far_journal, "stats", "--term", "Far", "--json")
    assert stats.code == 0, stats.err
    document = json.loads(stats.out)
    assert document["activities"] == 2 and document["weeks"][-1]["end"] == FAR_END
    for fmt in ("html", "md"):
        report = run_cli(far_journal, "export", "--format", fmt, "--term", "Far", "-o", str(tmp_path / f"r.{fmt}"))
        assert report.code == 0, report.err
        assert "Late" in (tmp_path / f"r.{fmt}").read_text(encoding="utf-8")
    assert run_cli(far_journal, "export", "--format", "csv", "-o", str(tmp_path / "all.csv")).code == 0


def test_the_export_of_a_far_journal_is_refused_on_import_in_words(far_journal: Path, tmp_path: Path) -> None:
    assert run_cli(far_journal, "export", "--format", "json", "-o", str(tmp_path / "all.json")).code == 0
    result = run_cli(tmp_path / "fresh.sqlite3", "import", str(tmp_path / "all.json"))
    assert result.code == 2
    assert "terms[1]" in result.err and "activities[" in result.err
    no_traceback(result.err)


def _qt_env(tmp_path: Path) -> dict[str, str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    env.pop("MUTUAL_AID_JOURNAL", None)
    return env


def test_the_chart_and_pdf_report_of_a_stored_far_term_are_drawn(far_journal: Path, tmp_path: Path) -> None:
    env = _qt_env(tmp_path)
    chart = run_entry_point(far_journal, "chart", "--term", "Far", "-o", str(tmp_path / "c.svg"), env=env)
    assert chart.code == 0, chart.err
    assert (tmp_path / "c.svg").read_text(encoding="utf-8").count("<svg") == 1
    pdf = run_entry_point(
        far_journal, "export", "--format", "pdf", "--term", "Far", "-o", str(tmp_path / "r.pdf"), env=env
    )
    assert pdf.code == 0, pdf.err
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_the_app_opens_a_journal_holding_a_far_term(far_journal: Path, tmp_path: Path) -> None:
    env = _qt_env(tmp_path) | {"MUTUAL_AID_JOURNAL_EXIT_AFTER_PAINT": "1"}
    opened = run_entry_point(far_journal, env=env)
    assert opened.code == 0, opened.err
    assert opened.out.startswith("first-paint-seconds ")
    no_traceback(opened.err)
