"""Starting work in another process, killing it with SIGKILL at a moment set by what it acknowledged, and reading
what it acknowledged.

``ForkedRunner`` asks tests/safety/crash_fork_server.py for a child per trial
(a fork of a process that has imported everything: quick). ``run_spawned``
starts a whole new process (the installed ``mutual-aid-journal`` command or a
``python -m`` module), as a person starts the app. Both kill with SIGKILL.

A ``Kill`` says when: after the work has acknowledged so many finished writes
(``ack ...`` lines, watched as they arrive), plus a share of the time the last
of them took, plus a delay. Counting from the work's own acknowledgements, and
measuring a write's length as it runs, lands the kill at the same point of the
work on an idle machine and on a busy one, where a delay counted from the
start alone could land before any write or far past the one it was meant for.

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
from collections.abc import Callable, Sequence
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal.storage import sqlite_file
from journal.storage.journal_file import Journal

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINT = Path(sys.executable).with_name("mutual-aid-journal")
# How long to wait for an acknowledgement the kill is timed from: far beyond any write here, even on a busy
# machine, and short of pytest's per-test timeout, so that a write that never ends is a finding with a sentence.
ACK_TIMEOUT = 45.0
POLL_SECONDS = 0.002


@dataclass(frozen=True)
class Kill:
    """When to kill: once ``after_acks`` writes are acknowledged, ``share`` of the time the last took, then ``delay``.

    With ``after_acks`` 0 the time is counted from the start; ``share`` then counts for nothing.
    """

    after_acks: int = 0
    share: float = 0.0
    delay: float = 0.0


@dataclass
class Trial:
    delay: float  # seconds from the start of the work to the kill
    acks: list[str]
    killed: bool  # False: the work ended by itself before the kill
    exit_code: int | None
    stderr: str
    other_signal: int | None = None  # the work died of a signal other than our SIGKILL
    awaited: int = 0  # the acknowledgements the kill waited for
    first_ack_at: float | None = None  # seconds from the start to the first acknowledgement seen

    def describe(self) -> str:
        if self.killed:
            end = "killed"
        elif self.other_signal is not None:
            end = f"died of signal {self.other_signal} before the kill"
        else:
            end = f"ended by itself with exit code {self.exit_code}"
        tail = self.stderr.strip().splitlines()[-3:]
        awaited = f" (the kill waited for {self.awaited})" if self.awaited else ""
        return f"after {self.delay:.3f} s: {end}, {len(self.acks)} ack(s){awaited}" + (
            f"; stderr: {tail}" if tail else ""
        )

    def timing_problems(self) -> list[str]:
        """The kill was meant to come after ``awaited`` acknowledgements: did they come?"""
        if self.killed and len(self.acks) < self.awaited:
            return [f"{len(self.acks)} of {self.awaited} awaited writes acknowledged in {ACK_TIMEOUT:.0f} s: it hung"]
        return []


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

    def run(self, job: str, args: dict[str, Any], kill: Kill, folder: Path) -> Trial:
        out, err = folder / f"{job}.out", folder / f"{job}.err"
        out.write_bytes(b"")
        err.write_bytes(b"")
        pid = self._ask({"op": "run", "job": job, "args": args, "out": str(out), "err": str(err)})["pid"]
        watched = wait_for_kill(out, kill, lambda: self._ask({"op": "poll", "pid": pid})["running"])
        if not watched.ended:  # once reaped, its process id may be another's
            os.kill(pid, signal.SIGKILL)
        status = self._ask({"op": "wait", "pid": pid})
        killed = status["signal"] == signal.SIGKILL
        other = None if killed else status["signal"]
        stderr = err.read_text(errors="replace")
        return Trial(
            watched.seconds,
            read_acks(out),
            killed,
            status["exit"],
            stderr,
            other,
            kill.after_acks,
            watched.first_ack_at,
        )

    def close(self) -> None:
        if self._server.stdin is not None:
            self._server.stdin.close()
        try:
            self._server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._server.kill()
            self._server.wait()


def run_spawned(command: Sequence[str], kill: Kill, folder: Path, name: str) -> Trial:
    """A whole new process (an installed command, a ``python -m`` module, a shell loop of commands), killed with
    every process it started."""
    out, err = folder / f"{name}.out", folder / f"{name}.err"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen(
            list(command), cwd=ROOT, env=_crash_env(), stdout=stdout, stderr=stderr, start_new_session=True
        )
        watched = wait_for_kill(out, kill, lambda: process.poll() is None)
        if not watched.ended:
            with suppress(ProcessLookupError):  # its own process group: a shell's command dies with the shell
                os.killpg(process.pid, signal.SIGKILL)
        code = process.wait()
    killed = code == -signal.SIGKILL
    other = -code if code < 0 and not killed else None
    stderr_text = err.read_text(errors="replace")
    exit_code = code if code >= 0 else None
    return Trial(
        watched.seconds, read_acks(out), killed, exit_code, stderr_text, other, kill.after_acks, watched.first_ack_at
    )


@dataclass(frozen=True)
class Watched:
    seconds: float  # from the start of the work to the moment to kill it
    first_ack_at: float | None  # from the start to the first acknowledgement seen
    ended: bool  # the work ended by itself (it has been reaped: not to be killed)


def wait_for_kill(out: Path, kill: Kill, running: Callable[[], bool]) -> Watched:
    """Watch ``out`` until the moment ``kill`` names, or the work ends, or ACK_TIMEOUT passes without the awaited
    acknowledgements."""
    started = time.monotonic()
    seen = [(0.0, 0)]  # (seconds since the start, acknowledgements read by then), each time more came
    deadline = None if kill.after_acks else kill.delay
    polls = 0
    ended = False
    while True:
        now = time.monotonic() - started
        count = _count_acks(out)
        if count > seen[-1][1]:
            seen.append((now, count))
        if deadline is None and count >= kill.after_acks:
            # the time the awaited write took: shared out when several acknowledgements came between two looks
            at = next(i for i, (_, n) in enumerate(seen) if n >= kill.after_acks)
            (before, before_count), (then, then_count) = seen[at - 1], seen[at]
            deadline = now + kill.share * (then - before) / (then_count - before_count) + kill.delay
        if deadline is not None and now >= deadline:
            break
        if deadline is None and now >= ACK_TIMEOUT:
            break
        polls += 1
        if polls % 10 == 0 and not running():  # ended by itself (or failed) before the kill
            ended = True
            break
        time.sleep(POLL_SECONDS if deadline is None else max(0.0, min(POLL_SECONDS, deadline - now)))
    return Watched(time.monotonic() - started, seen[1][0] if len(seen) > 1 else None, ended)


def _count_acks(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"\nack ") + data.startswith(b"ack ")


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
