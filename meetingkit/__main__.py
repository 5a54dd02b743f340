"""Lets `python -m meetingkit` behave exactly like the `meetingkit` command."""

import sys

from meetingkit.cli import main

if __name__ == "__main__":
    sys.exit(main())
