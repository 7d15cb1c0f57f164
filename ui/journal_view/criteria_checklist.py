"""The criteria checklist: every statement in full, grouped by model, with its source on hover."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from journal.records.framework import Framework
from ui.window.theme import set_role


class CriteriaChecklist(QWidget):
    """Check boxes for the visible criteria; hidden ones show only while ticked."""

    changed = Signal()

    def __init__(self, framework: Framework, hidden: frozenset[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._boxes: dict[str, QCheckBox] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.rebuild(framework, hidden)

    def rebuild(self, framework: Framework, hidden: frozenset[str]) -> None:
        ticked = self.ticked()
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self._boxes = {}
        self._hidden = hidden
        for model in framework.models:
            group = QGroupBox(f"{model.name} (position {model.position})")
            group.setAccessibleName(f"{model.name} criteria")
            group.setToolTip(html.escape(model.summary))
            box_layout = QVBoxLayout(group)
            summary = QLabel(model.summary)
            summary.setTextFormat(Qt.TextFormat.PlainText)
            summary.setWordWrap(True)
            set_role(summary, "hint")
            box_layout.addWidget(summary)
            for criterion in framework.criteria_of(model.id):
                row = _CriterionRow(criterion.statement, criterion.source or "Your own criterion.")
                row.box.setObjectName(criterion.id)
                row.box.setAccessibleName(f"{model.name}: {criterion.statement}")
                row.box.toggled.connect(self.changed)
                self._boxes[criterion.id] = row.box
                box_layout.addWidget(row)
            self._layout.addWidget(group)
        self.set_ticked(ticked)

    def ticked(self) -> tuple[str, ...]:
        return tuple(sorted(cid for cid, box in self._boxes.items() if box.isChecked()))

    def set_ticked(self, criteria: tuple[str, ...] | list[str]) -> None:
        wanted = set(criteria)
        for cid, box in self._boxes.items():
            box.blockSignals(True)
            box.setChecked(cid in wanted)
            box.blockSignals(False)
            # a hidden criterion stays visible on an activity that has it ticked
            box.parentWidget().setVisible(cid not in self._hidden or cid in wanted)  # type: ignore[union-attr]

    def boxes(self) -> list[QCheckBox]:
        """The check boxes in the order they are shown."""
        return list(self._boxes.values())

    def box(self, criterion_id: str) -> QCheckBox:
        return self._boxes[criterion_id]


class _CriterionRow(QWidget):
    """A check box with its statement in a wrapping label beside it (a check box's own text never wraps)."""

    def __init__(self, statement: str, source: str) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        self.box = QCheckBox()
        tooltip = f"<p>{html.escape(statement)}</p><p><i>Source:</i> {html.escape(source)}</p>"
        self.box.setToolTip(tooltip)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        label = _ClickLabel(statement, self.box)
        label.setToolTip(tooltip)
        layout.addWidget(label, 1)


class _ClickLabel(QLabel):
    """The statement beside a check box; clicking it toggles the box, as a check box's own text would."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setBuddy(box)
        self._box = box

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._box.toggle()
        super().mouseReleaseEvent(event)
