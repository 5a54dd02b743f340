"""Soak scripts: long, randomised runs of real meetingkit processes that prove the data rules hold.

Each is a module run from the repository root (`python -m soak.crash`, `python -m soak.writers`);
the test suite runs the same code for a few seeded rounds. They print a summary and exit 1 on any
loss, so they can gate a release.
"""
