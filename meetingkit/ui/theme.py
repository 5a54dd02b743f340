"""The projector theme: pure black and white with one strong accent.

Projectors wash out mid-tones and dark blues; a plain high-contrast palette stays
legible from the back of a room even with the lights on.
"""

from textual.theme import Theme

PROJECTOR_THEME = Theme(
    name="meetingkit-projector",
    primary="#FFD500",
    secondary="#FFFFFF",
    accent="#FFD500",
    warning="#FF8C00",
    error="#FF4040",
    success="#40FF80",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=1.0,
)

ROOM_THEME = "textual-dark"
"""The facilitator's everyday theme."""
