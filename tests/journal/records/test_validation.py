"""Each rule of SPEC 2 for activities and terms, broken and refused with a sentence."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.errors import InvalidInput
from journal.records.framework import load_framework
from journal.records.validation import check_activity, check_term, clean_tags, hours_text, parse_hours

FRAMEWORK = load_framework()
GOOD: dict[str, Any] = {"date": "2026-09-02", "title": "Community fridge restock", "hours": "2"}


def refusal(**changes: Any) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        check_activity({**GOOD, **changes}, FRAMEWORK)
    problems = caught.value.problems
    for sentence in problems.values():
        assert sentence[0].isupper() and sentence.rstrip().endswith((".", "?")), sentence
    return problems


def test_a_good_activity_is_accepted_and_cleaned() -> None:
    checked = check_activity(
        {
            **GOOD,
            "title": "  Fridge  ",
            "hours": "1,5",
            "tags": "Food; food ;housing",
            "criteria": " radical.root-causes;charity.dependency; ",
        },
        FRAMEWORK,
    )
    assert checked.day == date(2026, 9, 2)
    assert checked.title == "Fridge"
    assert checked.hours_centi == 150
    assert checked.tags == ("food", "housing")
    assert checked.criteria == ("charity.dependency", "radical.root-causes")


@pytest.mark.parametrize("title", ["", "   ", None])
def test_empty_title_is_refused(title: Any) -> None:
    assert refusal(title=title) == {"title": "The title is required."}


def test_title_of_200_characters_is_accepted_and_201_refused() -> None:
    assert check_activity({**GOOD, "title": "x" * 200}, FRAMEWORK).title == "x" * 200
    assert check_activity({**GOOD, "title": " " + "x" * 200 + " "}, FRAMEWORK).title == "x" * 200
    assert "201 characters" in refusal(title="x" * 201)["title"]


@pytest.mark.parametrize(
    ("hours", "words"),
    [
        ("-1", "out of range"),
        (-1, "out of range"),
        ("25", "out of range"),
        (24.01, "out of range"),
        ("abc", "not a number"),
        ("1.234", "more than two decimals"),
        (1.234, "more than two decimals"),
        ("nan", "from 0 to 24"),
        (float("inf"), "from 0 to 24"),
        (True, "from 0 to 24"),
        ("1e1000", "out of range"),
    ],
)
def test_bad_hours_are_refused(hours: Any, words: str) -> None:
    assert words in refusal(hours=hours)["hours_centi"]


@pytest.mark.parametrize(("hours", "centi"), [("", 0), (None, 0), ("0", 0), ("24", 2400), ("2.50", 250), (0.01, 1)])
def test_hours_edges_are_accepted(hours: Any, centi: int) -> None:
    assert check_activity({**GOOD, "hours": hours}, FRAMEWORK).hours_centi == centi


@given(st.integers(0, 2400))
def test_hours_text_parses_back(centi: int) -> None:
    assert parse_hours(hours_text(centi)) == centi
    assert parse_hours(float(hours_text(centi))) == centi


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2026-02-30", "not a real calendar date"),
        ("0000-00-00", "not a real calendar date"),
        ("tomorrow", "YYYY-MM-DD"),
        ("02/09/2026", "YYYY-MM-DD"),
        ("", "missing"),
    ],
)
def test_bad_dates_are_refused(day: str, words: str) -> None:
    assert words in refusal(date=day)["day"]


def test_unknown_criterion_is_refused_by_name() -> None:
    problem = refusal(criteria="radical.root-causes;radical.made-up")["criteria"]
    assert "'radical.made-up'" in problem and "Unknown criterion" in problem


def test_other_limits() -> None:
    assert "201 characters" in refusal(organization="o" * 201)["organization"]
    assert "201 characters" in refusal(role="r" * 201)["role"]
    assert "100,001 characters" in refusal(description="d" * 100_001)["description"]
    assert "longer than 50" in refusal(tags="t" * 51)["tags"]
    assert "true or false" in refusal(private="yes")["private"]
    assert "null character" in refusal(title="a\x00b")["title"]


def test_every_bad_field_is_named_at_once() -> None:
    problems = refusal(title="", hours="abc", date="tomorrow", criteria="nope.nope")
    assert set(problems) == {"title", "hours_centi", "day", "criteria"}


def test_tags_never_hold_a_separator() -> None:
    # a tag with ';' or ',' would come back from CSV as two tags
    assert clean_tags(["food;housing", "rent, wages"]) == ("food", "housing", "rent", "wages")


@pytest.mark.parametrize(
    ("name", "start", "end", "field", "words"),
    [
        ("", "2026-09-01", "2026-12-15", "name", "required"),
        ("Fall", "2026-12-15", "2026-09-01", "end", "before the start"),
        ("Fall", "2026-01-01", "2027-01-02", "end", "367 days"),
        ("Fall", "2026-02-30", "2026-12-15", "start", "not a real calendar date"),
        ("Fall", "2026-09-01", "soon", "end", "YYYY-MM-DD"),
        ("F" * 101, "2026-09-01", "2026-12-15", "name", "101 characters"),
    ],
)
def test_bad_terms_are_refused(name: str, start: str, end: str, field: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_term(name, start, end)
    assert words in caught.value.problems[field]


def test_term_of_366_days_is_accepted() -> None:
    assert check_term("Leap", "2028-01-01", "2028-12-31") == ("Leap", date(2028, 1, 1), date(2028, 12, 31))


def test_tags_come_back_in_the_order_the_journal_keeps_them(journal) -> None:
    """A form saved with 'housing; food' must read back equal, or autosave would see a change that is not there."""
    from journal.records.activities import add_activity

    checked = check_activity({"date": "2026-09-02", "title": "Shift", "tags": "1;0"}, journal.framework)
    assert checked.tags == ("0", "1")
    assert add_activity(journal, checked).as_input() == checked
