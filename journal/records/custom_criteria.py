"""A student's own criteria, and hiding shipped ones.

A criterion that is ticked on any activity can be hidden but never deleted.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from journal.clock import utc_stamp
from journal.errors import InvalidInput
from journal.records.validation import clean_text
from journal.storage.journal_file import Journal
from journal.storage.schema import CustomCriterion, HiddenCriterion, Tick


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "criterion"


def add_custom_criterion(journal: Journal, model_id: str, statement: str, source: str = "") -> str:
    problems = {}
    if not any(m.id == model_id for m in journal.framework.models):
        problems["model"] = f"There is no model {model_id!r}."
    try:
        clean_statement = clean_text(statement, "The statement", 500, required=True)
    except ValueError as exc:
        problems["statement"] = str(exc)
    try:
        clean_source = clean_text(source, "The source note", 500)
    except ValueError as exc:
        problems["source"] = str(exc)
    if problems:
        raise InvalidInput(problems)
    if any(c.statement.casefold() == clean_statement.casefold() for c in journal.framework.criteria_of(model_id)):
        raise InvalidInput({"statement": "This model already has a criterion with that statement."})
    base = f"{model_id}.my-{_slug(clean_statement)}"
    criterion_id, n = base, 1
    while journal.framework.has_criterion(criterion_id):
        n += 1
        criterion_id = f"{base}-{n}"
    with journal.writing() as session:
        session.add(
            CustomCriterion(
                id=criterion_id,
                model_id=model_id,
                statement=clean_statement,
                source=clean_source,
                created_at=utc_stamp(),
            )
        )
    journal.reload_criteria()
    return criterion_id


def delete_custom_criterion(journal: Journal, criterion_id: str) -> None:
    with journal.writing() as session:
        if session.scalar(select(Tick).where(Tick.criterion_id == criterion_id).limit(1)) is not None:
            raise InvalidInput(
                {"criterion": "This criterion is ticked on at least one activity, so it can be hidden but not deleted."}
            )
        row = session.get(CustomCriterion, criterion_id)
        if row is None:
            raise InvalidInput({"criterion": "Only your own criteria can be deleted; shipped ones can be hidden."})
        session.delete(row)
    journal.reload_criteria()


def set_hidden(journal: Journal, criterion_id: str, hidden: bool) -> None:
    if not journal.framework.has_criterion(criterion_id):
        raise InvalidInput({"criterion": f"There is no criterion {criterion_id!r}."})
    with journal.writing() as session:
        row = session.get(HiddenCriterion, criterion_id)
        if hidden and row is None:
            session.add(HiddenCriterion(criterion_id=criterion_id))
        elif not hidden and row is not None:
            session.delete(row)
    journal.reload_criteria()
