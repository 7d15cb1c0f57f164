"""Terms: unique names, at most 366 days, never overlapping."""

from __future__ import annotations

from datetime import date

import pytest

from journal.errors import InvalidInput, NotFound
from journal.records.activities import add_activity, get_activity
from journal.records.reflections import (
    ClosingText,
    WeeklyText,
    closing_reflection,
    save_closing_reflection,
    save_weekly_reflection,
    weekly_reflections,
)
from journal.records.terms import add_term, delete_term, find_term, list_terms, term_for_day, update_term
from journal.records.validation import check_activity
from journal.storage.journal_file import Journal


def test_add_and_list_terms_in_date_order(journal: Journal) -> None:
    spring = add_term(journal, "Spring 2027", "2027-01-11", "2027-05-07")
    fall = add_term(journal, " Fall 2026 ", "2026-09-01", "2026-12-15")
    assert fall.name == "Fall 2026" and fall.weeks == 16
    assert [t.name for t in list_terms(journal)] == ["Fall 2026", "Spring 2027"]
    assert find_term(journal, "Spring 2027") == spring
    assert term_for_day(journal, date(2026, 12, 15)) == fall
    assert term_for_day(journal, date(2026, 12, 16)) is None


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-12-15", "2027-01-10"),  # shares the last day
        ("2026-08-01", "2026-09-01"),  # shares the first day
        ("2026-10-01", "2026-10-02"),  # inside
        ("2026-08-01", "2027-01-01"),  # around
    ],
)
def test_overlapping_term_is_refused(journal: Journal, start: str, end: str) -> None:
    add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    with pytest.raises(InvalidInput) as caught:
        add_term(journal, "Other", start, end)
    assert "overlap the term 'Fall 2026'" in caught.value.problems["start"]
    assert len(list_terms(journal)) == 1


def test_duplicate_name_is_refused_whatever_the_case(journal: Journal) -> None:
    add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    with pytest.raises(InvalidInput, match="already exists"):
        add_term(journal, "FALL 2026", "2027-09-01", "2027-12-15")


def test_long_and_backward_terms_are_refused(journal: Journal) -> None:
    with pytest.raises(InvalidInput, match="at most 366 days"):
        add_term(journal, "Long", "2026-01-01", "2027-01-02")
    with pytest.raises(InvalidInput, match="before the start date"):
        add_term(journal, "Backward", "2026-05-01", "2026-04-30")
    assert list_terms(journal) == []


def test_update_keeps_the_rules_but_not_against_itself(journal: Journal) -> None:
    fall = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    add_term(journal, "Spring 2027", "2027-01-11", "2027-05-07")
    moved = update_term(journal, fall.id, "Fall 2026", "2026-08-25", "2026-12-18")
    assert (moved.start, moved.end) == (date(2026, 8, 25), date(2026, 12, 18))
    with pytest.raises(InvalidInput, match="overlap"):
        update_term(journal, fall.id, "Fall 2026", "2026-09-01", "2027-01-20")
    with pytest.raises(InvalidInput, match="already exists"):
        update_term(journal, fall.id, "spring 2027", "2026-09-01", "2026-12-15")
    with pytest.raises(NotFound):
        update_term(journal, 999, "X", "2030-01-01", "2030-01-02")


def test_delete_and_unknown_name(journal: Journal) -> None:
    fall = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    delete_term(journal, fall.id)
    with pytest.raises(NotFound, match="no terms yet"):
        find_term(journal, "Fall 2026")


def test_deleting_a_term_removes_its_reflections_but_keeps_activities(journal: Journal) -> None:
    fall = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    save_weekly_reflection(journal, fall, WeeklyText(1, "what"))
    save_closing_reflection(journal, fall, ClosingText("essay", "stay"))
    kept = add_activity(journal, check_activity({"date": "2026-09-02", "title": "Shift"}, journal.framework))
    delete_term(journal, fall.id)
    again = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    assert weekly_reflections(journal, again) == {}
    assert closing_reflection(journal, again).essay == ""
    assert get_activity(journal, kept.id).title == "Shift"
