"""Messages that travel between the app and its screens."""

from textual.message import Message


class DatabaseChanged(Message):
    """Another process committed to the database; the screen should reload what it shows."""
