"""Writing activities, and the trash that keeps deleted ones for 30 days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest

from journal.errors import NotFound
from journal.records.activities import (
    TRASH_DAYS,
    ActivityRecord,
    add_activity,
    criteria_in_use,
    empty_trash,
    get_activity,
    known_organizations,
    known_tags,
    position_of,
    restore_activities,
    trash_activities,
    trashed_activities,
    update_activity,
)
from journal.records.validation import check_activity
from journal.storage.journal_file import Journal


def add(journal: Journal, **raw: Any) -> ActivityRecord:
    return add_activity(journal, check_activity({"date": "2026-09-02", "title": "Shift", **raw}, journal.framework))


def test_add_get_and_update(journal: Journal) -> None:
    made = add(journal, hours="2.5", tags="Food;food", criteria="radical.root-causes;charity.dependency", private=True)
    assert made.hours == Fraction(5, 2) and made.private and made.tags == ("food",)
    assert made.created_at == made.updated_at and made.created_at.endswith("Z")
    assert position_of(made, journal) == 50
    changed = update_activity(
        journal,
        made.id,
        check_activity({"date": "2026-09-03", "title": "New", "tags": "rent"}, journal.framework),
    )
    assert (changed.title, changed.tags, changed.criteria, changed.private) == ("New", ("rent",), (), False)
    assert changed.updated_at >= made.updated_at and changed.created_at == made.created_at
    assert get_activity(journal, made.id) == changed
    assert known_tags(journal) == ["rent"]  # a tag nobody uses any more is dropped
    assert position_of(changed, journal) is None


def test_a_missing_activity_is_not_found(journal: Journal) -> None:
    with pytest.raises(NotFound, match="no longer exists"):
        get_activity(journal, 404)
    with pytest.raises(NotFound):
        update_activity(journal, 404, check_activity({"date": "2026-09-03", "title": "x"}, journal.framework))


def test_trash_and_restore(journal: Journal) -> None:
    first, second = add(journal, title="One"), add(journal, title="Two")
    assert trash_activities(journal, [first.id, second.id]) == 2
    assert trash_activities(journal, [first.id]) == 0  # already in the trash
    assert {r.title for r in trashed_activities(journal)} == {"One", "Two"}
    assert get_activity(journal, first.id).deleted_at is not None
    assert restore_activities(journal, [first.id]) == 1
    assert [r.title for r in trashed_activities(journal)] == ["Two"]
    assert get_activity(journal, first.id).deleted_at is None


def test_empty_trash_deletes_only_what_waited_thirty_days(journal: Journal) -> None:
    kept = add(journal, title="Kept", tags="keep")
    old = add(journal, title="Old", tags="old-tag", criteria="radical.root-causes")
    trash_activities(journal, [old.id])
    trashed_at = datetime.now(UTC)
    assert TRASH_DAYS == 30
    assert empty_trash(journal, now=trashed_at + timedelta(days=29, hours=23)) == 0
    assert [r.title for r in trashed_activities(journal)] == ["Old"]
    assert empty_trash(journal, now=trashed_at + timedelta(days=30, minutes=1)) == 1
    assert trashed_activities(journal) == []
    with pytest.raises(NotFound):
        get_activity(journal, old.id)
    assert get_activity(journal, kept.id).title == "Kept"
    assert known_tags(journal) == ["keep"]
    assert criteria_in_use(journal) == set()


def test_empty_trash_now(journal: Journal) -> None:
    gone = add(journal)
    trash_activities(journal, [gone.id])
    assert empty_trash(journal, older_than_days=None) == 1


def test_known_organisations_most_used_first(journal: Journal) -> None:
    for org in ("Union", "Fridge", "Union", "", "Breakfast", "Fridge", "Union"):
        add(journal, organization=org)
    trashed = add(journal, organization="Gone")
    trash_activities(journal, [trashed.id])
    assert known_organizations(journal) == ["Union", "Fridge", "Breakfast"]


def test_criteria_in_use(journal: Journal) -> None:
    add(journal, criteria="radical.root-causes;charity.dependency")
    add(journal, criteria="radical.root-causes")
    assert criteria_in_use(journal) == {"radical.root-causes", "charity.dependency"}
