"""Activities to and from CSV (SPEC 6).

Import checks every row before writing anything: one bad row rejects the whole
file, and the error lists each bad line by number (the header is line 1).
Export neutralises cells a spreadsheet would run as a formula by putting an
apostrophe before them. Import takes that apostrophe away only in a file with the
export's own header (all nine columns, in the export's order), so an exported
file imports back unchanged while a cell a person wrote as '=x elsewhere keeps it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from journal.errors import InvalidInput
from journal.records.activities import ActivityRecord
from journal.records.bulk_activities import add_activities_in
from journal.records.framework import Framework
from journal.records.validation import DESCRIPTION_MAX, ActivityInput, check_activity, hours_text, quoted
from journal.storage.atomic_write import write_text_atomically
from journal.storage.journal_file import Journal

COLUMNS = ("date", "title", "organization", "role", "hours", "criteria", "tags", "description", "private")
ALIASES = {"reflection": "description", "organisation": "organization"}
REQUIRED = ("date", "title")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_LISTED_PROBLEMS = 50
TRUE_WORDS = {"yes", "true", "1", "y", "private"}
FALSE_WORDS = {"", "no", "false", "0", "n"}


def _looks_neutralised(cell: str) -> bool:
    """Quotes followed by a formula start: what ``neutralise`` makes, or a cell that only looks like it."""
    return cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(cell: str) -> str:
    """Prefix a quote to a cell that a spreadsheet would run as a formula.

    A cell that already starts with quotes before a formula start gets one more,
    so that ``unneutralise``, which takes one away, gives back exactly what was written.
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) or _looks_neutralised(cell) else cell


def unneutralise(cell: str) -> str:
    return cell[1:] if _looks_neutralised(cell) else cell


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            {"file": f"{name}, line {line}: the file is not UTF-8 text. Save it as UTF-8 CSV and try again."}
        ) from None


def _header(row: list[str], name: str) -> list[str]:
    columns = []
    problems = []
    for cell in row:
        column = cell.strip().lower()
        column = ALIASES.get(column, column)
        if column not in COLUMNS:
            problems.append(
                f"{name}, line 1: unknown column {quoted(cell.strip())}; the columns are {', '.join(COLUMNS[:-1])}."
            )
        elif column in columns:
            problems.append(f"{name}, line 1: the column {column!r} appears twice.")
        columns.append(column)
    for required in REQUIRED:
        if required not in columns:
            problems.append(f"{name}, line 1: the required column {required!r} is missing.")
    if problems:
        raise InvalidInput({f"header{i}": p for i, p in enumerate(problems)})
    return columns


def _reader_problem(error: csv.Error) -> str:
    """Python's csv reader in a person's words."""
    said = str(error)
    if "field larger than field limit" in said:
        return (
            f"a cell holds more than {csv.field_size_limit():,} characters, far more than any column allows "
            f"(a description holds at most {DESCRIPTION_MAX:,})"
        )
    if "expected after" in said:
        return (
            "a quoted cell goes on after its closing quote; put the whole cell in quotes "
            'and write each quote inside it twice ("")'
        )
    if "unexpected end of data" in said:
        return "a quote opened on this line is never closed, so the rest of the file would be one cell"
    if "new-line character seen in unquoted field" in said:
        return "a cell holds a line break but is not in quotes; put the cell in quotes"
    return f"this line cannot be read as CSV (its quoting is broken: {said})"


def _private(value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"Private {quoted(value.strip())} is not yes or no.")


def _delimiter(text: str) -> str:
    """What separates the fields: a comma, or what the header line uses instead.

    A spreadsheet saving CSV in a locale whose decimal mark is a comma (much of
    Europe) puts ``;`` between fields; the header line, made of column names
    only, says which without doubt.
    """
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:  # one column, or nothing to tell by
        return ","


def parse_csv(text: str, framework: Framework, name: str = "The CSV file") -> list[ActivityInput]:
    """Check a whole CSV text; return its activities or raise InvalidInput listing every bad line."""
    if "\x00" in text:
        raise InvalidInput({"file": f"{name} holds binary data (a null byte); it is not a CSV text file."})
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InvalidInput({"file": f"{name}, line 1: {_reader_problem(exc)}."}) from None
    if header is None or not any(cell.strip() for cell in header):
        raise InvalidInput({"file": f"{name} is empty: it needs a header row such as {','.join(COLUMNS[:-1])}."})
    columns = _header(header, name)
    # The app's own export, perhaps edited in a spreadsheet since: its apostrophes are the app's.
    own_export = [cell.strip() for cell in header] == list(COLUMNS)
    activities: list[ActivityInput] = []
    problems: dict[str, str] = {}
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # The reader drops the rest of the broken line and goes on, so later bad lines are listed too.
            problems[f"line {line}"] = f"{name}, line {line}: {_reader_problem(exc)}."
            line = reader.line_num + 1
            continue
        start_line, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            problems[f"line {start_line}"] = (
                f"{name}, line {start_line}: {len(row)} cells where the header has {len(columns)}."
            )
            continue
        raw: dict[str, object] = {c: unneutralise(v) if own_export else v for c, v in zip(columns, row, strict=True)}
        try:
            raw["private"] = _private(str(raw.get("private", "")))
        except ValueError as exc:
            problems[f"line {start_line}"] = f"{name}, line {start_line}: {exc}"
            continue
        try:
            activities.append(check_activity(raw, framework))
        except InvalidInput as exc:
            problems[f"line {start_line}"] = f"{name}, line {start_line}: " + " ".join(exc.problems.values())
    if problems:
        listed = dict(list(problems.items())[:MAX_LISTED_PROBLEMS])
        if len(problems) > MAX_LISTED_PROBLEMS:
            listed["more"] = f"... and {len(problems) - MAX_LISTED_PROBLEMS} more bad lines."
        listed["summary"] = f"Nothing was imported: {len(problems)} bad line(s) in {name}."
        raise InvalidInput(listed)
    return activities


def import_csv(journal: Journal, path: Path) -> int:
    """Import a CSV file of activities in one transaction; return how many were added."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput({"file": f"The file {path} cannot be read: {exc.strerror}."}) from None
    activities = parse_csv(decode(data, str(path)), journal.framework, str(path))
    with journal.writing() as session:
        add_activities_in(session, activities)
    return len(activities)


def csv_text(records: list[ActivityRecord]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in records:
        writer.writerow(
            [
                r.day.isoformat(),
                neutralise(r.title),
                neutralise(r.organization),
                neutralise(r.role),
                hours_text(r.hours_centi),
                ";".join(r.criteria),
                neutralise(";".join(r.tags)),
                neutralise(r.description),
                "yes" if r.private else "no",
            ]
        )
    return buffer.getvalue()


def export_csv(records: list[ActivityRecord], path: Path) -> None:
    write_text_atomically(path, "\ufeff" + csv_text(records))
