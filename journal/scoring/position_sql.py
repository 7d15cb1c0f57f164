"""The position rule of ``position.py`` written in SQL, for sorting, filtering and adding up in the database.

A tick counts at its criterion's model position; a tick of a criterion the
framework does not know (its statement was removed, or it came from another
journal) counts for nothing, exactly as ``position.tick_positions`` leaves it
out. tests/journal/scoring/test_position_sql.py holds the two to the same
answers on random journals.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from sqlalchemy import ColumnElement, Integer, case, literal

from journal.records.framework import Framework
from journal.storage.schema import Tick

CriteriaByPosition = tuple[tuple[int, tuple[str, ...]], ...]


@lru_cache(maxsize=16)  # asked at every typed letter of a search; a journal's framework changes rarely
def criteria_by_position(framework: Framework) -> CriteriaByPosition:
    """The framework's criteria (custom and hidden ones too) grouped by their model's position: hashable."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for criterion in framework.criteria:
        grouped[framework.position_of(criterion.id)].append(criterion.id)
    return tuple((position, tuple(ids)) for position, ids in sorted(grouped.items()))


def tick_position(by_position: CriteriaByPosition) -> ColumnElement[int | None]:
    """A tick's model position: NULL for a criterion the framework does not know.

    SUM skips the NULLs and COUNT of this expression counts known ticks only, so
    an activity's position is SUM / COUNT over its ticks, as ``tick_positions``
    gives it. Criteria are listed by position, so that a tick costs a lookup or
    two, whatever the number of criteria.
    """
    if not by_position:
        return literal(None, Integer)
    return case(
        *((Tick.criterion_id.in_(ids), literal(position, Integer)) for position, ids in by_position),
        else_=literal(None, Integer),
    )
