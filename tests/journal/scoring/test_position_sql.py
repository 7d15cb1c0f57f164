"""One rule for an activity's position: the SQL that sorts and filters the list gives what scoring in Python gives.

On random journals with ticks of every kind (none, shipped, custom, hidden, and
criteria the framework does not know, which count for nothing), sorting by
position, each level filter and each model filter must pick exactly the
activities that ``journal.scoring.position`` places there.
"""

from __future__ import annotations

import random
from datetime import date
from fractions import Fraction

import pytest

from journal.records.activities import get_activity
from journal.records.terms import add_term
from journal.scoring.position import LEVELS, level, position_of_ticks, tick_positions
from journal.search.activity_query import ActivityQuery, find_activities
from journal.storage.journal_file import Journal
from tests.journal.scoring.test_stats_sql import UNKNOWN, _fill


def test_a_tick_the_framework_does_not_know_counts_for_nothing(journal: Journal) -> None:
    known = "radical.root-causes"
    assert tick_positions(journal.framework, [known, *UNKNOWN]) == [100]
    assert position_of_ticks(journal.framework, [known, "charity.no-longer-shipped"]) == 100
    assert position_of_ticks(journal.framework, list(UNKNOWN)) is None


@pytest.mark.parametrize("seed", range(4))
def test_the_lists_sql_places_every_activity_where_scoring_does(journal: Journal, seed: int) -> None:
    rng = random.Random(seed)
    term = add_term(journal, "Autumn", date(2026, 9, 1), date(2026, 12, 13))
    _fill(journal, rng, term, 120)
    everything = find_activities(journal, ActivityQuery(), limit=None)
    assert len(everything) > 90
    positions: dict[int, Fraction | None] = {
        a.id: position_of_ticks(journal.framework, get_activity(journal, a.id).criteria) for a in everything
    }

    by_position = [a.id for a in find_activities(journal, ActivityQuery(sort="position", descending=False), limit=None)]
    unscored_first = sorted(positions, key=lambda i: (-1 if positions[i] is None else positions[i], i))
    assert by_position == unscored_first

    for wanted in (*LEVELS, "unscored"):
        found = {a.id for a in find_activities(journal, ActivityQuery(level=wanted), limit=None)}
        expected = {
            i
            for i, p in positions.items()
            if (p is None and wanted == "unscored") or (p is not None and level(p) == wanted)
        }
        assert found == expected, wanted

    for model in LEVELS:
        found = {a.id for a in find_activities(journal, ActivityQuery(model=model), limit=None)}
        expected = {
            a.id
            for a in everything
            if any(journal.framework.criterion(c).model_id == model
                   for c in get_activity(journal, a.id).criteria if journal.framework.has_criterion(c))
        }  # fmt: skip
        assert found == expected, model
