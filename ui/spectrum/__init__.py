"""The Spectrum view: where the student's mutual aid sits, week by week, and why."""
