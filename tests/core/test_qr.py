"""The join address's QR code as text: segno's modules drawn two to a row, inside the quiet zone."""

from __future__ import annotations

import segno

from meetingkit.core.qr import HALF_BLOCKS, QUIET_ZONE, draw_matrix, draw_qr, qr_matrix

ADDRESS = "http://192.168.1.20:8000"


def modules_drawn(rows: tuple[str, ...]) -> list[list[bool]]:
    """Read the drawing back into modules, True where dark: two per character, upper then lower."""
    halves = {char: pair for pair, char in HALF_BLOCKS.items()}
    modules: list[list[bool]] = []
    for row in rows:
        pairs = [halves[char] for char in row]
        modules.append([upper for upper, _ in pairs])
        modules.append([lower for _, lower in pairs])
    return modules


def test_every_module_drawn_is_segnos() -> None:
    """The symbol in the middle of the drawing is segno's matrix, module for module."""
    drawing = draw_qr(ADDRESS)
    symbol = segno.make_qr(ADDRESS, error="L", boost_error=True)
    expected = [[bool(module) for module in row] for row in symbol.matrix]
    drawn = modules_drawn(drawing.rows)
    size = len(expected)
    assert [row[QUIET_ZONE : QUIET_ZONE + size] for row in drawn[QUIET_ZONE : QUIET_ZONE + size]] == expected
    # Version 2, the smallest at level L, whose error correction is then raised to M as that still fits.
    assert (drawing.version, drawing.error) == (symbol.version, "M")


def test_the_quiet_zone_is_light_all_round() -> None:
    """Four light modules on every side (and the half row that an odd size leaves, light too)."""
    drawing = draw_qr(ADDRESS)
    size = len(qr_matrix(ADDRESS))
    assert size == 25  # version 2
    assert drawing.width == size + 2 * QUIET_ZONE == 33
    assert drawing.height == 17  # 33 modules, two to a row: the last row's lower half is extra quiet zone
    assert all(len(row) == drawing.width for row in drawing.rows)
    drawn = modules_drawn(drawing.rows)
    for index, row in enumerate(drawn):
        inside = QUIET_ZONE <= index < QUIET_ZONE + size
        assert not any(row[:QUIET_ZONE]) and not any(row[QUIET_ZONE + size :])
        if not inside:
            assert not any(row), index
    # The finder pattern's dark corner sits right after the quiet zone.
    assert drawn[QUIET_ZONE][QUIET_ZONE] and not drawn[QUIET_ZONE - 1][QUIET_ZONE]


def test_the_smallest_symbol_that_holds_the_address() -> None:
    """A short address is version 2 (33 columns, 17 rows with its quiet zone: it fits at 80×24);
    a longer one grows only as much as it has to."""
    assert (
        draw_qr(ADDRESS).fits(33, 17)
        and not draw_qr(ADDRESS).fits(32, 17)
        and not draw_qr(ADDRESS).fits(33, 16)
    )
    longer = draw_qr("http://[fd12:3456:789a:1::1]:8000")
    assert longer.version == 3 and (longer.width, longer.height) == (37, 19)


def test_half_blocks() -> None:
    """Upper module dark: ▀; lower: ▄; both: █; neither: a space; an odd row count ends with a light half."""
    assert draw_matrix([[True, False], [False, True]], quiet_zone=0) == ("▀▄",)
    assert draw_matrix([[True, True], [False, False]], quiet_zone=0) == ("▀▀",)
    assert draw_matrix([[True, True], [True, True]], quiet_zone=0) == ("██",)
    assert draw_matrix([[True]], quiet_zone=1) == (" ▄ ", "   ")


def test_a_larger_code_for_the_back_of_the_room() -> None:
    """At scale 2 each module is two columns by one row (two half rows), the quiet zone grown with it."""
    small, large = draw_qr(ADDRESS), draw_qr(ADDRESS, scale=2)
    assert (large.width, large.height) == (66, 33)
    drawn = modules_drawn(large.rows)[:66]
    assert drawn == [
        [module for module in row for _ in range(2)]
        for row in modules_drawn(small.rows)[:33]
        for _ in range(2)
    ]
