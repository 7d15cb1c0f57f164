"""A student's own criteria, and hiding shipped ones; a ticked criterion is never deleted."""

from __future__ import annotations

import pytest

from journal.errors import InvalidInput
from journal.records.activities import add_activity
from journal.records.custom_criteria import add_custom_criterion, delete_custom_criterion, set_hidden
from journal.records.validation import check_activity
from journal.storage.journal_file import Journal


def test_a_custom_criterion_joins_its_model_and_scores(journal: Journal) -> None:
    cid = add_custom_criterion(journal, "radical", "We cooked with the people we fed!", "my notes")
    assert cid == "radical.my-we-cooked-with-the-people-we-fed"
    assert journal.framework.criterion(cid).custom
    assert journal.framework.position_of(cid) == 100
    assert journal.framework.criteria_of("radical")[-1].id == cid
    again = add_custom_criterion(journal, "radical", "We cooked with the people we fed?")
    assert again == cid + "-2"


def test_custom_criteria_rules(journal: Journal) -> None:
    with pytest.raises(InvalidInput) as caught:
        add_custom_criterion(journal, "solidarity", "", "s" * 501)
    assert set(caught.value.problems) == {"model", "statement", "source"}
    shipped = journal.framework.criteria_of("charity")[0].statement
    with pytest.raises(InvalidInput, match="already has a criterion"):
        add_custom_criterion(journal, "charity", shipped.upper())


def test_a_ticked_criterion_can_be_hidden_but_not_deleted(journal: Journal) -> None:
    cid = add_custom_criterion(journal, "contributory", "We pooled our tools.")
    add_activity(
        journal,
        check_activity({"date": "2026-09-01", "title": "Tool library", "criteria": cid}, journal.framework),
    )
    with pytest.raises(InvalidInput, match="hidden but not deleted"):
        delete_custom_criterion(journal, cid)
    set_hidden(journal, cid, True)
    assert cid in journal.hidden and journal.framework.has_criterion(cid)
    set_hidden(journal, cid, False)
    assert cid not in journal.hidden


def test_an_unticked_custom_criterion_can_be_deleted_shipped_ones_cannot(journal: Journal) -> None:
    cid = add_custom_criterion(journal, "charity", "Prizes were given to top donors.")
    delete_custom_criterion(journal, cid)
    assert not journal.framework.has_criterion(cid)
    with pytest.raises(InvalidInput, match="can be hidden"):
        delete_custom_criterion(journal, "charity.dependency")
    set_hidden(journal, "charity.dependency", True)
    assert journal.hidden == frozenset({"charity.dependency"})
    with pytest.raises(InvalidInput, match="no criterion"):
        set_hidden(journal, "charity.nope", True)
