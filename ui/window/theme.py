"""Light and dark themes: follow the system, or the student's choice (kept in QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel

THEMES = ("system", "light", "dark")
SETTING = "appearance/theme"

_LIGHT = {
    QPalette.ColorRole.Window: "#f6f5f2",
    QPalette.ColorRole.WindowText: "#1f1f1f",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f0eee9",
    QPalette.ColorRole.Text: "#1f1f1f",
    QPalette.ColorRole.Button: "#ecebe7",
    QPalette.ColorRole.ButtonText: "#1f1f1f",
    QPalette.ColorRole.Highlight: "#2f6f5e",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#fffdf5",
    QPalette.ColorRole.ToolTipText: "#1f1f1f",
    QPalette.ColorRole.PlaceholderText: "#7a7a7a",
    QPalette.ColorRole.Link: "#1e5a8a",
}
_DARK = {
    QPalette.ColorRole.Window: "#23252a",
    QPalette.ColorRole.WindowText: "#e8e6e3",
    QPalette.ColorRole.Base: "#1b1c20",
    QPalette.ColorRole.AlternateBase: "#2a2c32",
    QPalette.ColorRole.Text: "#e8e6e3",
    QPalette.ColorRole.Button: "#30333a",
    QPalette.ColorRole.ButtonText: "#e8e6e3",
    QPalette.ColorRole.Highlight: "#4fa58d",
    QPalette.ColorRole.HighlightedText: "#101010",
    QPalette.ColorRole.ToolTipBase: "#30333a",
    QPalette.ColorRole.ToolTipText: "#e8e6e3",
    QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    QPalette.ColorRole.Link: "#8cc4f0",
}

# The text roles of labels (set_role). Each label carries its own small style sheet:
# one style sheet on the whole application made Qt restyle every widget it built,
# about 35 ms of start-up, for rules that only ever matched these labels.
_ROLE_STYLES = {
    "heading": "font-size: 15pt; font-weight: 600;",
    "subheading": "font-weight: 600; margin-top: 8px;",
    "hint": "color: palette(placeholder-text);",
    "error": "color: %(error)s; font-weight: 600;",
    "position": "font-weight: 600; padding: 6px; border: 1px solid palette(mid); border-radius: 4px;",
    "banner": "background: %(banner)s; padding: 6px; border-radius: 4px;",
}
_ROLE_COLOURS = {False: {"error": "#b3261e", "banner": "#fff4cc"}, True: {"error": "#ff8a80", "banner": "#3b3a2a"}}


def saved_theme() -> str:
    value = QSettings().value(SETTING, "system")
    return value if value in THEMES else "system"


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def is_dark(theme: str) -> bool:
    return theme == "dark" or (theme == "system" and system_prefers_dark())


def apply_theme(app: QApplication, theme: str | None = None) -> str:
    """Apply ``theme`` (or the saved one) to the whole app; return the theme applied."""
    theme = theme or saved_theme()
    dark = is_dark(theme)
    palette = QPalette()
    for role, colour in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#6f6f6f" if dark else "#a0a0a0")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    app.setStyle("Fusion")
    app.setPalette(palette)
    for widget in app.allWidgets():  # labels already built take the new theme's colours
        role = widget.property("role")
        if isinstance(widget, QLabel) and role in _ROLE_STYLES:
            set_role(widget, role)
    return theme


def set_role(label: QLabel, role: str) -> None:
    """Style a label as one of the app's text roles: heading, subheading, hint, error, position, banner."""
    palette = QApplication.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    label.setProperty("role", role)
    label.setStyleSheet("QLabel { " + _ROLE_STYLES[role] % _ROLE_COLOURS[dark] + " }")


def save_theme(theme: str) -> None:
    QSettings().setValue(SETTING, theme)


def follow_system_theme(app: QApplication) -> None:
    """Re-apply the theme when the system switches between light and dark, if the student chose 'system'."""

    def changed(_scheme: Qt.ColorScheme) -> None:
        if saved_theme() == "system":
            apply_theme(app, "system")

    QGuiApplication.styleHints().colorSchemeChanged.connect(changed)
