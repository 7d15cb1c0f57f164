"""The command line of SPEC 6.

Exit codes: 0 success, 1 the journal cannot be used, 2 bad usage or invalid
input. Every failure is one or more sentences on stderr; never a traceback.
Commands that need Qt (the chart and the PDF/DOCX report) are handed in by the
launcher as ``extra`` exporters, so this module never imports the UI.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, TextIO

from journal.clock import today
from journal.errors import FrameworkError, InvalidInput, JournalDamaged, JournalUnusable, SaveFailed
from journal.records.terms import TermInfo
from journal.storage import app_lock, backups, sqlite_file
from journal.storage.atomic_write import WriteFailed
from journal.storage.journal_file import Journal
from journal.storage.output_paths import check_output, refuse_stdout, to_stdout
from journal.storage.paths import journal_path

PROG = "mutual-aid-journal"
EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE = 0, 1, 2
DATA_FORMATS = ("csv", "json")
REPORT_FORMATS = ("pdf", "html", "md", "docx")
MIN_CHART_WIDTH, MIN_CHART_HEIGHT = 320, 240
STDOUT_HELP = "the file to write, or - for standard output (csv, json, html, md)"
TERM_HELP = "the term; without it, the one holding today, else the only one, else the latest to start"
FORCE_HELP = "replace an existing file of another kind (never the journal, its files or a database)"
COMMANDS = ("term", "import", "export", "stats", "chart", "backup", "check", "restore")

log = logging.getLogger(__name__)
# Without a handler, logging's last resort prints the traceback on stderr; an unexpected
# error goes to the app's log file instead (journal/log_file.py).
log.addHandler(logging.NullHandler())


class UsageError(Exception):
    pass


@dataclass
class Exporters:
    """What the launcher adds: ``report(journal, term, format, path)`` and ``chart(journal, term, path, w, h)``."""

    report: Callable[[Journal, TermInfo, str, Path], None] | None = None
    chart: Callable[[Journal, TermInfo, Path, int, int], None] | None = None
    out: TextIO = field(default_factory=lambda: sys.stdout)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sentence = message[0].upper() + message[1:]
        raise UsageError(f"{sentence.rstrip('.')}. Run '{PROG} --help' to see the commands.")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Mutual Aid Journal: a reflection journal for mutual aid.")
    parser.add_argument("--journal", metavar="PATH", help="the journal file (default: your data folder)")
    parser.add_argument("--demo", action="store_true", help="open the app on a throw-away sample semester")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    term = commands.add_parser("term", help="add or list terms")
    term_commands = term.add_subparsers(dest="term_command", metavar="add|list", required=True, parser_class=_Parser)
    add = term_commands.add_parser("add", help="add a term")
    add.add_argument("name")
    add.add_argument("--start", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--end", required=True, metavar="YYYY-MM-DD")
    listing = term_commands.add_parser("list", help="list the terms")
    listing.add_argument("--json", action="store_true")

    importing = commands.add_parser("import", help="import activities (.csv) or a whole journal (.json)")
    importing.add_argument("file", type=Path)

    export = commands.add_parser("export", help="export a report or the journal's data")
    export.add_argument("--format", required=True, choices=REPORT_FORMATS + DATA_FORMATS)
    export.add_argument("-o", "--output", required=True, metavar="PATH", help=STDOUT_HELP)
    export.add_argument(
        "--term",
        metavar="NAME",
        help=f"a report's term ({TERM_HELP.removeprefix('the term; ')}); a CSV's (without it, every activity); "
        "JSON is always the whole journal",
    )
    export.add_argument("--force", action="store_true", help=FORCE_HELP)

    stats = commands.add_parser("stats", help="a term's position, level, shares and weeks")
    stats.add_argument("--term", metavar="NAME", help=TERM_HELP)
    stats.add_argument("--json", action="store_true")

    chart = commands.add_parser("chart", help="draw a term's spectrum chart as PNG or SVG")
    chart.add_argument("--term", metavar="NAME", help=TERM_HELP)
    chart.add_argument(
        "-o", "--output", required=True, metavar="PATH", help="a .png or .svg file, or - for SVG on stdout"
    )
    chart.add_argument("--width", type=int, default=1200, metavar="PX")
    chart.add_argument("--height", type=int, default=700, metavar="PX")
    chart.add_argument("--force", action="store_true", help=FORCE_HELP)

    backup = commands.add_parser("backup", help="back the journal up")
    backup.add_argument("-o", "--output", type=Path, metavar="PATH")
    backup.add_argument("--force", action="store_true", help=FORCE_HELP)
    commands.add_parser("check", help="run SQLite's integrity check on the journal")
    restore = commands.add_parser("restore", help="put a backup in place of the journal")
    restore.add_argument("backup", type=Path)
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


def main(
    argv: Sequence[str] | None = None, exporters: Exporters | None = None, *, parsed: argparse.Namespace | None = None
) -> int:
    """Run one command; ``parsed`` is ``argv`` already parsed by the caller (the launcher), read once."""
    exporters = exporters or Exporters()
    try:
        args = parsed if parsed is not None else parse(sys.argv[1:] if argv is None else argv)
        if not args.command:
            raise UsageError(f"No command given. Run '{PROG} --help' to see the commands.")
        return run(args, exporters)
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except InvalidInput as exc:
        return _fail("\n".join(exc.problems.values()), EXIT_USAGE)
    except WriteFailed as exc:
        return _fail(str(exc), EXIT_USAGE)
    except JournalDamaged as exc:
        return _fail(str(exc) + _backup_offer(exc.path), EXIT_UNUSABLE)
    except (JournalUnusable, FrameworkError, SaveFailed) as exc:
        return _fail(str(exc), EXIT_UNUSABLE)
    except KeyboardInterrupt:
        return _fail("Stopped. Nothing more was written.", EXIT_UNUSABLE)
    except BrokenPipeError:
        # The reader of our output went away (``stats | head``): the work is done, stay quiet.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # the promise: a sentence, never a traceback
        from journal.log_file import log_unexpected

        written_to = log_unexpected(log, "unexpected error")
        details = f" The details are in {written_to}." if written_to else ""
        return _fail(
            f"Something unexpected went wrong ({type(exc).__name__}: {exc}). Nothing more was written.{details}", 1
        )


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's final flush does not complain about the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def writes(args: argparse.Namespace) -> bool:
    """Whether a command changes the journal, and so holds its lock while it runs (see app_lock)."""
    return args.command in ("import", "restore") or (args.command == "term" and args.term_command == "add")


def run(args: argparse.Namespace, exporters: Exporters) -> int:
    path = journal_path(args.journal)
    if args.command == "check":
        return _check(path, exporters.out)
    if args.command == "restore":
        with app_lock.held_for_a_command(path):
            return _restore(path, args.backup, exporters.out)
    if args.command == "chart" and exporters.chart is None and not to_stdout(args.output):
        raise UsageError("Charts need the desktop app's drawing code, which is not installed here.")
    if args.command == "import" and args.file.suffix.lower() not in (".csv", ".json"):
        raise UsageError(f"{args.file}: import reads .csv (activities) or .json (a whole journal export).")
    # Opened before the lock is taken, so a file that is not a journal gets no lock file beside it.
    with Journal.open(path) as journal, app_lock.held_for_a_command(path) if writes(args) else nullcontext():
        return _COMMANDS[args.command](journal, args, exporters)


def _term_command(journal: Journal, args: argparse.Namespace, exporters: Exporters) -> int:
    from journal.records.terms import add_term, list_terms

    out = exporters.out
    if args.term_command == "add":
        term = add_term(journal, args.name, args.start, args.end)
        print(f"Added the term {term.name!r}: {term.start} to {term.end}, {term.weeks} weeks.", file=out)
        return EXIT_OK
    terms = list_terms(journal)
    if args.json:
        rows = [
            {"name": t.name, "start": t.start.isoformat(), "end": t.end.isoformat(), "weeks": t.weeks} for t in terms
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=out)
    elif not terms:
        print("The journal has no terms yet. Add one with: term add NAME --start YYYY-MM-DD --end YYYY-MM-DD", file=out)
    else:
        width = max(len(t.name) for t in terms)
        for t in terms:
            print(f"{t.name:<{width}}  {t.start} to {t.end}  {t.weeks:>2} weeks", file=out)
    return EXIT_OK


def _import_command(journal: Journal, args: argparse.Namespace, exporters: Exporters) -> int:
    file: Path = args.file
    if not file.is_file():
        raise UsageError(f"There is no file {file} to import.")
    if file.suffix.lower() == ".csv":
        from journal.transfer.csv_io import import_csv

        count = import_csv(journal, file)
    else:
        from journal.transfer.json_io import import_json

        count = import_json(journal, file)
    print(f"Imported {count} {'activity' if count == 1 else 'activities'} from {file}.", file=exporters.out)
    return EXIT_OK


def _term_argument(journal: Journal, name: str | None, *, required: bool) -> TermInfo | None:
    from journal.records.terms import find_term, list_terms, term_for_day

    if name is not None:
        return find_term(journal, name)
    if required:
        raise UsageError("This needs --term NAME: say which term to use.")
    current = term_for_day(journal, today())
    if current is not None:
        return current
    started = [t for t in list_terms(journal) if t.start <= today()]
    terms = started or list_terms(journal)
    return terms[-1] if terms else None


def _guessed_term(journal: Journal, name: str | None) -> TermInfo:
    """The term named, or when none is: the one holding today, else the only one, else the latest to start.

    Which one was taken, and why, goes to standard error, so that a report or chart
    written to standard output stays clean.
    """
    from journal.records.terms import list_terms, term_for_day

    if name is not None:
        term = _term_argument(journal, name, required=True)
        assert term is not None
        return term
    terms = list_terms(journal)
    if not terms:
        raise UsageError(
            "The journal has no term yet. Add one first: mutual-aid-journal term add NAME "
            "--start YYYY-MM-DD --end YYYY-MM-DD."
        )
    current = term_for_day(journal, today())
    started = [t for t in terms if t.start <= today()]
    if current is not None:
        term, why = current, "it holds today"
    elif len(terms) == 1:
        term, why = terms[0], "the journal's only term"
    else:
        term, why = (started or terms)[-1], "the latest term to start" if started else "the first term to come"
    print(f"Using the term {term.name!r} ({why}); choose another with --term NAME.", file=sys.stderr)
    return term


def _export_command(journal: Journal, args: argparse.Namespace, exporters: Exporters) -> int:
    fmt = args.format
    if fmt == "json" and args.term is not None:
        raise UsageError("A JSON export always holds the whole journal; leave out --term.")
    if to_stdout(args.output):
        if fmt in REPORT_FORMATS:
            term: TermInfo | None = _guessed_term(journal, args.term)
        else:
            term = _term_argument(journal, args.term, required=False) if args.term is not None else None
        _write_stdout(exporters.out, _export_text(journal, fmt, term))
        return EXIT_OK
    output = check_output(args.output, journal.path, fmt, args.force)
    if fmt == "md":  # its chart is written beside it
        from journal.report.markdown_report import chart_file_for

        check_output(chart_file_for(output), journal.path, "svg", args.force)
    if fmt in REPORT_FORMATS:
        term = _guessed_term(journal, args.term)
        from journal.report.text_report import TEXT_FORMATS, export_text_report

        if fmt in TEXT_FORMATS:
            export_text_report(journal, term, fmt, output)  # no Qt needed, none loaded
        elif exporters.report is None:
            raise UsageError(f"The {fmt} report needs the desktop app's report code, which is not installed here.")
        else:
            exporters.report(journal, term, fmt, output)
    elif fmt == "csv":
        from journal.search.activity_query import ActivityQuery, find_activities
        from journal.transfer.csv_io import export_csv

        query = ActivityQuery(sort="day", descending=False)
        if args.term is not None:
            term = _term_argument(journal, args.term, required=True)
            assert term is not None
            query = ActivityQuery(start=term.start, end=term.end, sort="day", descending=False)
        export_csv(find_activities(journal, query), output)
    else:
        from journal.transfer.json_io import export_json

        export_json(journal, output)
    print(f"Wrote {args.output}.", file=exporters.out)
    return EXIT_OK


def _export_text(journal: Journal, fmt: str, term: TermInfo | None) -> str:
    """The export as text for standard output; the binary formats cannot go there."""
    if fmt == "csv":
        from journal.search.activity_query import ActivityQuery, find_activities
        from journal.transfer.csv_io import csv_text

        query = ActivityQuery(sort="day", descending=False)
        if term is not None:
            query = ActivityQuery(start=term.start, end=term.end, sort="day", descending=False)
        return "\ufeff" + csv_text(find_activities(journal, query))  # the same bytes as the file
    if fmt == "json":
        from journal.transfer.json_io import json_text

        return json_text(journal)
    if fmt not in ("html", "md"):
        refuse_stdout(fmt)
    assert term is not None
    from journal.report.report_data import build_report
    from journal.report.text_report import text_report_chart
    from journal.scoring.stats import term_stats

    stats = term_stats(journal, term)
    report = build_report(journal, term, stats=stats)
    if fmt == "html":
        from journal.report.html_report import render_html

        return render_html(report, text_report_chart(stats, "html"))
    from journal.report.markdown_report import render_markdown

    return render_markdown(report, None)  # no folder to put its chart in: the text alone


def _write_stdout(out: TextIO, text: str) -> None:
    """UTF-8 whatever the terminal's locale says, as the file would hold it."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _stats_command(journal: Journal, args: argparse.Namespace, exporters: Exporters) -> int:
    from journal.scoring.stats import stats_document, term_stats
    from journal.scoring.stats_text import stats_lines

    term = _term_argument(journal, args.term, required=False)
    if term is None:
        raise UsageError("The journal has no terms yet, so there are no statistics. Add a term first.")
    stats = term_stats(journal, term)
    if args.json:
        print(json.dumps(stats_document(stats), ensure_ascii=False, indent=2), file=exporters.out)
    else:
        print("\n".join(stats_lines(stats)), file=exporters.out)
    return EXIT_OK


