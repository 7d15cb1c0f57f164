"""A term's numbers read from the journal: only its live activities, scored by journal.scoring.position."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from journal.demo import demo_term_dates, fill_demo_journal
from journal.records.activities import ActivityRecord, add_activity, trash_activities
from journal.records.reflections import WeeklyText, save_weekly_reflection
from journal.records.terms import add_term
from journal.records.validation import check_activity
from journal.scoring.stats import stats_document, term_stats
from journal.scoring.stats_text import stats_lines
from journal.storage.journal_file import Journal


def add(journal: Journal, **raw: Any) -> ActivityRecord:
    return add_activity(journal, check_activity({"title": "x", **raw}, journal.framework))


def test_term_stats_count_live_activities_inside_the_term(journal: Journal) -> None:
    term = add_term(journal, "Fall 2026", "2026-09-01", "2026-09-14")  # two weeks
    add(journal, date="2026-09-01", hours="3", organization="Union", criteria="radical.root-causes")
    add(journal, date="2026-09-02", hours="1", organization="union ", criteria="charity.dependency")
    add(journal, date="2026-09-14", hours="2", organization="Fridge", criteria="contributory.skills")
    add(journal, date="2026-08-31", hours="9", organization="Before", criteria="charity.dependency")
    gone = add(journal, date="2026-09-03", hours="9", organization="Trashed", criteria="charity.dependency")
    trash_activities(journal, [gone.id])
    save_weekly_reflection(journal, term, WeeklyText(2, "", "", "next"))

    stats = term_stats(journal, term)
    assert len(stats.activities) == 3 and stats.hours == 6
    assert stats.position == Fraction(3 * 100 + 1 * 0 + 2 * 50, 6)
    assert stats.level == "radical"  # 400/6 is past 200/3
    assert stats.organizations == 2  # "Union" and "union" are one
    assert stats.reflected_weeks == frozenset({2})
    assert stats.shift == 50 - 75
    assert stats.shares == {"charity": Fraction(1, 3), "contributory": Fraction(1, 3), "radical": Fraction(1, 3)}
    assert stats.top_criteria == [("charity.dependency", 1), ("contributory.skills", 1), ("radical.root-causes", 1)]
    assert stats.level_totals() == {
        "charity": (Fraction(1), 1),
        "contributory": (Fraction(2), 1),
        "radical": (Fraction(3), 1),
        "unscored": (Fraction(0), 0),
    }
    document = stats_document(stats)
    assert document["position"] == float(Fraction(400, 6)) and document["shift"] == -25.0
    assert [w["reflected"] for w in document["weeks"]] == [False, True]


def test_an_empty_term_has_nulls_not_zeros(journal: Journal) -> None:
    term = add_term(journal, "Quiet", "2026-01-05", "2026-01-11")
    document = stats_document(term_stats(journal, term))
    assert (document["position"], document["level"], document["shift"]) == (None, None, None)
    assert document["shares"] == {"charity": None, "contributory": None, "radical": None}
    assert document["weeks"][0]["position"] is None and document["hours"] == 0.0
    lines = stats_lines(term_stats(journal, term))
    assert lines[3].startswith("Position: No position yet")


def test_the_demo_semester_drifts_toward_solidarity(journal: Journal) -> None:
    reference = date(2026, 12, 10)
    start, end = demo_term_dates(reference)
    assert start.weekday() == 0 and (end - start).days + 1 == 105 and start <= reference <= end
    term = fill_demo_journal(journal, reference)
    stats = term_stats(journal, term)
    assert term.weeks == 15 and len(stats.activities) >= 15
    assert stats.shift is not None and stats.shift > 0
    assert stats.weeks[0].level == "charity" and stats.weeks[-1].level == "radical"
    assert len(stats.reflected_weeks) >= 10
