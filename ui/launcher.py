"""The ``mutual-aid-journal`` entry point: a command runs headless; no command opens the app."""

from __future__ import annotations

import gc

# Start-up builds many long-lived objects (SQLAlchemy's and Qt's types); the cyclic
# collector would scan them again and again for nothing (about a tenth of start-up).
# It is switched back on once a command starts or the window has painted.
gc.disable()

import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402

from journal import cli  # noqa: E402


def collect_again() -> None:
    """Keep what start-up made out of future collections, then let the collector run as usual."""
    gc.freeze()
    gc.enable()


def qt_exporters() -> cli.Exporters:
    """The chart and report exporters, which draw with Qt, for commands run headless."""

    def chart(journal, term, path, width, height):  # type: ignore[no-untyped-def]
        from ui.headless import ensure_gui_application
        from ui.spectrum.chart_export import save_chart

        ensure_gui_application()
        save_chart(journal, term, path, width, height)

    def report(journal, term, fmt, path):  # type: ignore[no-untyped-def]
        from ui.headless import ensure_gui_application
        from ui.report_export import export_report

        ensure_gui_application()
        export_report(journal, term, fmt, path)

    return cli.Exporters(report=report, chart=chart)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = cli.parse(args_list)
    except cli.UsageError as exc:
        print(exc, file=sys.stderr)
        return cli.EXIT_USAGE
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if args.command:
        collect_again()
        return cli.main(args_list, qt_exporters(), parsed=args)
    from ui.pyside_feature_check import lighten_feature_check

    lighten_feature_check()  # before the app's modules load (see ui/pyside_feature_check.py)
    from ui.app import run_app

    return run_app(args.journal, demo=args.demo)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
