"""Private stays private: no network connection, files for the owner alone, user text that never runs or fetches.

The command line and the app run as processes with tests/safety/no_network/
on PYTHONPATH (its sitecustomize refuses and writes down every connection
made from Python) and, where strace is installed, under ``strace -e connect``
(which also sees connections made by Qt's C++ code). They run with umask 0, so
a file is 0600 only because the app made it so. The HTML report opens in
Debian's headless chromium; the app shows a title holding HTML to a real
window while a socket on localhost waits for a fetch that must never come.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from journal.clock import today
from journal.records.activities import add_activity
from journal.records.reflections import WeeklyText, save_weekly_reflection
from journal.records.terms import add_term
from journal.records.validation import ActivityInput
from journal.storage.journal_file import Journal
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINT = Path(sys.executable).with_name("mutual-aid-journal")
NO_NETWORK = Path(__file__).resolve().parent / "no_network"
TERM = "Fall 2026"
SCRIPT_TITLE = "<script>document.title='pwned'</script>"
RUNS = ("cli", "app")
IMAGE_TITLE = "<img src=x onerror=\"document.title='pwned'\">"


# --- no connection, files for the owner alone ------------------------------------------------------------


def _environment(tmp_path: Path, log: Path) -> dict[str, str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join([str(NO_NETWORK), str(ROOT)]),
        NO_NETWORK_LOG=str(log),
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    env.pop("MUTUAL_AID_JOURNAL", None)
    return env


def _run(command: list[str], env: dict[str, str], trace: Path | None) -> subprocess.CompletedProcess[str]:
    strace = shutil.which("strace")
    if trace is not None and strace:
        command = [strace, "-f", "-qq", "-e", "trace=connect", "-o", str(trace), *command]
    return subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=180, preexec_fn=lambda: os.umask(0)
    )


def _network_connects(trace: Path) -> list[str]:
    """Connections to an internet address (not the local sockets a desktop uses to talk to itself)."""
    if not trace.exists():
        return []
    return [line for line in trace.read_text().splitlines() if re.search(r"sa_family=AF_INET6?\b", line)]


@pytest.fixture(scope="module")
def privacy_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every command of interest, then the app, each once, as processes without network and with umask 0."""
    tmp_path = tmp_path_factory.mktemp("privacy")
    log = tmp_path / "connections.log"
    env = _environment(tmp_path, log)
    path = tmp_path / "journal" / "j.sqlite3"
    start = today() - timedelta(days=20)
    csv_file = tmp_path / "in.csv"
    rows = [
        f"{start + timedelta(days=n)},Shift {n},Eastside Fridge,driver,2,radical.root-causes,food," for n in range(5)
    ]
    rows += [
        f'{start + timedelta(days=6)},"{SCRIPT_TITLE}",,,1,,,',
        f'{start + timedelta(days=7)},"{IMAGE_TITLE.replace(chr(34), chr(34) * 2)}",,,1,charity.one-way-giving,,',
    ]
    csv_file.write_text("date,title,organization,role,hours,criteria,tags,description\n" + "\n".join(rows) + "\n")
    out = tmp_path / "out"
    out.mkdir(mode=0o700)  # made by the student: the app writes only into folders that exist
    commands = [
        ["term", "add", TERM, "--start", start.isoformat(), "--end", (start + timedelta(days=100)).isoformat()],
        ["import", str(csv_file)],
        ["stats", "--json"],
        *(
            ["export", "--format", fmt, "--term", TERM, "-o", str(out / f"report.{fmt}")]
            for fmt in ("html", "pdf", "md", "docx")
        ),
        ["export", "--format", "json", "-o", str(out / "journal.json")],
        ["export", "--format", "csv", "-o", str(out / "activities.csv")],
    ]
    driver = (
        "import json, sys\nfrom ui.launcher import main\n"
        "for args in json.loads(sys.argv[1]):\n"
        "    code = main(['--journal', sys.argv[2], *args])\n"
        "    if code:\n        sys.exit(code)\n"
    )
    runs = {"cli": _run([sys.executable, "-c", driver, json.dumps(commands), str(path)], env, tmp_path / "cli.strace")}
    # The app's first open of the day makes the daily backup.
    app_env = {**env, "MUTUAL_AID_JOURNAL_EXIT_AFTER_PAINT": "1"}
    runs["app"] = _run([str(ENTRY_POINT), "--journal", str(path)], app_env, tmp_path / "app.strace")
    umask = os.umask(0)
    try:
        runs["backup"] = run_cli(path, "backup")
    finally:
        os.umask(umask)
    return {"tmp": tmp_path, "log": log, "journal": path, "out": out, **runs}


