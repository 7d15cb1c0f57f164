"""Files the app reads, not code: the framework of models and criteria, the report's templates
and the fonts shipped for every script.
"""
