"""What a meeting's join code is made of and how people read and type it: pure, so the store
that makes codes, the console that shows one big and the participant page that takes one
typed all agree without the screens importing the store."""

from __future__ import annotations

JOIN_CODE_ALPHABET = "ACEFHJLPUX23479"
"""Fifteen characters with no look-alikes among them (none of 0/O/D, 1/I, 5/S, 6/E/G, 8/B, 2/Z
pairs), each drawn distinctly by the projection's large font: easy to read off a wall, easy
to type on a phone. Six of them make 11 million codes, and wrong ones are slowed down."""

JOIN_CODE_LENGTH = 6


def normalise_code(typed: str) -> str:
    """A typed code as stored: case, spaces and hyphens do not matter ("acf 234" is "ACF234")."""
    return "".join(char for char in typed.upper() if not char.isspace() and char not in "-_.")


def format_code(code: str) -> str:
    """A code as people read it: two groups of three ("ACF 234")."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"
