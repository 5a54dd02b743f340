"""The wall: `meetingkit wall`, the room's read-only, full-screen view of the meeting in progress."""
