"""One file per schema revision, frozen once released: each holds all the SQL it runs."""
