"""Positions, levels and shifts in plain words."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from journal.explain import (
    SCORING_IN_WORDS,
    activity_sentence,
    count_phrase,
    number_text,
    position_sentence,
    shift_sentence,
)


def test_numbers_are_short_and_exact_values_keep_their_level() -> None:
    assert number_text(Fraction(100, 3)) == "33.3"
    assert number_text(Fraction(50)) == "50"
    assert number_text(None) == "none"
    assert position_sentence(Fraction(100, 3)) == "33.3 of 100: contributory."
    assert position_sentence(Fraction(200, 3)) == "66.7 of 100: radical."
    assert position_sentence(None).startswith("No position yet")


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
