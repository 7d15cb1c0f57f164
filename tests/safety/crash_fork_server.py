"""A warmed-up process that forks one child per crash trial, so hundreds of kills stay quick.

Starting Python and importing SQLAlchemy, Alembic and Qt takes over a second
here; the work a kill interrupts takes a fraction of that. This server imports
everything once (and opens no journal, makes no QApplication), then for each
request forks a child that runs one job of ``crash_work`` with its stdout and
stderr sent to files. The test kills the child by its process id and asks the
server to reap it. One JSON request per line on stdin, one JSON reply per line
on stdout:

    {"op": "run", "job": ..., "args": {...}, "out": PATH, "err": PATH}  ->  {"pid": N}
    {"op": "poll", "pid": N}  ->  {"running": true or false}
    {"op": "wait", "pid": N}  ->  {"exit": CODE or null, "signal": SIGNAL or null}

The test polls while it waits for the acknowledgement a kill is timed from, so
that work which failed early is reported at once rather than after a timeout.
"""

from __future__ import annotations

import json
import os
import sys
import traceback


def _preload() -> None:
    """Import what the jobs use, once; the children inherit it."""
    import importlib

    for name in (
        "PySide6.QtTest",
        "journal.records.activities",
        "journal.storage.backups",
        "journal.cli",
        "journal.transfer.csv_io",
        "journal.transfer.json_io",
        "journal.report.html_report",
        "tests.safety.crash_app_driver",
        "ui.start_up.app",
        "ui.launcher",
        "ui.report.report_export",
        "ui.spectrum.chart_export",
    ):
        importlib.import_module(name)


def _child(request: dict[str, object]) -> None:
    out = os.open(str(request["out"]), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    err = os.open(str(request["err"]), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(out, 1)
    os.dup2(err, 2)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    code = 0
    try:
        from tests.safety.crash_work import run

        run(str(request["job"]), dict(request["args"]))  # type: ignore[call-overload]
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
        code = 3
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _status(status: int) -> dict[str, int | None]:
    return {
        "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
    }


def serve() -> None:
    _preload()
    reply = sys.stdout
    ended: dict[int, dict[str, int | None]] = {}  # children reaped by a poll, until the wait asks for them
    print(json.dumps({"ready": True}), file=reply, flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        answer: dict[str, object]
        if request["op"] == "run":
            pid = os.fork()
            if pid == 0:
                _child(request)
            answer = {"pid": pid}
        elif request["op"] == "poll":
            pid = int(request["pid"])
            if pid not in ended:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    ended[pid] = _status(status)
            answer = {"running": pid not in ended}
        else:  # wait
            pid = int(request["pid"])
            answer = dict(ended.pop(pid)) if pid in ended else _status(os.waitpid(pid, 0)[1])
        print(json.dumps(answer), file=reply, flush=True)


if __name__ == "__main__":
    serve()
