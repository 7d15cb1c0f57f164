"""The description of the report: every number from term_stats, private activities reduced, an empty term said so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from journal.records.custom_criteria import set_hidden
from journal.records.framework import Framework, load_framework
from journal.records.reflections import DIRECTION_LABELS, ClosingText, save_closing_reflection
from journal.report.appendix import build_appendix
from journal.report.report_data import PRIVATE_TITLE, build_report
from journal.scoring.explain import SCORING_IN_WORDS, number_text, position_text
from journal.scoring.stats import term_stats
from journal.storage.journal_file import Journal
from tests.report.report_samples import PRIVATE, PRIVATE_WORDS, SCRIPT_TITLE, make_empty_term, make_sensitive_journal


def test_numbers_are_the_term_stats(tmp_path: Path) -> None:
    journal, term = make_sensitive_journal(tmp_path / "j.sqlite3")
    stats = term_stats(journal, term)
    report = build_report(journal, term, made=date(2026, 12, 1))
    facts = dict(report.summary.facts)
    assert facts["Hours"] == number_text(stats.hours, 2)
    assert facts["Activities"] == str(len(stats.activities)) == "32"  # the private one counts
    assert facts["Organisations"] == str(stats.organizations)
    assert facts["Weeks with a reflection"] == f"{len(stats.reflected_weeks)} of {term.weeks}"
    assert facts["Term position"] == f"{position_text(stats.position)} of 100, {stats.level}"
    assert [s.ticks for s in report.shares] == [
        sum(1 for a in stats.activities for _, model, _ in a.criteria if model == m) for m in stats.shares
    ]
    assert [(c.criterion_id, c.count) for c in report.top_criteria] == stats.top_criteria[:10]
    assert [g.activities for g in report.glance] == [w.activities for w in stats.weeks]
    assert dict(report.title.fields)["Report made"] == "1 December 2026"
    assert dict(report.title.fields)["Student"] == "Sam Rivera"
    journal.close()


def test_private_activity_keeps_only_date_hours_and_criteria(tmp_path: Path) -> None:
    journal, term = make_sensitive_journal(tmp_path / "j.sqlite3")
    report = build_report(journal, term)
    activities = [a for w in report.weeks for a in w.activities]
    private = [a for a in activities if a.private]
    assert len(private) == 2  # the demo's own and ours
    ours = next(a for a in private if a.hours == "2")
    assert ours.title == PRIVATE_TITLE
    assert (ours.organization, ours.role, ours.description, ours.tags) == ("", "", "", ())
    assert {c.model_id for c in ours.criteria} == {"radical", "charity"}
    assert ours.details == f"{ours.day} · 2 h"
    assert not any(word in repr(report) for word in PRIVATE_WORDS)
    assert PRIVATE["title"] not in repr(report)
    assert any(a.title == SCRIPT_TITLE for a in activities)
    journal.close()


def test_weeks_hold_activities_and_the_weekly_reflection(tmp_path: Path) -> None:
    journal, term = make_sensitive_journal(tmp_path / "j.sqlite3")
    report = build_report(journal, term)
    numbers = [w.number for w in report.weeks]
    assert numbers == sorted(numbers) and numbers[0] == 1
    week_one = report.weeks[0]
    assert [a.title for a in week_one.activities] == [
        "Sorting cans at the food bank",
        "Coat drive at the student union",
    ]
    assert [answer.label for answer in week_one.reflection] == ["What?", "So what?", "Now what?"]
    assert all(c.statement for a in week_one.activities for c in a.criteria)
    thirteen = next(w for w in report.weeks if w.number == 13)
    assert thirteen.reflection == ()  # the demo leaves week 13 without a reflection
    assert report.closing.direction == DIRECTION_LABELS["toward-radical"]
    assert report.closing.essay.startswith("I started the term")
    journal.close()


def test_an_empty_term_says_so(journal: Journal) -> None:
    term = make_empty_term(journal)
    report = build_report(journal, term)
    assert report.empty and not report.has_chart
    assert "No activities were logged in this term" in report.summary.empty_note
    assert report.weeks == ()
    assert report.quiet_weeks.startswith("Nothing was logged")
    assert report.top_criteria == ()
    assert dict(report.summary.facts)["Term position"] == "none"
    assert report.closing.direction == "Not decided yet"
    assert report.closing.essay == ""


def test_closing_reflection_without_a_direction(journal: Journal) -> None:
    term = make_empty_term(journal)
    save_closing_reflection(journal, term, ClosingText("  Still thinking.  ", None))
    report = build_report(journal, term)
    assert report.closing == type(report.closing)("Still thinking.", "Not decided yet")


def test_appendix_puts_mould_et_al_first_and_explains_the_scoring() -> None:
    shipped = load_framework()
    shuffled = Framework(shipped.models, shipped.criteria, tuple(reversed(shipped.sources)))
    appendix = build_appendix(shuffled, hidden=(), ticked=set())
    assert appendix.sources[0].startswith("Mould, O., Cole, J., Badger, A. & Brown, P. (2022). Solidarity, not charity")
    assert set(appendix.sources) == set(shipped.sources)
    assert appendix.scoring[0] == SCORING_IN_WORDS
    assert [m.model_id for m in appendix.models] == ["charity", "contributory", "radical"]
    assert sum(len(m.criteria) for m in appendix.models) == len(shipped.criteria)


def test_hidden_criteria_leave_the_appendix_unless_ticked(journal: Journal) -> None:
    set_hidden(journal, "charity.dependency", True)
    set_hidden(journal, "charity.formal-gatekeeping", True)
    journal.reload_criteria()
    appendix = build_appendix(journal.framework, journal.hidden, ticked={"charity.dependency"})
    listed = {c.criterion_id for m in appendix.models for c in m.criteria}
    assert "charity.dependency" in listed
    assert "charity.formal-gatekeeping" not in listed
