"""The journal's schema history as Alembic migrations, one self-contained file per revision
(versions/), and the environment Alembic runs them in.
"""
