"""Weekly reflections (What? So what? Now what?) and the closing reflection of a term."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from journal.clock import utc_stamp
from journal.errors import InvalidInput
from journal.records.terms import TermInfo
from journal.records.validation import DESCRIPTION_MAX, DIRECTIONS, clean_text
from journal.storage.journal_file import Journal
from journal.storage.schema import ClosingReflection, WeeklyReflection

PROMPTS = (
    ("what", "What?", "What happened? What did you do, with whom, and what was your role?"),
    (
        "so_what",
        "So what?",
        "What does it mean? Which model of mutual aid does it fit (charity, contributory, radical), and why?",
    ),
    ("now_what", "Now what?", "What will you do next? What would move your practice toward solidarity?"),
)
DIRECTION_LABELS = {
    "toward-charity": "Toward charity",
    "stay": "Stay where I am",
    "toward-radical": "Toward radical solidarity",
}


@dataclass(frozen=True)
class WeeklyText:
    week: int
    what: str = ""
    so_what: str = ""
    now_what: str = ""

    @property
    def written(self) -> bool:
        return bool(self.what.strip() or self.so_what.strip() or self.now_what.strip())


@dataclass(frozen=True)
class ClosingText:
    essay: str = ""
    direction: str | None = None


def _check_week(term: TermInfo, week: int) -> None:
    if not 1 <= week <= term.weeks:
        raise InvalidInput({"week": f"Week {week} is not in {term.name}, which has {term.weeks} weeks."})


def weekly_reflections(journal: Journal, term: TermInfo) -> dict[int, WeeklyText]:
    with journal.reading() as session:
        rows = session.scalars(select(WeeklyReflection).where(WeeklyReflection.term_id == term.id))
        return {r.week: WeeklyText(r.week, r.what, r.so_what, r.now_what) for r in rows}


def weekly_reflection(journal: Journal, term: TermInfo, week: int) -> WeeklyText:
    _check_week(term, week)
    with journal.reading() as session:
        row = session.get(WeeklyReflection, (term.id, week))
        return WeeklyText(week) if row is None else WeeklyText(week, row.what, row.so_what, row.now_what)


def check_weekly_text(text: WeeklyText) -> dict[str, str]:
    """The three answers, trimmed; InvalidInput names each one that breaks a rule."""
    answers = {}
    problems = {}
    for key, label, _ in PROMPTS:
        try:
            answers[key] = clean_text(getattr(text, key), f"The answer to {label!r}", DESCRIPTION_MAX)
        except ValueError as exc:
            problems[key] = str(exc)
    if problems:
        raise InvalidInput(problems)
    return answers


def save_weekly_reflection(journal: Journal, term: TermInfo, text: WeeklyText) -> None:
    """Write a week's three answers; all empty removes the reflection."""
    _check_week(term, text.week)
    answers = check_weekly_text(text)
    with journal.writing() as session:
        row = session.get(WeeklyReflection, (term.id, text.week))
        if not any(answers.values()):
            if row is not None:
                session.delete(row)
            return
        if row is None:
            row = WeeklyReflection(term_id=term.id, week=text.week)
            session.add(row)
        row.what, row.so_what, row.now_what = answers["what"], answers["so_what"], answers["now_what"]
        row.updated_at = utc_stamp()


def closing_reflection(journal: Journal, term: TermInfo) -> ClosingText:
    with journal.reading() as session:
        row = session.get(ClosingReflection, term.id)
        return ClosingText() if row is None else ClosingText(row.essay, row.direction)


def save_closing_reflection(journal: Journal, term: TermInfo, text: ClosingText) -> None:
    try:
        essay = clean_text(text.essay, "The closing reflection", DESCRIPTION_MAX)
    except ValueError as exc:
        raise InvalidInput({"essay": str(exc)}) from None
    if text.direction is not None and text.direction not in DIRECTIONS:
        raise InvalidInput({"direction": f"The direction must be one of {', '.join(DIRECTIONS)}."})
    with journal.writing() as session:
        row = session.get(ClosingReflection, term.id)
        if row is None:
            row = ClosingReflection(term_id=term.id)
            session.add(row)
        row.essay, row.direction, row.updated_at = essay, text.direction, utc_stamp()
