"""Starting the app and drawing headless: opening the journal (its lock and first checks),
first-start onboarding, logging, fonts, and the day's backup.
"""
