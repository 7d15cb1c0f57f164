"""The panel beside the chart: level and why, shift, model shares, most-ticked criteria, totals per level."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from journal.records.framework import Framework
from journal.scoring.explain import LEVEL_NAMES, number_text, position_sentence, shift_sentence
from journal.scoring.position import LEVELS
from journal.scoring.stats import TermStats
from ui.spectrum.why_here import level_name, why_here

TOP_CRITERIA_SHOWN = 5
SHARE_STEPS = 1000


def plain_label(text: str = "", *, accessible: str = "") -> QLabel:
    """A wrapping label that never reads its text as rich text (it may hold what the student typed)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if accessible:
        label.setAccessibleName(accessible)
    return label


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()  # gone from screen now; deleted when the event loop next runs
            widget.deleteLater()


def _add(layout: QVBoxLayout, widget: QWidget) -> None:
    """Add and show at once: a layout would show it only later, and measure the panel without it meanwhile."""
    layout.addWidget(widget)
    widget.show()


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class SpectrumSummary(QWidget):
    """Text and bars that tell where the term stands and why; rebuilt from ``TermStats``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Term summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)

        self.level_label = plain_label(accessible="Current level")
        heading = QFont(self.level_label.font())
        heading.setPointSizeF(heading.pointSizeF() * 1.6)
        heading.setBold(True)
        self.level_label.setFont(heading)
        self.position_label = plain_label(accessible="Term position")
        self.shift_label = plain_label(accessible="Shift over the term")
        self.why_box, self.why_layout = self._group("Why am I here?", layout)
        self.shares_box, self.shares_layout = self._group("Model shares of your ticks", layout)
        self.criteria_box, self.criteria_layout = self._group("Criteria ticked most often", layout)
        self.totals_box, self.totals_layout = self._group("Hours and activities per level", layout)
        layout.insertWidget(0, self.level_label)
        layout.insertWidget(1, self.position_label)
        layout.insertWidget(2, self.shift_label)
        layout.addStretch(1)

    def _fit_height(self) -> None:
        # A scroll area never asks its widget for the height it needs at a given width, so
        # wrapped labels got squeezed to one clipped line when the panel nearly fitted.
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth() and self.width() > 0:
            self.setMinimumHeight(layout.totalHeightForWidth(self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # labels were replaced: measure again
            self._fit_height()
        return handled

    def _group(self, title: str, outer: QVBoxLayout) -> tuple[QGroupBox, QVBoxLayout]:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        inner = QVBoxLayout(box)
        outer.addWidget(box)
        return box, inner

    def show_stats(self, stats: TermStats, framework: Framework) -> None:
        self.level_label.setText(level_name(stats.position))
        self.level_label.setAccessibleDescription("The level of your term position")
        self.position_label.setText(f"Term position: {position_sentence(stats.position)}")
        self.shift_label.setText(f"Shift: {shift_sentence(stats.shift)}")
        self._fill_why(stats, framework)
        self._fill_shares(stats)
        self._fill_criteria(stats, framework)
        self._fill_totals(stats)
        self._fit_height()

    def _fill_why(self, stats: TermStats, framework: Framework) -> None:
        _clear(self.why_layout)
        for index, part in enumerate(why_here(stats, framework), start=1):
            _add(self.why_layout, plain_label(part.text, accessible=f"Why am I here, part {index}"))
            for item in part.items:
                bullet = plain_label(f"\u2022 {item}", accessible=f"Why am I here, part {index}, item")
                bullet.setIndent(12)
                _add(self.why_layout, bullet)

    def _fill_shares(self, stats: TermStats) -> None:
        _clear(self.shares_layout)
        for model in LEVELS:
            share = stats.shares.get(model)
            percent = "no ticks yet" if share is None else f"{number_text(share * 100)}%"
            name = LEVEL_NAMES[model]
            _add(self.shares_layout, plain_label(f"{name}: {percent}", accessible=f"{name} share"))
            bar = QProgressBar()
            bar.setRange(0, SHARE_STEPS)
            bar.setValue(0 if share is None else round(share * SHARE_STEPS))
            bar.setTextVisible(False)
            bar.setMaximumHeight(8)
            bar.setAccessibleName(f"{name} share bar")
            bar.setAccessibleDescription(f"{name}: {percent} of the criteria ticked this term")
            _add(self.shares_layout, bar)

    def _fill_criteria(self, stats: TermStats, framework: Framework) -> None:
        _clear(self.criteria_layout)
        if not stats.top_criteria:
            _add(self.criteria_layout, plain_label("No criteria ticked yet.", accessible="Most ticked criteria"))
            return
        for rank, (criterion_id, times) in enumerate(stats.top_criteria[:TOP_CRITERIA_SHOWN], start=1):
            criterion = framework.criterion(criterion_id)
            model = framework.model(criterion.model_id).name
            text = f"{_plural(times, 'time', 'times')} \u2022 {model}: {criterion.statement}"
            _add(self.criteria_layout, plain_label(text, accessible=f"Most ticked criterion {rank}"))

    def _fill_totals(self, stats: TermStats) -> None:
        _clear(self.totals_layout)
        names = {**LEVEL_NAMES, "unscored": "Not placed (no criteria ticked)"}
        for key, (hours, count) in stats.level_totals().items():
            if key == "unscored" and count == 0:
                continue
            text = f"{names[key]}: {number_text(hours, 2)} hours, {_plural(count, 'activity', 'activities')}"
            _add(self.totals_layout, plain_label(text, accessible=f"{names[key]} totals"))
