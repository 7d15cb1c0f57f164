"""Pieces every editor shares: when typing is saved, the prose box, form fields that keep
the cursor where it is, and the named undo steps.
"""
