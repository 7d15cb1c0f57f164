"""The managing dialogs opened from the menus: terms, profile, custom criteria, the trash,
and restoring a backup.
"""