def _chart_command(journal: Journal, args: argparse.Namespace, exporters: Exporters) -> int:
    streamed = to_stdout(args.output)
    if not streamed and Path(args.output).suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"{args.output}: the chart is written as .png or .svg.")
    if not (MIN_CHART_WIDTH <= args.width <= 10000 and MIN_CHART_HEIGHT <= args.height <= 10000):
        raise UsageError(
            f"--width must be between {MIN_CHART_WIDTH} and 10000 pixels and --height between "
            f"{MIN_CHART_HEIGHT} and 10000: a smaller chart has no room for its labels."
        )
    term = _guessed_term(journal, args.term)
    if streamed:  # SVG, the chart's text form, drawn without Qt
        from journal.report.spectrum_chart import chart_svg
        from journal.scoring.stats import term_stats

        _write_stdout(exporters.out, chart_svg(term_stats(journal, term), args.width, args.height))
        return EXIT_OK
    output = check_output(args.output, journal.path, Path(args.output).suffix.lower()[1:], args.force)
    assert exporters.chart is not None
    exporters.chart(journal, term, output, args.width, args.height)
    print(f"Wrote {args.output}.", file=exporters.out)
    return EXIT_OK


def _backup_command(journal: Journal, args: argparse.Namespace, exporters: Exporters) -> int:
    output = None
    if args.output is not None:
        if to_stdout(args.output):
            refuse_stdout("sqlite")
        output = check_output(args.output, journal.path, "sqlite", args.force)
    journal.close()
    target = backups.make_backup(journal.path, kind="manual", target=output)
    print(f"Backed up {journal.path} to {target}.", file=exporters.out)
    return EXIT_OK


