"""Work that the crash tests kill with SIGKILL: each loops over real writes until it is killed.

Each job prints ``ack ...`` on stdout only after a write has returned (the
commit, the rename), with one ``os.write`` so that a line reaches the pipe or
file whole or not at all. Whatever was acknowledged must be in the journal after
the kill. Run one as a process:

    python -m tests.safety.crash_work JOB '{"journal": "...", ...}'

or, much faster, in a child forked from tests/safety/crash_fork_server.py,
which has already imported everything.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Args = dict[str, Any]


def ack(text: str) -> None:
    os.write(1, f"ack {text}\n".encode())


def _cli(journal: str, *args: str) -> int:
    from journal import cli

    code = cli.main(["--journal", journal, *args], _exporters())
    if code != 0:
        # A failure that is not a kill is a finding: stop with the code; stderr holds the sentence.
        os._exit(10 + code)
    return code


def _exporters() -> Any:
    from ui.launcher import qt_exporters

    exporters = qt_exporters()
    exporters.out = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the job
    return exporters


def import_loop(args: Args) -> None:
    """``import big.csv`` again and again; each import must land whole or not at all."""
    n = 0
    while True:
        n += 1
        _cli(args["journal"], "import", args["csv"])
        ack(str(n))


def import_json_once(args: Args) -> None:
    """``import`` a whole-journal export into an empty journal (which takes one only), then wait to be killed."""
    import time

    _cli(args["journal"], "import", args["json"])
    ack("imported")
    while True:
        time.sleep(1)


def backup_loop(args: Args) -> None:
    """``backup`` into the backups folder and ``backup -o`` over one file, in turn."""
    n = 0
    while True:
        n += 1
        if n % 2:
            _cli(args["journal"], "backup", "-o", args["target"])
        else:
            _cli(args["journal"], "backup")
        ack(str(n))


def restore_loop(args: Args) -> None:
    """``restore`` one backup, then the other, so the journal is always one of two known states."""
    n = 0
    names = args["backups"]
    while True:
        name = names[n % len(names)]
        n += 1
        _cli(args["journal"], "restore", args["folder"] + "/" + name)
        ack(f"{n} {name}")


def export_loop(args: Args) -> None:
    """``export`` json, csv and html over files that already hold an older export."""
    n = 0
    formats = args["formats"]
    while True:
        fmt = formats[n % len(formats)]
        n += 1
        extra = ["--term", args["term"]] if fmt == "html" else []
        _cli(args["journal"], "export", "--format", fmt, "-o", args["targets"][fmt], *extra)
        ack(f"{n} {fmt}")


def autosave_loop(args: Args) -> None:
    """Autosave as the app does, through update_activity; every fifth write adds a new activity.

    ``ack N update ID`` / ``ack N add ID``: the activity's title ends in ``#N``.
    """
    from datetime import date

    from journal.records.activities import add_activity, update_activity
    from journal.records.validation import ActivityInput
    from journal.storage.journal_file import Journal

    ids: list[int] = list(args["ids"])
    n = int(args["start"])
    with Journal.open(Path(args["journal"])) as journal:
        while True:
            n += 1
            data = ActivityInput(
                day=date(2026, 9, 1 + n % 28),
                title=f"Autosaved #{n}",
                description=("typing " * (n % 50)) + str(n),
                hours_centi=n % 2401,
                tags=(f"t{n % 3}",),
                criteria=("radical.root-causes",) if n % 2 else ("charity.one-way-giving", "radical.civic-space"),
            )
            if n % 5 == 0:
                record = add_activity(journal, data)
                ack(f"{n} add {record.id}")
            else:
                target = ids[n % len(ids)]
                update_activity(journal, target, data)
                ack(f"{n} update {target}")


def open_once(args: Args) -> None:
    """Open a journal (creating it, or backing it up and upgrading its schema), then wait to be killed."""
    import time

    from journal.storage.journal_file import Journal

    Journal.open(Path(args["journal"])).close()
    ack("opened")
    while True:
        time.sleep(1)


JOBS: dict[str, Callable[[Args], None]] = {
    "open": open_once,
    "import json": import_json_once,
    "import": import_loop,
    "backup": backup_loop,
    "restore": restore_loop,
    "export": export_loop,
    "autosave": autosave_loop,
}


def run(job: str, args: Args) -> None:
    if job == "app":
        from tests.safety.crash_app_driver import drive

        drive(args)
        return
    JOBS[job](args)


if __name__ == "__main__":
    run(sys.argv[1], json.loads(sys.argv[2]))
