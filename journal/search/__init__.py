"""Finding activities: search, filters and sorting in SQL over the full-text index,
a page at a time.
"""
