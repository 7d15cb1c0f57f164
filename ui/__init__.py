"""The Qt desktop app. Reads and writes the journal only through ``journal``'s public API."""
