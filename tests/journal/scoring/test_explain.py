"""Positions, levels and shifts in plain words."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from journal.scoring.explain import (
    SCORING_IN_WORDS,
    activity_sentence,
    count_phrase,
    number_text,
    position_sentence,
    position_text,
    shift_sentence,
)
from journal.scoring.position import level


def test_numbers_are_short_and_exact_values_keep_their_level() -> None:
    assert number_text(Fraction(100, 3)) == "33.3"
    assert number_text(Fraction(50)) == "50"
    assert number_text(None) == "none"
    assert position_sentence(Fraction(100, 3)) == "33⅓ of 100: contributory."
    assert position_sentence(Fraction(200, 3)) == "66⅔ of 100: radical."
    assert position_sentence(None).startswith("No position yet")


def _read_back(text: str) -> Fraction:
    return {"33⅓": Fraction(100, 3), "66⅔": Fraction(200, 3)}.get(text) or Fraction(text)


@given(st.fractions(min_value=0, max_value=100))
def test_a_shown_position_never_reads_as_another_level(position: Fraction) -> None:
    shown = position_text(position)
    assert level(_read_back(shown)) == level(position)
    assert abs(_read_back(shown) - position) <= Fraction(1, 20)


def test_values_next_to_a_boundary_get_two_decimals_on_their_own_side() -> None:
    assert position_text(Fraction(200, 3) - Fraction(1, 10**5)) == "66.66"
    assert position_text(Fraction(100, 3) + Fraction(1, 10**6)) == "33.34"
    assert position_text(Fraction(100, 3) - Fraction(1, 1000)) == "33.3"


def test_activity_sentence_names_the_ticks() -> None:
    ticks = [("radical", 100), ("radical", 100), ("radical", 100), ("charity", 0)]
    assert activity_sentence(ticks) == "3 radical and 1 charity criteria: 75, radical"
    assert activity_sentence([("contributory", 50)]) == "1 contributory criterion: 50, contributory"
    assert activity_sentence([]).startswith("No criteria ticked yet")
    assert count_phrase(Counter({"radical": 1, "contributory": 2, "charity": 3})) == (
        "1 radical, 2 contributory and 3 charity criteria"
    )


def test_shift_sentence() -> None:
    assert shift_sentence(Fraction(25)) == "+25 points toward solidarity (radical) from the first half to the second."
    assert shift_sentence(Fraction(-5, 2)) == "-2.5 points toward charity from the first half to the second."
    assert shift_sentence(Fraction(0)).startswith("No shift:")
    assert shift_sentence(None).startswith("No shift yet")


def test_the_method_in_words_names_the_places_of_the_models() -> None:
    for words in ("charity 0", "contributory 50", "radical 100", "weighted by their hours", "plain mean"):
        assert words in SCORING_IN_WORDS
