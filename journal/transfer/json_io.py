"""A whole journal as one JSON document, and back (SPEC 6).

The export is deterministic (sorted keys, a fixed order of records, no export
time), so importing it into an empty journal and exporting again gives the same
bytes. Import checks the whole document before one transaction writes it.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from journal.errors import InvalidInput
from journal.records.activities import record_of
from journal.records.bulk_activities import Stamps, add_activities_in
from journal.records.framework import CRITERION_ID, Criterion, Framework
from journal.records.validation import (
    DESCRIPTION_MAX,
    DIRECTIONS,
    SHORT_TEXT_MAX,
    check_activity,
    check_term,
    clean_text,
    hours_text,
)
from journal.scoring.weeks import week_count
from journal.storage.atomic_write import write_text_atomically
from journal.storage.journal_file import Journal
from journal.storage.schema import (
    Activity,
    ClosingReflection,
    CustomCriterion,
    HiddenCriterion,
    Profile,
    Term,
    WeeklyReflection,
)

FORMAT = "mutual-aid-journal"
VERSION = 1
MAX_PROBLEMS = 50


def _hours_number(centi: int) -> int | float:
    text = hours_text(centi)
    return float(text) if "." in text else int(text)


def journal_document(journal: Journal) -> dict[str, Any]:
    with journal.reading() as session:
        terms = list(session.scalars(select(Term).order_by(Term.start_date)))
        term_names = {t.id: t.name for t in terms}
        profile = session.get(Profile, 1)
        activities = session.scalars(select(Activity).order_by(Activity.day, Activity.created_at, Activity.id))
        weekly = session.scalars(select(WeeklyReflection))
        closing = session.scalars(select(ClosingReflection))
        custom = session.scalars(select(CustomCriterion).order_by(CustomCriterion.created_at, CustomCriterion.id))
        hidden = session.scalars(select(HiddenCriterion.criterion_id).order_by(HiddenCriterion.criterion_id))
        start_of = {t.id: t.start_date for t in terms}
        return {
            "format": FORMAT,
            "version": VERSION,
            "profile": {
                "student_name": profile.student_name if profile else "",
                "course": profile.course if profile else "",
                "instructor": profile.instructor if profile else "",
            },
            "terms": [
                {"name": t.name, "start": t.start_date.isoformat(), "end": t.end_date.isoformat()} for t in terms
            ],
            "activities": [_activity_entry(record_of(a)) for a in activities],
            "weekly_reflections": [
                {
                    "term": term_names[w.term_id],
                    "week": w.week,
                    "what": w.what,
                    "so_what": w.so_what,
                    "now_what": w.now_what,
                    "updated_at": w.updated_at,
                }
                for w in sorted(weekly, key=lambda w: (start_of[w.term_id], w.week))
            ],
            "closing_reflections": [
                {"term": term_names[c.term_id], "essay": c.essay, "direction": c.direction, "updated_at": c.updated_at}
                for c in sorted(closing, key=lambda c: start_of[c.term_id])
            ],
            "custom_criteria": [
                {
                    "id": c.id,
                    "model": c.model_id,
                    "statement": c.statement,
                    "source": c.source,
                    "created_at": c.created_at,
                }
                for c in custom
            ],
            "hidden_criteria": list(hidden),
        }


def _activity_entry(r: Any) -> dict[str, Any]:
    return {
        "date": r.day.isoformat(),
        "title": r.title,
        "organization": r.organization,
        "role": r.role,
        "hours": _hours_number(r.hours_centi),
        "description": r.description,
        "tags": list(r.tags),
        "criteria": list(r.criteria),
        "private": r.private,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
        "deleted_at": r.deleted_at,
    }


def json_text(journal: Journal) -> str:
    return json.dumps(journal_document(journal), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_json(journal: Journal, path: Path) -> None:
    write_text_atomically(path, json_text(journal))


# --- import -----------------------------------------------------------------------


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _refused(sentence: str) -> InvalidInput:
    return InvalidInput({"file": f"{sentence} Nothing was imported."})


def load_document(data: bytes, name: str) -> dict[str, Any]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refused(f"{name} is not UTF-8 text, so it is not a journal export.") from None
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _refused(f"{name}, line {exc.lineno}: not valid JSON ({exc.msg}).") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):  # Python refuses to read integers of over 4,300 digits
            raise _refused(f"{name} holds a number thousands of digits long; no field takes one.") from None
        raise _refused(f"{name}: {exc}.") from None
    except RecursionError:
        raise _refused(f"{name} is nested too deeply to be a journal export.") from None
    if "\\u" in text and _has_lone_surrogate(document):
        broken = "a \\u escape for half of a surrogate pair"
        raise _refused(f"{name} holds a broken character ({broken}).")
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _refused(f"{name} is not a Mutual Aid Journal export (its format is not {FORMAT!r}).")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refused(f"{name} has no valid version number (versions are whole numbers from 1).")
    if version > VERSION:
        raise _refused(f"{name} was made by a newer version of the app (format version {version}).")
    return document


def _has_lone_surrogate(document: Any) -> bool:
    """Text anywhere in the document (keys too) that UTF-8, and so the journal, cannot store."""
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except RecursionError:  # as deep as json.loads allowed; the checks below refuse such shapes
        return False
    return False


class _Problems:
    def __init__(self, name: str) -> None:
        self.name = name
        self.items: dict[str, str] = {}

    def add(self, where: str, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items[where] = f"{self.name}, {where}: {message}"

    def raise_if_any(self) -> None:
        if self.items:
            self.items["summary"] = f"Nothing was imported from {self.name}."
            raise InvalidInput(self.items)


def _list(document: dict[str, Any], key: str, problems: _Problems) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        problems.add(key, "must be a list.")
        return []
    return value


# The one form the app writes (journal.clock.utc_stamp): stamps are compared as text, so
# another spelling of the same moment would sort wrongly (the trash empties by comparing them).
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")


def _stamp(value: Any) -> str:
    wanted = "a timestamp must be a UTC time written like 2026-09-01T10:00:00.000000Z"
    if not isinstance(value, str) or not _STAMP.fullmatch(value):
        raise ValueError(f"{wanted}, not {str(value)[:40]!r}.")
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        raise ValueError(f"{wanted}; {value!r} is not a real moment.") from None
    return value


def _check_document(document: dict[str, Any], framework: Framework, name: str) -> dict[str, Any]:
    problems = _Problems(name)
    checked: dict[str, Any] = {"terms": [], "activities": [], "weekly": [], "closing": [], "custom": [], "hidden": []}

    profile = document.get("profile", {})
    if not isinstance(profile, dict):
        problems.add("profile", "must be an object.")
        profile = {}
    checked["profile"] = {}
    for key in ("student_name", "course", "instructor"):
        try:
            checked["profile"][key] = clean_text(profile.get(key, ""), key, SHORT_TEXT_MAX)
        except ValueError as exc:
            problems.add(f"profile.{key}", str(exc))

    custom: list[Criterion] = []
    custom_ids: set[str] = set()
    for i, entry in enumerate(_list(document, "custom_criteria", problems)):
        where = f"custom_criteria[{i}]"
        try:
            if not isinstance(entry, dict):
                raise ValueError("must be an object.")
            cid, model = entry.get("id"), entry.get("model")
            if (
                not isinstance(cid, str)
                or not isinstance(model, str)
                or not cid.startswith(model + ".")
                or not CRITERION_ID.match(cid)  # ';' or spaces in an id would break CSV's criteria lists
                or len(cid) > 120
            ):
                raise ValueError("needs an id of the form model.slug (lower-case letters, digits and -) and its model.")
            if not any(m.id == model for m in framework.models) or framework.has_criterion(cid):
                raise ValueError(f"{cid!r} has an unknown model or clashes with a shipped criterion.")
            if cid in custom_ids:
                raise ValueError(f"the custom criterion {cid!r} appears twice.")
            statement = clean_text(entry.get("statement"), "The statement", 500, required=True)
            source = clean_text(entry.get("source", ""), "The source", 500)
            checked["custom"].append((cid, model, statement, source, _stamp(entry.get("created_at"))))
            custom.append(Criterion(cid, model, statement, source, custom=True))
            custom_ids.add(cid)
        except ValueError as exc:
            problems.add(where, str(exc))
    full = framework.with_custom(custom)

    for i, cid in enumerate(_list(document, "hidden_criteria", problems)):
        if not isinstance(cid, str) or not full.has_criterion(cid):
            problems.add(f"hidden_criteria[{i}]", f"{str(cid)[:60]!r} is not a known criterion.")
        elif cid in checked["hidden"]:
            problems.add(f"hidden_criteria[{i}]", f"the criterion {cid!r} is listed as hidden twice.")
        else:
            checked["hidden"].append(cid)

    term_spans: dict[str, tuple[date, date]] = {}
    for i, entry in enumerate(_list(document, "terms", problems)):
        where = f"terms[{i}]"
        if not isinstance(entry, dict):
            problems.add(where, "must be an object.")
            continue
        try:
            term_name, start, end = check_term(entry.get("name"), entry.get("start"), entry.get("end"))
        except InvalidInput as exc:
            problems.add(where, " ".join(exc.problems.values()))
            continue
        for other, (o_start, o_end) in term_spans.items():
            if other.casefold() == term_name.casefold() or (o_start <= end and start <= o_end):
                problems.add(where, f"the term {term_name!r} clashes with the term {other!r}.")
        term_spans[term_name] = (start, end)
        checked["terms"].append((term_name, start, end))

    for i, entry in enumerate(_list(document, "activities", problems)):
        where = f"activities[{i}]"
        try:
            if not isinstance(entry, dict):
                raise ValueError("must be an object.")
            hours = entry.get("hours", 0)
            if isinstance(hours, float) and not math.isfinite(hours):
                raise ValueError("hours must be a finite number.")
            activity = check_activity(entry, full)
            deleted = entry.get("deleted_at")
            stamps = (_stamp(entry.get("created_at")), _stamp(entry.get("updated_at")))
            checked["activities"].append((activity, stamps, None if deleted is None else _stamp(deleted)))
        except InvalidInput as exc:
            problems.add(where, " ".join(exc.problems.values()))
        except ValueError as exc:
            problems.add(where, str(exc))

    seen_weeks: set[tuple[str, int]] = set()
    for i, entry in enumerate(_list(document, "weekly_reflections", problems)):
        where = f"weekly_reflections[{i}]"
        try:
            if not isinstance(entry, dict):
                raise ValueError("must be an object.")
            term_ref, week = entry.get("term"), entry.get("week")
            if not isinstance(term_ref, str) or term_ref not in term_spans:
                raise ValueError(f"names an unknown term {str(term_ref)[:60]!r}.")
            span = term_spans[term_ref]
            if not isinstance(week, int) or isinstance(week, bool) or not 1 <= week <= week_count(*span):
                raise ValueError(f"week {week!r} is not a week of {term_ref!r}.")
            if (term_ref, week) in seen_weeks:
                raise ValueError(f"week {week} of {term_ref!r} has two reflections.")
            seen_weeks.add((term_ref, week))
            answers = [clean_text(entry.get(k, ""), k, DESCRIPTION_MAX) for k in ("what", "so_what", "now_what")]
            checked["weekly"].append((term_ref, week, *answers, _stamp(entry.get("updated_at"))))
        except ValueError as exc:
            problems.add(where, str(exc))

    for i, entry in enumerate(_list(document, "closing_reflections", problems)):
        where = f"closing_reflections[{i}]"
        try:
            if not isinstance(entry, dict):
                raise ValueError("must be an object.")
            term_ref = entry.get("term")
            if not isinstance(term_ref, str) or term_ref not in term_spans:
                raise ValueError(f"names an unknown term {str(term_ref)[:60]!r}.")
            if any(closing[0] == term_ref for closing in checked["closing"]):
                raise ValueError(f"the term {term_ref!r} has two closing reflections; a term has one.")
            direction = entry.get("direction")
            if direction is not None and direction not in DIRECTIONS:
                raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)} or null.")
            essay = clean_text(entry.get("essay", ""), "essay", DESCRIPTION_MAX)
            checked["closing"].append((term_ref, essay, direction, _stamp(entry.get("updated_at"))))
        except ValueError as exc:
            problems.add(where, str(exc))

    problems.raise_if_any()
    return checked


def _journal_is_empty(journal: Journal) -> bool:
    """Nothing a person wrote: a blank profile row (saved at first start) still counts as empty."""
    with journal.reading() as session:
        profile = session.get(Profile, 1)
        if profile is not None and any((profile.student_name, profile.course, profile.instructor)):
            return False
        tables = (Term, Activity, CustomCriterion, HiddenCriterion)
        return not any(session.scalar(select(func.count()).select_from(table)) for table in tables)


def import_json(journal: Journal, path: Path) -> int:
    """Import a whole-journal export into an empty journal; return the number of activities."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput({"file": f"The file {path} cannot be read: {exc.strerror}."}) from None
    document = load_document(data, str(path))
    checked = _check_document(document, journal.framework, str(path))
    if not _journal_is_empty(journal):
        raise InvalidInput(
            {
                "file": f"{path} is a whole-journal export and can only be imported into an empty journal. "
                "Choose a new journal file with --journal, or import activities from CSV instead."
            }
        )
    with journal.writing() as session:
        profile = checked["profile"]
        if any(profile.values()):
            session.merge(Profile(id=1, **profile))
        term_ids: dict[str, Term] = {}
        for term_name, start, end in checked["terms"]:
            term_ids[term_name] = Term(name=term_name, start_date=start, end_date=end)
            session.add(term_ids[term_name])
        for cid, model, statement, source, created in checked["custom"]:
            session.add(CustomCriterion(id=cid, model_id=model, statement=statement, source=source, created_at=created))
        for cid in checked["hidden"]:
            session.add(HiddenCriterion(criterion_id=cid))
        session.flush()
        for term_name, week, what, so_what, now_what, updated in checked["weekly"]:
            session.add(
                WeeklyReflection(
                    term_id=term_ids[term_name].id,
                    week=week,
                    what=what,
                    so_what=so_what,
                    now_what=now_what,
                    updated_at=updated,
                )
            )
        # the reflections first: each activity's search row then takes its week's reflection as it is
        # written, instead of every reflection rewriting the rows of its week afterwards
        session.flush()
        # in one go, as a CSV import writes them, rather than one ORM object, INSERT and search-index flush each
        add_activities_in(
            session,
            [activity for activity, _, _ in checked["activities"]],
            history=[Stamps(created, updated, deleted) for _, (created, updated), deleted in checked["activities"]],
        )
        for term_name, essay, direction, updated in checked["closing"]:
            session.add(
                ClosingReflection(term_id=term_ids[term_name].id, essay=essay, direction=direction, updated_at=updated)
            )
    journal.reload_criteria()
    return len(checked["activities"])
