"""The block-digit timer now lives in `ui/widgets/big_timer.py`, shared by the wall and the projected console.

Kept so the wall screen's import still works; new code imports from `meetingkit.ui.widgets.big_timer`.
"""

from meetingkit.ui.widgets.big_timer import BigTimer, draw, face, scale_for

__all__ = ["BigTimer", "draw", "face", "scale_for"]
