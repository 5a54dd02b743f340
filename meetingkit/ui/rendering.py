"""Turning a renderer's runs (`core/lines.py`) into Textual `Content`: styling only, never deciding."""

from __future__ import annotations

from textual.content import Content

from meetingkit.core.lines import Rendered


def content(rendered: Rendered | None) -> Content:
    """The runs as `Content` (user text is never parsed as markup); nothing for an item not shown."""
    return Content.assemble(*rendered.runs) if rendered is not None else Content("")
