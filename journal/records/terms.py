"""Terms (semesters): named date ranges that never overlap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from journal.errors import InvalidInput, NotFound
from journal.records.validation import check_term
from journal.scoring.weeks import Week, term_weeks, week_count, week_number
from journal.storage.journal_file import Journal
from journal.storage.schema import Term


@dataclass(frozen=True)
class TermInfo:
    id: int
    name: str
    start: date
    end: date

    @property
    def weeks(self) -> int:
        return week_count(self.start, self.end)

    def week_list(self) -> list[Week]:
        return term_weeks(self.start, self.end)

    def week_of(self, day: date) -> int | None:
        return week_number(self.start, self.end, day)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _info(term: Term) -> TermInfo:
    return TermInfo(term.id, term.name, term.start_date, term.end_date)


def list_terms(journal: Journal) -> list[TermInfo]:
    with journal.reading() as session:
        return [_info(t) for t in session.scalars(select(Term).order_by(Term.start_date))]


def find_term(journal: Journal, name: str) -> TermInfo:
    with journal.reading() as session:
        term = session.scalar(select(Term).where(Term.name == name.strip()))
        if term is None:
            known = ", ".join(repr(t.name) for t in session.scalars(select(Term).order_by(Term.start_date)))
            hint = f" The journal has: {known}." if known else " The journal has no terms yet."
            raise NotFound({"term": f"There is no term named {name.strip()!r}.{hint}"})
        return _info(term)


def term_for_day(journal: Journal, day: date) -> TermInfo | None:
    with journal.reading() as session:
        term = session.scalar(select(Term).where(Term.start_date <= day, Term.end_date >= day))
        return None if term is None else _info(term)


def _check_against_others(session: Session, name: str, start: date, end: date, own_id: int | None) -> None:
    for other in session.scalars(select(Term).where(Term.id != (own_id or -1))):
        if other.name.casefold() == name.casefold():
            raise InvalidInput({"name": f"A term named {other.name!r} already exists."})
        if other.start_date <= end and start <= other.end_date:
            raise InvalidInput(
                {
                    "start": f"These dates overlap the term {other.name!r} "
                    f"({other.start_date.isoformat()} to {other.end_date.isoformat()}); terms never overlap."
                }
            )


def add_term(journal: Journal, name: Any, start: Any, end: Any, *, term_id: int | None = None) -> TermInfo:
    """Add a term; ``term_id`` brings one back under its old id (redo after undo)."""
    clean_name, start_date, end_date = check_term(name, start, end)
    with journal.writing() as session:
        _check_against_others(session, clean_name, start_date, end_date, None)
        term = Term(id=term_id, name=clean_name, start_date=start_date, end_date=end_date)
        session.add(term)
        session.flush()
        return _info(term)


def update_term(journal: Journal, term_id: int, name: Any, start: Any, end: Any) -> TermInfo:
    """Rename a term or change its dates, under the same rules as a new one."""
    clean_name, start_date, end_date = check_term(name, start, end)
    with journal.writing() as session:
        term = session.get(Term, term_id)
        if term is None:
            raise NotFound({"term": "That term no longer exists."})
        _check_against_others(session, clean_name, start_date, end_date, term_id)
        term.name, term.start_date, term.end_date = clean_name, start_date, end_date
        session.flush()
        return _info(term)


def delete_term(journal: Journal, term_id: int) -> None:
    """Remove a term and its reflections; its activities stay (they are dated, not owned)."""
    with journal.writing() as session:
        term = session.get(Term, term_id)
        if term is not None:
            session.delete(term)
