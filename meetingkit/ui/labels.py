"""Words the screens show for stored codes, kept apart so any screen can use them without
importing another screen. (A meeting type's label is `core.models.type_label`.)"""

KIND_WORDS = {
    "new_understanding": "new understanding",
    "apology": "apology",
    "concession": "concession",
    "kind_word": "kind word",
    "other": "other",
}
"""A turning point's kind, as people say it."""
