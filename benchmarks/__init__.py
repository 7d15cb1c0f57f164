"""Measured, not asserted: how fast and how large the app is on generated journals of 200 to 10,000 activities."""
