"""First start: the three models in a few friendly words, then the current term and (optionally) a profile."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal.clock import today
from journal.errors import InvalidInput
from journal.records.profile import ProfileInfo, get_profile, save_profile
from journal.records.terms import TermInfo, add_term, term_for_day
from journal.storage.journal_file import Journal
from ui.editing.form_fields import FieldError, with_error
from ui.window.theme import set_role

INTRODUCTION = """
<h2>Welcome to Mutual Aid Journal</h2>
<p>Each week you will log the mutual aid you take part in, tick the statements that describe it,
and reflect on it. The journal places each activity on a spectrum from <b>charity</b> to
<b>solidarity</b>, using the three models of Mould, Cole, Badger &amp; Brown (2022),
<i>Solidarity, not charity</i>:</p>
<table cellpadding="6">
<tr><td><b>Charity</b> (0)</td><td>Better-off volunteers give to people in need. Help flows one way,
and the reasons for the need stay untouched.<br><i>Example: you give tins to a food drive.</i></td></tr>
<tr><td><b>Contributory</b> (50)</td><td>People in need take part and help themselves with the
community's own resources, within the system as it is.<br><i>Example: you organise a food drive
with your neighbours, who also give and share.</i></td></tr>
<tr><td><b>Radical</b> (100)</td><td>People act together on the root causes of need and change
the conditions that create it.<br><i>Example: you ask why people in your area are hungry, and
organise with them for better wages and lower rents.</i></td></tr>
</table>
<p>None of these is a grade. The journal shows where your practice sits and how it moves over the
semester, and explains why. Everything stays on this computer.</p>
"""


def semester_guess(day: date) -> tuple[str, date, date]:
    """A sensible default term around ``day``: Spring (Jan-May), Summer (Jun-Aug) or Fall (Sep-Dec)."""
    if day.month <= 5:
        return f"Spring {day.year}", date(day.year, 1, 12), date(day.year, 5, 8)
    if day.month <= 8:
        return f"Summer {day.year}", date(day.year, 6, 1), date(day.year, 8, 14)
    return f"Fall {day.year}", date(day.year, 9, 1), date(day.year, 12, 18)


def _form_page(heading: str, hint: str) -> tuple[QWidget, QFormLayout]:
    """A page of the welcome: a heading, a line that explains it, then the form rows the caller adds."""
    page = QWidget()
    form = QFormLayout(page)
    title = QLabel(heading)
    set_role(title, "heading")
    form.addRow(title)
    explanation = QLabel(hint)
    explanation.setWordWrap(True)
    form.addRow(explanation)
    return page, form


class OnboardingDialog(QDialog):
    """Three pages: the introduction, the current term, the profile. Skippable at every step."""

    def __init__(self, journal: Journal, parent: QWidget | None = None, *, introduction_only: bool = False) -> None:
        super().__init__(parent)
        self._journal = journal
        self.created_term: TermInfo | None = None
        self.setWindowTitle("Welcome to Mutual Aid Journal")
        self.setMinimumSize(640, 520)
        self.pages = QStackedWidget()

        intro = QLabel(INTRODUCTION)
        intro.setTextFormat(Qt.TextFormat.RichText)  # our own text, not the user's
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignTop)
        intro.setAccessibleName("Introduction to the three models of mutual aid")
        self.pages.addWidget(intro)

        name, start, end = semester_guess(today())
        self.term_name = QLineEdit(name)
        self.term_name.setAccessibleName("Term name")
        self.term_start = QDateEdit(
            QDate(start.year, start.month, start.day), calendarPopup=True, displayFormat="yyyy-MM-dd"
        )
        self.term_start.setAccessibleName("Term start date")
        self.term_end = QDateEdit(QDate(end.year, end.month, end.day), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.term_end.setAccessibleName("Term end date")
        self.term_errors = {k: FieldError(k) for k in ("name", "start", "end")}
        term_page, term_form = _form_page(
            "Your current term",
            "A term is the semester you are logging. Activities belong to the term whose dates hold them.",
        )
        term_form.addRow("Term &name", with_error(self.term_name, self.term_errors["name"]))
        term_form.addRow("&Starts", with_error(self.term_start, self.term_errors["start"]))
        term_form.addRow("&Ends", with_error(self.term_end, self.term_errors["end"]))
        self.pages.addWidget(term_page)

        profile = get_profile(journal)
        self.student = QLineEdit(profile.student_name)
        self.course = QLineEdit(profile.course)
        self.instructor = QLineEdit(profile.instructor)
        profile_page, profile_form = _form_page(
            "About you (optional)", "Printed on the title page of your semester report. You can change it later."
        )
        for label, widget in (("Your &name", self.student), ("&Course", self.course), ("&Instructor", self.instructor)):
            widget.setAccessibleName(label.replace("&", ""))
            profile_form.addRow(label, widget)
        self.pages.addWidget(profile_page)

        self.buttons = QDialogButtonBox()
        self.skip_button = QPushButton("S&kip")
        self.next_button = QPushButton("&Next")
        self.next_button.setDefault(True)
        # Return goes on to the next page even after Skip had the focus: a Skip that became the default
        # button would close the dialog on Return and drop the term the student just typed.
        self.skip_button.setAutoDefault(False)
        self.buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.skip_button.clicked.connect(self.reject)
        self.next_button.clicked.connect(self._next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self._last_page = 0 if introduction_only or term_for_day(journal, today()) else 2
        if introduction_only:
            self.skip_button.hide()
        self._update_buttons()

    def _update_buttons(self) -> None:
        last = self.pages.currentIndex() >= self._last_page
        self.next_button.setText("&Start journaling" if last else "&Next")

    def _next(self) -> None:
        page = self.pages.currentIndex()
        if page == 1 and not self._create_term():
            return
        if page == 2:
            save_profile(self._journal, ProfileInfo(self.student.text(), self.course.text(), self.instructor.text()))
        if page >= self._last_page:
            self.accept()
            return
        self.pages.setCurrentIndex(page + 1)
        self._update_buttons()

    def _create_term(self) -> bool:
        start, end = self.term_start.date(), self.term_end.date()
        try:
            self.created_term = add_term(
                self._journal,
                self.term_name.text(),
                date(start.year(), start.month(), start.day()),
                date(end.year(), end.month(), end.day()),
            )
        except InvalidInput as exc:
            for key, error in self.term_errors.items():
                error.show_problem(exc.problems.get(key))
            return False
        return True
