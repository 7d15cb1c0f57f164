"""The journal itself: framework, storage, scoring, import/export and reports.

Plain Python: nothing here imports the desktop app (``ui``) or Qt widgets.
"""

__version__ = "0.1.0"
