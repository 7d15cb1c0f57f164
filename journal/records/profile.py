"""The student's profile: name, course and instructor, printed on reports."""

from __future__ import annotations

from dataclasses import dataclass

from journal.errors import InvalidInput
from journal.records.validation import SHORT_TEXT_MAX, clean_text
from journal.storage.journal_file import Journal
from journal.storage.schema import Profile


@dataclass(frozen=True)
class ProfileInfo:
    student_name: str = ""
    course: str = ""
    instructor: str = ""


def get_profile(journal: Journal) -> ProfileInfo:
    with journal.reading() as session:
        row = session.get(Profile, 1)
        return ProfileInfo() if row is None else ProfileInfo(row.student_name, row.course, row.instructor)


def save_profile(journal: Journal, profile: ProfileInfo) -> ProfileInfo:
    values, problems = {}, {}
    for key, label in (("student_name", "The name"), ("course", "The course"), ("instructor", "The instructor")):
        try:
            values[key] = clean_text(getattr(profile, key), label, SHORT_TEXT_MAX)
        except ValueError as exc:
            problems[key] = str(exc)
    if problems:
        raise InvalidInput(problems)
    with journal.writing() as session:
        row = session.get(Profile, 1)
        if row is None:
            row = Profile(id=1)
            session.add(row)
        row.student_name, row.course, row.instructor = values["student_name"], values["course"], values["instructor"]
    return ProfileInfo(**values)
