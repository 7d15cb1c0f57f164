"""Starting the desktop app: open the journal, then show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from journal.errors import JournalError
from journal.paths import journal_path
from journal.storage import Journal
from journal.terms import list_terms


class TermsWindow(QMainWindow):
    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.setWindowTitle("Mutual Aid Journal")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(f"Journal: {journal.path}"))
        terms = QListWidget()
        terms.setAccessibleName("Terms")
        for term in list_terms(journal):
            terms.addItem(f"{term.name}  ({term.start} to {term.end}, {term.weeks} weeks)")
        layout.addWidget(terms)
        self.setCentralWidget(body)


def run_app(journal_option: str | None, *, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        journal = Journal.open(journal_path(journal_option))
    except JournalError as exc:
        QMessageBox.critical(None, "Mutual Aid Journal", str(exc))
        return 1
    window = TermsWindow(journal)
    window.resize(800, 500)
    window.show()
    code = app.exec()
    journal.close()
    return code


__all__ = ["Path", "run_app"]
