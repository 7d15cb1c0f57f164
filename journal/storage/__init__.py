"""The journal file: opening and upgrading it (SQLite settings, schema, migrations),
backups, crash-safe writes, the one-writer lock, and where every file lives.
"""