def test_the_command_line_and_the_app_work_without_network(privacy_run: dict[str, Any]) -> None:
    for name in RUNS:
        done = privacy_run[name]
        assert done.returncode == 0, f"{name}: {done.stderr[-2000:]}"
        assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert privacy_run["backup"].code == 0, privacy_run["backup"].err
    assert privacy_run["app"].stdout.startswith("first-paint-seconds"), "the app did not paint its window"
    assert (privacy_run["out"] / "report.pdf").stat().st_size > 1000


def test_no_connection_is_attempted(privacy_run: dict[str, Any]) -> None:
    lines = privacy_run["log"].read_text().splitlines()
    assert lines.count("loaded") == len(RUNS), "the connection guard was not loaded into every process"
    attempts = [line for line in lines if line != "loaded"]
    assert attempts == [], f"connections from Python code: {attempts}"
    tmp: Path = privacy_run["tmp"]
    if not shutil.which("strace"):
        pytest.skip("strace is not installed: connections from Qt's own code were not watched (Python's were)")
    for name in RUNS:
        assert _network_connects(tmp / f"{name}.strace") == [], f"{name} connected to the network"
    # The watch itself sees a connection when there is one.
    control = tmp / "control.strace"
    probe = "import socket; socket.socket().connect_ex(('127.0.0.1', 9))"
    _run([sys.executable, "-c", probe], {**os.environ, "PYTHONPATH": ""}, control)
    assert _network_connects(control), "strace did not see a connection it should have seen"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_the_app_writes_is_for_its_owner_alone(privacy_run: dict[str, Any]) -> None:
    path: Path = privacy_run["journal"]
    written = [path, *privacy_run["out"].iterdir(), *(path.parent / "backups").iterdir()]
    kinds = {p.name.rsplit("-", 1)[-1] for p in (path.parent / "backups").iterdir()}
    assert {"manual.sqlite3", "daily.sqlite3"} <= kinds, "the backup command and the app's daily backup"
    assert {p.suffix for p in privacy_run["out"].iterdir()} >= {".html", ".pdf", ".md", ".docx", ".json", ".csv"}
    loose = {
        str(p.relative_to(path.parent.parent)): oct(_mode(p)) for p in written if p.is_file() and _mode(p) != 0o600
    }
    assert loose == {}, "files readable by others (written with umask 0)"
    folders = {p.name: oct(_mode(p)) for p in (path.parent, path.parent / "backups", privacy_run["out"])}
    assert folders == dict.fromkeys(folders, oct(0o700)), f"folders the app made, open to others: {folders}"


def test_the_lock_and_the_working_files_of_an_open_journal_are_the_owners_alone(tmp_path: Path) -> None:
    """While the app has the journal open (typing, under umask 0): its lock file, -wal and -shm are 0600."""
    path = tmp_path / "j.sqlite3"
    with Journal.open(path) as journal:
        add_term(journal, TERM, today() - timedelta(days=5), today() + timedelta(days=60))
    args = {"journal": str(path), "settings": str(tmp_path / "settings"), "start": 0}
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.safety.crash_app_driver", json.dumps(args)],
        cwd=ROOT,
        env=_environment(tmp_path, tmp_path / "connections.log"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        preexec_fn=lambda: os.umask(0),
    )
    try:
        assert app.stdout is not None
        first = app.stdout.readline()  # the first save has been written
        assert first.startswith("ack "), first
        working = [path.with_name(path.name + suffix) for suffix in (".lock", "-wal", "-shm")]
        modes = {p.name: oct(_mode(p)) for p in working if p.exists()}
    finally:
        app.kill()
        app.wait()
    assert set(modes) == {p.name for p in working}, f"expected the lock and both WAL files, found {modes}"
    assert modes == dict.fromkeys(modes, oct(0o600)), modes