def _check(path: Path, out: TextIO) -> int:
    if not path.exists():
        raise JournalUnusable(f"There is no journal at {path}.")
    problem = sqlite_file.quick_problem(path, thorough=True)
    if problem is None:
        print(f"The journal {path} passed SQLite's integrity check.", file=out)
        return EXIT_OK
    if isinstance(problem, sqlite_file.AccessProblem):
        raise JournalUnusable(problem)
    raise JournalDamaged(problem, path)


def _backup_offer(path: Path) -> str:
    good = backups.newest_good_backup(path)
    if good is None:
        return " No backup that passes the check was found."
    return (
        f" The newest backup that passes the check is {good.path} (made {good.made:%Y-%m-%d %H:%M}); "
        f"restore it with: {PROG} --journal {path} restore {good.path}"
    )


def _restore(path: Path, backup: Path, out: TextIO) -> int:
    if not backup.is_file():
        raise UsageError(f"There is no backup file {backup}.")
    aside = backups.restore(path, backup)
    message = f"Restored {path} from {backup}."
    if aside is not None:
        message += f" The damaged journal was kept as {aside}."
    else:
        message += " The journal as it was is kept in the backups folder."
    print(message, file=out)
    return EXIT_OK


_COMMANDS: dict[str, Callable[[Journal, argparse.Namespace, Exporters], int]] = {
    "term": _term_command,
    "import": _import_command,
    "export": _export_command,
    "stats": _stats_command,
    "chart": _chart_command,
    "backup": _backup_command,
}
