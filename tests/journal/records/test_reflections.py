"""Weekly reflections (one per term-week) and the closing reflection of a term."""

from __future__ import annotations

import pytest

from journal.errors import InvalidInput
from journal.records.reflections import (
    ClosingText,
    WeeklyText,
    closing_reflection,
    save_closing_reflection,
    save_weekly_reflection,
    weekly_reflection,
    weekly_reflections,
)
from journal.records.terms import TermInfo, add_term
from journal.storage.journal_file import Journal


@pytest.fixture
def term(journal: Journal) -> TermInfo:
    return add_term(journal, "Fall 2026", "2026-09-01", "2026-09-28")  # four weeks


def test_one_reflection_per_week_trimmed(journal: Journal, term: TermInfo) -> None:
    save_weekly_reflection(journal, term, WeeklyText(2, "  Packed boxes ", "Charity.", ""))
    save_weekly_reflection(journal, term, WeeklyText(2, "Packed boxes", "Charity, mostly.", "Ask why."))
    assert weekly_reflection(journal, term, 2) == WeeklyText(2, "Packed boxes", "Charity, mostly.", "Ask why.")
    assert weekly_reflection(journal, term, 1) == WeeklyText(1)
    assert list(weekly_reflections(journal, term)) == [2]


def test_all_empty_answers_remove_the_reflection(journal: Journal, term: TermInfo) -> None:
    save_weekly_reflection(journal, term, WeeklyText(4, "x"))
    save_weekly_reflection(journal, term, WeeklyText(4, " ", "", "\n"))
    assert weekly_reflections(journal, term) == {}
    assert not WeeklyText(4, " ").written


@pytest.mark.parametrize("week", [0, 5, -1])
def test_a_week_outside_the_term_is_refused(journal: Journal, term: TermInfo, week: int) -> None:
    with pytest.raises(InvalidInput, match="which has 4 weeks"):
        save_weekly_reflection(journal, term, WeeklyText(week, "x"))


def test_an_answer_too_long_is_refused(journal: Journal, term: TermInfo) -> None:
    with pytest.raises(InvalidInput) as caught:
        save_weekly_reflection(journal, term, WeeklyText(1, "x" * 100_001))
    assert "'What?'" in caught.value.problems["what"]
    assert weekly_reflections(journal, term) == {}


def test_closing_reflection_and_direction(journal: Journal, term: TermInfo) -> None:
    assert closing_reflection(journal, term) == ClosingText()
    save_closing_reflection(journal, term, ClosingText(" I moved. ", "toward-radical"))
    assert closing_reflection(journal, term) == ClosingText("I moved.", "toward-radical")
    save_closing_reflection(journal, term, ClosingText("Undecided.", None))
    assert closing_reflection(journal, term) == ClosingText("Undecided.", None)
    with pytest.raises(InvalidInput, match="direction must be one of"):
        save_closing_reflection(journal, term, ClosingText("x", "sideways"))
