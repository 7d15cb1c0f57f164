"""The ``mutual-aid-journal`` entry point: a command runs headless; no command opens the app."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ui.start_up import collector

if TYPE_CHECKING:
    from journal import cli


def qt_exporters() -> cli.Exporters:
    """The chart and report exporters, which draw with Qt, for commands run headless."""
    from journal import cli

    def chart(journal, term, path, width, height):  # type: ignore[no-untyped-def]
        from ui.spectrum.chart_export import save_chart
        from ui.start_up.headless import ensure_gui_application

        ensure_gui_application()
        save_chart(journal, term, path, width, height)

    def report(journal, term, fmt, path):  # type: ignore[no-untyped-def]
        from ui.report.report_export import export_report
        from ui.start_up.headless import ensure_gui_application

        ensure_gui_application()
        export_report(journal, term, fmt, path)

    return cli.Exporters(report=report, chart=chart)


def main(argv: Sequence[str] | None = None) -> int:
    collector.hold_off()  # until a command starts or the window has painted
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    finally:
        collector.resume()


def _run(args_list: list[str]) -> int:
    from journal import cli

    try:
        args = cli.parse(args_list)
    except cli.UsageError as exc:
        print(exc, file=sys.stderr)
        return cli.EXIT_USAGE
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if args.command:
        collector.resume()
        return cli.main(args_list, qt_exporters(), parsed=args)
    from ui.start_up.app import run_app

    return run_app(args.journal, demo=args.demo)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
