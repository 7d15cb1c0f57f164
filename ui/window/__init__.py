"""The main window around the views: menus and their actions, the signal hub that wires
the panes together, the theme, and plain-text message boxes.
"""