# --- the HTML report in a real browser -------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (apt-get install -y chromium); the report was not opened in a browser")


def _dump_dom(browser: str, page: Path) -> str:
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


def _title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    return html.unescape(found.group(1)) if found else ""


def test_the_html_report_runs_no_script_from_user_text(privacy_run: dict[str, Any], tmp_path: Path) -> None:
    browser = _chromium()
    control = tmp_path / "control.html"
    control.write_text(f"<!doctype html><html><head><title>Report</title></head><body>{SCRIPT_TITLE}</body></html>")
    assert _title(_dump_dom(browser, control)) == "pwned", "the browser check itself does not detect a script"
    report = privacy_run["out"] / "report.html"
    source = report.read_text(encoding="utf-8")
    assert SCRIPT_TITLE not in source and IMAGE_TITLE not in source, "user text reached the page unescaped"
    dom = _dump_dom(browser, report)
    assert "pwned" not in _title(dom) and _title(dom) == _title(source), _title(dom)
    elements = _Elements()
    elements.feed(dom)
    assert elements.scripts == 0, "a script element reached the page"
    assert elements.handlers == [], f"elements with event handlers: {elements.handlers}"
    for title in (SCRIPT_TITLE, IMAGE_TITLE):
        assert title in elements.text, f"{title} is not shown as text"


class _Elements(HTMLParser):
    """What a page holds: its script elements, attributes that run code, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.handlers: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


# --- the app: HTML in a title shows as text and fetches nothing ---------------------------------------------


@pytest.fixture
def listener() -> Iterator[dict[str, Any]]:
    """A socket on a free localhost port that counts every connection made to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)
    state: dict[str, Any] = {"port": server.getsockname()[1], "connections": 0, "running": True}

    def serve() -> None:
        while state["running"]:
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            state["connections"] += 1
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state["running"] = False
        thread.join(timeout=2)
        server.close()


def test_a_title_holding_html_shows_literally_and_fetches_nothing(
    tmp_path: Path, qtbot: Any, listener: dict[str, Any]
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    from ui.window.main_window import MainWindow

    title = f'<b>x</b><img src="http://127.0.0.1:{listener["port"]}/p">'
    start = today() - timedelta(days=10)
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        term = add_term(journal, TERM, start, start + timedelta(days=90))
        record = add_activity(
            journal,
            ActivityInput(
                day=today(),
                title=title,
                organization=title,
                role=title,
                description=title,
                tags=("food",),
                criteria=("radical.root-causes",),
            ),
        )
        week = term.week_of(today())
        assert week is not None
        save_weekly_reflection(journal, term, WeeklyText(week, what=title, so_what=title, now_what=title))
        window = MainWindow(journal)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.journal_view.editor.show_activity(record.id)
        model = window.journal_view.model
        shown = [model.data(model.index(0, column)) for column in range(model.columnCount())]
        assert title in shown, shown
        editor = window.journal_view.editor
        assert editor.title_edit.text() == title
        assert editor.organization_edit.text() == title
        assert editor.description_edit.toPlainText() == title
        for view in (1, 2, 0):
            window.show_view(view)
            qtbot.wait(300)
        spectrum = window._views[1]
        hover = spectrum.week_hover_text(week)
        assert title not in hover and html.escape(title) in hover, hover
        window.show_view(2)
        qtbot.wait(300)
        previews = [w for w in window.findChildren(QWidget) if type(w).__name__ == "ReportPreview"]
        assert previews and all(title in p.toPlainText() for p in previews), "the report preview hides the title"
        rich = [
            label.objectName() or label.text()[:60]
            for label in window.findChildren(QLabel)
            if "<b>x</b>" in label.text() and label.textFormat() != Qt.TextFormat.PlainText
        ]
        assert rich == [], f"labels that would render the title as HTML: {rich}"
        tips = [w.toolTip() for w in window.findChildren(QWidget) if "<b>x</b>" in w.toolTip()]
        assert tips == [], f"tooltips holding the title unescaped: {tips}"
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
                assert not tip or "<b>x</b>" not in str(tip), tip
        QApplication.processEvents()
        qtbot.wait(500)
        window.close()
    assert listener["connections"] == 0, "the app fetched the image named in a title"
