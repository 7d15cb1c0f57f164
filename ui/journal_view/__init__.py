"""The Journal view: the searchable activity list, the activity form with its criteria,
and the week's reflection.
"""
