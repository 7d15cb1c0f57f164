"""The Qt desktop app: start-up, the main window, the Journal, Spectrum and Report views, the
dialogs. Reads and writes the journal only through ``journal``.
"""
