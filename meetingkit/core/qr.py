"""A QR code drawn with text: the join address as a phone's camera reads it off a terminal.

segno encodes the address (the error correction and masking of QR codes are not code to write
by hand); this module only draws segno's module matrix with half blocks, two modules to a
row of text, inside the quiet zone of light modules a reader needs around the symbol. Drawn
as dark characters on a light background, which the screen showing it must force (black on
white): a terminal's own colours may be light on dark, which many phones cannot read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import segno

QUIET_ZONE = 4
"""Light modules on every side of the symbol, as the QR standard requires."""

HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
"""The character for a cell of text holding two modules (upper, lower), True where a module is dark."""


@dataclass(frozen=True)
class QrDrawing:
    """A QR code as rows of text: dark modules are the characters' ink, light ones the background."""

    rows: tuple[str, ...]
    version: int
    """The symbol's version (1 to 40): the smallest that holds the text."""
    error: str
    """Its error correction level (L, M, Q or H): the highest that still fits that version."""

    @property
    def width(self) -> int:
        """Columns of text it takes (one per module, quiet zone included)."""
        return len(self.rows[0]) if self.rows else 0

    @property
    def height(self) -> int:
        """Rows of text it takes (two modules each)."""
        return len(self.rows)

    def fits(self, width: int, height: int) -> bool:
        """Whether it can be drawn whole in a space this large (a QR code cut short cannot be read)."""
        return self.width <= width and self.height <= height


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The symbol's modules, True where dark, without its quiet zone: the smallest QR code for `text`.

    The smallest version at the lowest error correction level, then the highest level
    that version still holds (more of it can be smudged or glared and still read).
    """
    return tuple(tuple(bool(module) for module in row) for row in _encode(text).matrix)


def draw_qr(text: str, quiet_zone: int = QUIET_ZONE, scale: int = 1) -> QrDrawing:
    """The QR code of `text` as rows of half blocks, with `quiet_zone` light modules all round;
    each module `scale` columns wide and `scale` half rows tall (larger, for the back of a room)."""
    symbol = _encode(text)
    matrix = qr_matrix(text)
    if scale > 1:
        matrix = tuple(
            tuple(module for module in row for _ in range(scale)) for row in matrix for _ in range(scale)
        )
    return QrDrawing(draw_matrix(matrix, quiet_zone * scale), int(symbol.version), str(symbol.error).upper())


def draw_matrix(matrix: Sequence[Sequence[bool]], quiet_zone: int = QUIET_ZONE) -> tuple[str, ...]:
    """Rows of half blocks for a square module matrix, `quiet_zone` light modules round it.

    An odd number of module rows leaves the last row of text half empty: its lower half is
    light, which only adds to the quiet zone.
    """
    size = len(matrix) + 2 * quiet_zone
    light = (False,) * size
    padded = [light] * quiet_zone + [
        (False,) * quiet_zone + tuple(row) + (False,) * quiet_zone for row in matrix
    ]
    padded += [light] * quiet_zone
    if len(padded) % 2:
        padded.append(light)
    return tuple(
        "".join(HALF_BLOCKS[upper, lower] for upper, lower in zip(padded[top], padded[top + 1], strict=True))
        for top in range(0, len(padded), 2)
    )


def _encode(text: str) -> segno.QRCode:
    return segno.make_qr(text, error="L", boost_error=True)
