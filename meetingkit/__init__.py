"""meetingkit: run and remember cross-agency partnership meetings from the terminal."""

__version__ = "0.1.0"
