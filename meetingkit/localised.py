"""Key labels in the interface's language.

A Textual class's `BINDINGS` are read once, when the class is made (as its module is
imported), and each instance copies them as it is built. Their descriptions are therefore
marked with `N_` and translated here, per instance, as the screen or widget is built: a
language chosen after the import (at first start, or in a test) is the one its keys show,
in the footer, in `?` and in the palette.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding
from textual.dom import DOMNode

from meetingkit.core.i18n import _

_WRITTEN = "_meetingkit_written_keys"
"""Where a node keeps its keys as written (in English), to translate again after a change of language."""


def localise_bindings(node: DOMNode) -> None:
    """Translate the descriptions and tooltips of `node`'s own copy of its keys."""
    # Textual keeps a node's keys in `_bindings` (a copy of its class's); there is no public way
    # to give an instance its own descriptions.
    bindings = node._bindings
    written = getattr(node, _WRITTEN, None)
    if written is None:
        written = dict(bindings.key_to_bindings)
        setattr(node, _WRITTEN, written)
    bindings.key_to_bindings = {
        key: [replace(binding, description=_(binding.description) if binding.description else "",
                      tooltip=_(binding.tooltip) if binding.tooltip else "")
              for binding in key_bindings]
        for key, key_bindings in written.items()
    }


def written_description(node: DOMNode, binding: Binding) -> str:
    """`binding`'s description as it was written (in English), before it was translated for `node`."""
    for written in getattr(node, _WRITTEN, {}).get(binding.key, []):
        if written.action == binding.action:
            return written.description
    return binding.description


class Localised:
    """A screen, widget or app whose keys read in the interface's language (first among its bases)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert isinstance(self, DOMNode), "Localised goes on a Textual screen, widget or app"
        localise_bindings(self)
