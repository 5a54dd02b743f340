"""Words the screens show for stored codes, kept apart so any screen can use them without
importing another screen. (A meeting type's label is `core.models.type_label`; a turning
point's kind, `KIND_WORDS`, lives with the renderers in `core/lines.py`.)"""

from meetingkit.core.lines import KIND_WORDS

__all__ = ["KIND_WORDS"]
