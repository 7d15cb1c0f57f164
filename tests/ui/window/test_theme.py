"""Themes: labels keep their text roles in light and dark, without a style sheet on the whole application."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from ui.editing.form_fields import FieldError
from ui.window.theme import apply_theme, set_role


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_theme(qapp, "light")


def text_colour(label: QLabel) -> str:
    label.ensurePolished()
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_the_application_carries_no_style_sheet(app: QApplication) -> None:
    """One on the whole application made Qt restyle every widget it built: a tenth of start-up."""
    apply_theme(app, "dark")
    assert app.styleSheet() == ""


def test_a_heading_is_larger_and_bolder_than_plain_text(app: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    apply_theme(app, "light")
    plain, heading = QLabel("Plain"), QLabel("Heading")
    set_role(heading, "heading")
    for label in (plain, heading):
        qtbot.addWidget(label)
        label.ensurePolished()
    assert heading.font().pointSizeF() == 15 > plain.font().pointSizeF()
    assert heading.font().weight() > plain.font().weight()
    assert heading.property("role") == "heading"


def test_labels_built_before_a_theme_change_take_its_colours(app: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    apply_theme(app, "light")
    error = FieldError("Title")
    hint = QLabel("A hint")
    set_role(hint, "hint")
    qtbot.addWidget(error)
    qtbot.addWidget(hint)
    assert text_colour(error) == "#b3261e"
    assert text_colour(hint) == "#7a7a7a"  # the light palette's placeholder text
    apply_theme(app, "dark")
    assert text_colour(error) == "#ff8a80"
    assert text_colour(hint) == "#9a9a9a"
