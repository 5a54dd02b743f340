"""Participants on the LAN: people in the room add to the live boards from their own browser.

`meetingkit serve` (`serve.py`) runs textual-serve, which starts one participant app
(`app.py`) per browser connection, each its own process on the same database file. A
participant joins with the code the facilitator shows (`invite.py`), and the app then
works only through a `RoomSession` (`session.py`), which can reach nothing but that one
meeting's boards as the room sees them.
"""
