"""Starting work in another process, killing it with SIGKILL after a random delay, and reading what it acknowledged.

``ForkedRunner`` asks tests/safety/crash_fork_server.py for a child per trial
(a fork of a process that has imported everything: quick). ``SpawnedRunner``
starts a whole new process (the installed ``mutual-aid-journal`` command or a
``python -m`` module), as a person starts the app. Both kill with SIGKILL.

``TALLY`` collects, per kind of work, how many kills ran and what the checks
after them found; tests/safety/conftest.py prints it at the end of the run.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal import sqlite_file
from journal.storage import Journal

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINT = Path(sys.executable).with_name("mutual-aid-journal")
READY_TIMEOUT = 60.0


@dataclass
class Trial:
    delay: float
    acks: list[str]
    killed: bool  # False: the work ended by itself before the kill
    exit_code: int | None
    stderr: str
    other_signal: int | None = None  # the work died of a signal other than our SIGKILL

    def describe(self) -> str:
        if self.killed:
            end = "killed"
        elif self.other_signal is not None:
            end = f"died of signal {self.other_signal} before the kill"
        else:
            end = f"ended by itself with exit code {self.exit_code}"
        tail = self.stderr.strip().splitlines()[-3:]
        return f"after {self.delay:.3f} s: {end}, {len(self.acks)} ack(s)" + (f"; stderr: {tail}" if tail else "")


@dataclass
class Tally:
    kills: int = 0
    trials: int = 0
    with_acks: int = 0
    acks: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, trial: Trial, problems: Sequence[str]) -> None:
        self.trials += 1
        self.kills += int(trial.killed)
        self.with_acks += int(bool(trial.acks))
        self.acks += len(trial.acks)
        self.problems.extend(f"{p} ({trial.describe()})" for p in problems)


TALLY: dict[str, Tally] = {}


def tally(name: str) -> Tally:
    return TALLY.setdefault(name, Tally())


def _crash_env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


class ForkedRunner:
    """Children forked from one warmed-up server process."""

    def __init__(self) -> None:
        self._server = subprocess.Popen(
            [sys.executable, "-m", "tests.safety.crash_fork_server"],
            cwd=ROOT,
            env=_crash_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        ready = self._reply()
        assert ready == {"ready": True}, ready

    def _reply(self) -> dict[str, Any]:
        assert self._server.stdout is not None
        line = self._server.stdout.readline()
        if not line:
            raise RuntimeError(f"the crash fork server stopped (exit code {self._server.poll()})")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self._server.stdin is not None
        self._server.stdin.write(json.dumps(request) + "\n")
        self._server.stdin.flush()
        return self._reply()

    def run(self, job: str, args: dict[str, Any], delay: float, folder: Path) -> Trial:
        out, err = folder / f"{job}.out", folder / f"{job}.err"
        out.write_bytes(b"")
        err.write_bytes(b"")
        pid = self._ask({"op": "run", "job": job, "args": args, "out": str(out), "err": str(err)})["pid"]
        time.sleep(delay)
        with suppress(ProcessLookupError):  # it may have ended by itself
            os.kill(pid, signal.SIGKILL)
        status = self._ask({"op": "wait", "pid": pid})
        killed = status["signal"] == signal.SIGKILL
        other = None if killed else status["signal"]
        return Trial(delay, read_acks(out), killed, status["exit"], err.read_text(errors="replace"), other)

    def close(self) -> None:
        if self._server.stdin is not None:
            self._server.stdin.close()
        try:
            self._server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._server.kill()
            self._server.wait()


def run_spawned(command: Sequence[str], delay: float, folder: Path, name: str) -> Trial:
    """A whole new process (an installed command, a ``python -m`` module), killed after ``delay``."""
    out, err = folder / f"{name}.out", folder / f"{name}.err"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen(list(command), cwd=ROOT, env=_crash_env(), stdout=stdout, stderr=stderr)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
        code = process.wait()
    killed = code == -signal.SIGKILL
    other = -code if code < 0 and not killed else None
    return Trial(delay, read_acks(out), killed, code if code >= 0 else None, err.read_text(errors="replace"), other)


def read_acks(path: Path) -> list[str]:
    lines = path.read_text(errors="replace").splitlines()
    return [line[4:] for line in lines if line.startswith("ack ")]


# --- checks after a kill ----------------------------------------------------------------


def journal_problems(path: Path) -> list[str]:
    """What is wrong with the journal after a kill: SQLite's full check, the app's own check, and opening it."""
    problems = []
    try:
        with closing(sqlite3.connect(path, timeout=10)) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                problems.append(f"integrity_check of {path.name}: {result[:3]}")
            keys = conn.execute("PRAGMA foreign_key_check").fetchall()
            if keys:
                problems.append(f"foreign_key_check of {path.name}: {keys[:3]}")
    except sqlite3.DatabaseError as exc:
        return [f"{path.name} cannot be read by SQLite: {exc}"]
    problem = sqlite_file.quick_problem(path, thorough=True)
    if problem:
        problems.append(f"the app's check: {problem}")
    try:
        Journal.open(path, create=False).close()
    except Exception as exc:
        problems.append(f"the app cannot open {path.name} after the kill: {type(exc).__name__}: {exc}")
    return problems


def backup_problems(path: Path) -> list[str]:
    """A backup must be a whole journal: SQLite's full check passes and it is readable by its owner alone."""
    problems = []
    problem = sqlite_file.quick_problem(path, thorough=True)
    if problem:
        problems.append(f"backup {path.name}: {problem}")
    if path.exists() and path.stat().st_mode & 0o077:
        problems.append(f"backup {path.name} is readable by others ({oct(path.stat().st_mode & 0o777)})")
    return problems


def query(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path, timeout=10)) as conn:
        return conn.execute(sql, params).fetchall()
