"""Moving a journal in and out: activities as CSV, a whole journal as JSON (SPEC 6),
validated row by row and written all or nothing.
"""
