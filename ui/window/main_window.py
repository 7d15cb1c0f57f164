"""The main window: three views (Journal, Spectrum, Report), the term in view, menus and shortcuts.

The Spectrum and Report views are built the first time they are shown, so the
charting and report code is not loaded at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMainWindow, QStackedWidget, QToolBar, QWidget

from journal.clock import today
from journal.records.terms import TermInfo, list_terms, term_for_day
from journal.storage.journal_file import Journal
from ui.journal_view.journal_view import JournalView
from ui.window.events import JournalEvents
from ui.window.main_window_actions import MainWindowActions
from ui.window.plain_message import ask
from ui.window.theme import THEMES, apply_theme, save_theme, saved_theme

APP_TITLE = "Mutual Aid Journal"
VIEW_NAMES = ("Journal", "Spectrum", "Report")


class MainWindow(QMainWindow):
    restore_requested = Signal(str)  # a backup's path; the app controller swaps the journal file

    def __init__(self, journal: Journal, events: JournalEvents | None = None) -> None:
        super().__init__()
        self.journal = journal
        self.events = events or JournalEvents(self)
        self.undo_stack = QUndoStack(self)
        self.term: TermInfo | None = None
        self._views: dict[int, QWidget] = {}
        self.setWindowTitle(APP_TITLE)
        self.setMinimumSize(900, 600)

        self.stack = QStackedWidget()
        self.journal_view = JournalView(journal, self.events, self.undo_stack)
        self.stack.addWidget(self.journal_view)
        self._views[0] = self.journal_view
        for _ in VIEW_NAMES[1:]:
            self.stack.addWidget(QWidget())  # filled when first shown
        self.setCentralWidget(self.stack)

        self.term_combo = QComboBox()
        self.term_combo.setAccessibleName("Term in view")
        self.term_combo.setMinimumWidth(200)
        self.term_combo.currentIndexChanged.connect(self._term_chosen)
        self.actions_ = MainWindowActions(self)
        self._build_menus_and_toolbar()
        self.backup_label = QLabel()
        self.backup_label.setAccessibleName("Last backup")
        self.statusBar().addPermanentWidget(self.backup_label)

        self.events.terms_changed.connect(self.refresh_terms)
        self.events.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.events.week_requested.connect(self.open_week)
        self.refresh_terms()
        self._restore_settings()

    # --- building -----------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus_and_toolbar(self) -> None:
        a = self.actions_
        self.new_action = self._action("&New activity", self.new_activity, QKeySequence.StandardKey.New)
        self.find_action = self._action("&Find…", self.find, QKeySequence.StandardKey.Find)
        self.reflection_action = self._action("Weekly &reflection", self.open_reflection, "Ctrl+R")
        # Inside a text box, Ctrl+Z and Ctrl+Shift+Z reach the box first (Qt lets an editor claim its own undo
        # keys), so these undo whole steps: from the menu, or with the focus anywhere else.
        self.undo_action = self._action("&Undo", self.undo, "Ctrl+Z")
        self.redo_action = self._action("&Redo", self.redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_stack.undoTextChanged.connect(lambda text: self._name_step(self.undo_action, "&Undo", text))
        self.undo_stack.redoTextChanged.connect(lambda text: self._name_step(self.redo_action, "&Redo", text))
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self._name_step(self.undo_action, "&Undo", "")
        self._name_step(self.redo_action, "&Redo", "")
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.trash_action = self._action("Move to &trash", self.journal_view.trash_selected)
        self.view_actions = []
        for number, name in enumerate(VIEW_NAMES):
            action = self._action(f"&{name}", lambda n=number: self.show_view(n), f"Ctrl+{number + 1}")
            action.setCheckable(True)
            self.view_actions.append(action)
        group = QActionGroup(self)
        for action in self.view_actions:
            group.addAction(action)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.reflection_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Import activities or a journal…", a.import_file, "Ctrl+I"))
        file_menu.addAction(self._action("&Export data (CSV or JSON)…", a.export_data))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Back up now", a.backup_now))
        file_menu.addAction(self._action("&Restore a backup…", a.restore_backup))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))

        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.trash_action)

        view_menu = menu.addMenu("&View")
        for action in self.view_actions:
            view_menu.addAction(action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        theme_group = QActionGroup(self)
        current = saved_theme()
        self.theme_actions = {}
        for theme in THEMES:
            label = {"system": "Follow the &system", "light": "&Light", "dark": "&Dark"}[theme]
            action = self._action(label, lambda t=theme: self.set_theme(t))
            action.setCheckable(True)
            action.setChecked(theme == current)
            theme_group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[theme] = action

        journal_menu = menu.addMenu("&Journal")
        journal_menu.addAction(self._action("&Terms…", a.manage_terms))
        journal_menu.addAction(self._action("&Profile…", a.edit_profile))
        journal_menu.addAction(self._action("&Criteria…", a.manage_criteria))
        journal_menu.addAction(self._action("T&rash…", a.open_trash))

        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self._action("&Introduction to the three models", a.show_introduction, "F1"))
        help_menu.addAction(self._action("&About Mutual Aid Journal", a.show_about))

        toolbar = QToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        term_label = QLabel(" Term: ")
        term_label.setBuddy(self.term_combo)
        toolbar.addWidget(term_label)
        toolbar.addWidget(self.term_combo)
        toolbar.addSeparator()
        for action in self.view_actions:
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.new_action)
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        self.addToolBar(toolbar)
        self.view_actions[0].setChecked(True)

    # --- terms and views ----------------------------------------------------------------

    def refresh_terms(self) -> None:
        terms = list_terms(self.journal)
        keep = self.term.id if self.term else None
        if keep is None:
            current = term_for_day(self.journal, today())
            keep = current.id if current else (terms[-1].id if terms else None)
        self.term_combo.blockSignals(True)
        self.term_combo.clear()
        for term in terms:
            self.term_combo.addItem(term.name, term)
        if not terms:
            self.term_combo.addItem("No term yet", None)
        index = next((i for i, t in enumerate(terms) if t.id == keep), 0)
        self.term_combo.setCurrentIndex(index)
        self.term_combo.blockSignals(False)
        self._term_chosen()

    def _term_chosen(self) -> None:
        term = self.term_combo.currentData()
        self.term = term if isinstance(term, TermInfo) else None
        # the term first, the app's name last and once: Qt adds the display name only to a title that lacks it
        self.setWindowTitle(f"{self.term.name} — {APP_TITLE}" if self.term else APP_TITLE)
        self.journal_view.set_term(self.term)
        for number, view in self._views.items():
            if number:
                view.set_term(self.term)  # type: ignore[attr-defined]
        if self.term is not None:
            self.events.term_selected.emit(self.term.id)

    def select_term(self, term_id: int) -> None:
        for index in range(self.term_combo.count()):
            term = self.term_combo.itemData(index)
            if isinstance(term, TermInfo) and term.id == term_id:
                self.term_combo.setCurrentIndex(index)

    def _make_view(self, number: int) -> QWidget:
        if number in self._views:
            return self._views[number]
        if number == 1:
            from ui.spectrum.spectrum_view import SpectrumView

            view: QWidget = SpectrumView(self.journal, self.events)
        else:
            from ui.report.report_view import ReportView

            view = ReportView(self.journal, self.events)
        view.set_term(self.term)  # type: ignore[attr-defined]
        placeholder = self.stack.widget(number)
        self.stack.insertWidget(number, view)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self._views[number] = view
        return view

    def show_view(self, number: int) -> None:
        self.journal_view.save_pending()
        view = self._make_view(number)
        self.stack.setCurrentWidget(view)
        self.view_actions[number].setChecked(True)
        view.setFocus()

    def current_view(self) -> int:
        return self.stack.currentIndex()

    def open_week(self, term_id: int, week: int) -> None:
        self.select_term(term_id)
        self.show_view(0)
        if self.term is not None:
            self.journal_view.open_week(self.term, week)

    def new_activity(self) -> None:
        self.show_view(0)
        self.journal_view.new_activity()

    def open_reflection(self) -> None:
        """The weekly reflection of the shown activity's week (this week when none is shown), cursor in What?."""
        self.show_view(0)
        day = self.journal_view.shown_activity_day() or today()
        if self.term is None or not self.term.start <= day <= self.term.end:
            other = term_for_day(self.journal, day)
            if other is not None:
                self.select_term(other.id)
        if self.term is not None:
            self.journal_view.show_reflection(self.term.week_of(day) or 1)

    def find(self) -> None:
        self.show_view(0)
        self.journal_view.focus_search()

    def set_theme(self, theme: str) -> None:
        save_theme(theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        for view in self._views.values():
            refresh = getattr(view, "refresh", None)
            if callable(refresh):
                refresh()

    @staticmethod
    def _name_step(action: QAction, verb: str, step: str) -> None:
        """The menu names the step; the toolbar keeps its short word and names the step in its tooltip."""
        action.setText(f"{verb} {step}" if step else verb)
        action.setIconText(verb.replace("&", ""))
        action.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")

    def undo(self) -> None:
        """Undo the last whole step; typing still waiting for its pause is saved first, as part of it."""
        self._save_pending()
        if self.undo_stack.canUndo():
            self.statusBar().showMessage(f"Undone: {self.undo_stack.undoText()}", 6000)
            self.undo_stack.undo()  # a refused undo replaces the message with its reason

    def redo(self) -> None:
        self._save_pending()
        if self.undo_stack.canRedo():
            self.statusBar().showMessage(f"Redone: {self.undo_stack.redoText()}", 6000)
            self.undo_stack.redo()

    # --- settings -------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = settings.value("window/journal-splitter")
        if isinstance(splitter, QByteArray):
            self.journal_view.splitter.restoreState(splitter)
        view = settings.value("window/view", 0)
        try:
            number = int(view)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            number = 0
        if 0 < number < len(VIEW_NAMES):
            QTimer.singleShot(0, lambda: self.show_view(number))

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/journal-splitter", self.journal_view.splitter.saveState())
        settings.setValue("window/view", self.stack.currentIndex())
        settings.sync()

    def _save_pending(self) -> None:
        for view in self._views.values():
            save = getattr(view, "save_pending", None)
            if callable(save):
                save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_pending()
        found = {view: view.unsaved_drafts() for view in self._views.values() if hasattr(view, "unsaved_drafts")}
        holding = [view for view, lines in found.items() if lines]
        drafts = [line for lines in found.values() for line in lines]
        if drafts:
            question = (
                "Some of what you typed breaks a rule and is not saved in the journal:\n\n"
                + "\n".join(f"• {line}" for line in drafts)
                + "\n\nEverything else is saved. Go back and fix it, or quit without it?"
            )
            if ask(self, "Not everything is saved", question, "Go back and fix it", "Quit without it"):
                event.ignore()
                self.activateWindow()  # the question had the keyboard; the shortcuts come back with the window
                self.show_view(self.stack.indexOf(holding[0]))
                holding[0].show_first_draft()  # type: ignore[attr-defined]
                return
        self.save_settings()
        super().closeEvent(event)
