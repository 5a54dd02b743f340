"""Tools for working on meetingkit itself (not shipped): `python -m tools.catalogue`."""
