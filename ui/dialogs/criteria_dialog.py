"""Custom criteria: add one to a model, hide a shipped one, delete only what no activity uses."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal.errors import InvalidInput, JournalError
from journal.records.activities import criteria_in_use
from journal.records.custom_criteria import delete_custom_criterion
from journal.storage.journal_file import Journal
from ui.editing.form_fields import FieldError, with_error
from ui.editing.undo_commands import AddCustomCriterion, HideCriterion, perform
from ui.window.events import JournalEvents


class CriteriaDialog(QDialog):
    def __init__(
        self, journal: Journal, events: JournalEvents, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._journal, self._events, self._undo = journal, events, undo_stack
        self.setWindowTitle("Criteria")
        self.setMinimumSize(760, 520)
        hint = QLabel(
            "Untick a criterion to hide it from the checklist. Add your own below; "
            "a criterion ticked on any activity can be hidden but not deleted."
        )
        hint.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Criteria by model")
        self.tree.setHeaderLabels(["Statement (ticked = shown in the checklist)", "Used on", "Kind"])
        self.tree.setColumnWidth(0, 520)
        self.tree.itemChanged.connect(self._toggled)
        self.delete_button = QPushButton("&Delete my criterion")
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_error = FieldError("delete")

        self.model_combo = QComboBox()
        self.model_combo.setAccessibleName("Model of the new criterion")
        for model in journal.framework.models:
            self.model_combo.addItem(model.name, model.id)
        self.statement = QLineEdit(placeholderText="A statement you can answer yes or no for one activity")
        self.statement.setAccessibleName("Statement of the new criterion")
        self.source = QLineEdit(placeholderText="Where the idea comes from (optional)")
        self.source.setAccessibleName("Source of the new criterion")
        self.errors = {k: FieldError(k) for k in ("model", "statement", "source")}
        self.add_button = QPushButton("&Add criterion")
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow("&Model", self.model_combo)
        form.addRow("&Statement", with_error(self.statement, self.errors["statement"]))
        form.addRow("S&ource", with_error(self.source, self.errors["source"]))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.delete_error, 1)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        used = criteria_in_use(self._journal)
        framework, hidden = self._journal.framework, self._journal.hidden
        for model in framework.models:
            parent = QTreeWidgetItem([model.name, "", ""])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(parent)
            for criterion in framework.criteria_of(model.id):
                item = QTreeWidgetItem([criterion.statement, "yes" if criterion.id in used else "", ""])
                item.setText(2, "yours" if criterion.custom else "shipped")
                item.setData(0, Qt.ItemDataRole.UserRole, criterion.id)
                item.setToolTip(0, html.escape(criterion.source or criterion.statement))
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(0, Qt.CheckState.Unchecked if criterion.id in hidden else Qt.CheckState.Checked)
                parent.addChild(item)
            parent.setExpanded(True)
        self.tree.blockSignals(False)

    def _toggled(self, item: QTreeWidgetItem, column: int) -> None:
        criterion_id = item.data(0, Qt.ItemDataRole.UserRole)
        if column != 0 or criterion_id is None:
            return
        hidden = item.checkState(0) == Qt.CheckState.Unchecked
        try:
            perform(self._undo, HideCriterion(self._journal, self._events, criterion_id, hidden))
        except JournalError as exc:
            self.delete_error.show_problem(str(exc))
            self.refresh()

    def add(self) -> bool:
        values = (self.model_combo.currentData(), self.statement.text(), self.source.text())
        try:
            perform(self._undo, AddCustomCriterion(self._journal, self._events, *values))
        except InvalidInput as exc:
            for key, error in self.errors.items():
                error.show_problem(exc.problems.get(key))
            return False
        except JournalError as exc:
            self.errors["statement"].show_problem(str(exc))
            return False
        for error in self.errors.values():
            error.show_problem(None)
        self.statement.clear()
        self.source.clear()
        self.refresh()
        return True

    def delete_selected(self) -> None:
        item = self.tree.currentItem()
        criterion_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if criterion_id is None:
            self.delete_error.show_problem("Choose one of your own criteria first.")
            return
        try:
            delete_custom_criterion(self._journal, criterion_id)
        except InvalidInput as exc:
            self.delete_error.show_problem(" ".join(exc.problems.values()))
            return
        self.delete_error.show_problem(None)
        self._events.criteria_changed.emit()
        self.refresh()
