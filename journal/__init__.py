"""The journal itself, in plain Python (never the desktop app or Qt widgets): the storage, records,
search, scoring, transfer and report packages, and cli.py, the command line on top of them.
"""

__version__ = "0.1.0"
