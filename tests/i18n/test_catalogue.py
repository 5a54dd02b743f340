"""The French catalogue stays complete: every marked message extracted, translated, placeholders kept.

`python -m tools.catalogue --check` says the same from the command line; after marking new
messages, `python -m tools.catalogue` adds them to the catalogue for translating.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.dom import DOMNode

import meetingkit
from meetingkit.core.i18n import _, ngettext, speaking
from tools import catalogue

PACKAGE = Path(meetingkit.__file__).parent
MARKERS = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2}
"""Each marker and how many of its first arguments are message text."""
TRANSLATING = {"_", "ngettext", "pgettext"}
"""The markers that translate when called (N_ only marks)."""


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', '?')}"


def _marker(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS:
        return node.func.id
    return None


def test_the_catalogue_translates_every_marked_message_into_french() -> None:
    problems = list(catalogue.problems())
    assert problems == [], "\n".join(problems[:40]) + (f"\n… and {len(problems) - 40} more" if len(problems) > 40 else "")


def test_every_marked_message_is_a_literal_that_extraction_can_find() -> None:
    """`_(f"...")`, `_(name)` or `_("a" + b)` cannot be extracted: the message would never be translated."""
    found = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            marker = _marker(node)
            if marker is None:
                continue
            assert isinstance(node, ast.Call)
            texts = node.args[: MARKERS[marker]]
            if marker == "pgettext":
                texts = node.args[:2]
            if len(texts) < MARKERS[marker] or not all(
                isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in texts
            ):
                found.append(f"{_where(path, node)}: {marker}(...) needs literal message text")
    # The one place that translates what it is given: a key label marked with N_ where it was written.
    allowed = {"meetingkit/localised.py", "meetingkit/cli/argparse_words.py"}
    found = [line for line in found if line.split(":")[0] not in allowed]
    assert found == []


def test_every_literal_marked_in_the_code_reaches_the_catalogue() -> None:
    """Extraction misses a marker it cannot see as one (inside an f-string's braces, say):
    every literal message found in the code must be one the extraction found."""
    extracted = {message.id if isinstance(message.id, str) else message.id[0] for message in catalogue.extracted()}
    missed = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if _marker(node):
                assert isinstance(node, ast.Call)
                texts = node.args[1:2] if _marker(node) == "pgettext" else node.args[:1]
                for arg in texts:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value not in extracted:
                        missed.append(f"{_where(path, node)}: {arg.value!r}")
    assert missed == [], "write the message outside the f-string: " + "; ".join(missed)


def test_placeholders_are_named_so_a_translation_can_reorder_them() -> None:
    found = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if _marker(node):
                assert isinstance(node, ast.Call)
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and (
                        "{}" in arg.value or any(f"{{{digit}" in arg.value for digit in "0123456789")
                    ):
                        found.append(f"{_where(path, node)}: {arg.value!r}")
    assert found == []


def test_nothing_is_translated_as_a_module_or_class_is_made() -> None:
    """A message translated at import time stays in the language of that moment; mark it with N_."""
    found = []

    def visit(node: ast.AST, path: Path) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                for default in [*child.args.defaults, *child.args.kw_defaults]:
                    if default is not None:
                        visit(ast.Expression(default), path)
                continue
            marker = _marker(child)
            if marker in TRANSLATING:
                found.append(f"{_where(path, child)}: {marker}(...) runs at import time")
            visit(child, path)

    for path, tree in _sources():
        visit(tree, path)
    assert found == []


def _textual_classes() -> Iterator[type[DOMNode]]:
    for info in pkgutil.walk_packages([str(PACKAGE)], "meetingkit."):
        if info.name.startswith(("meetingkit.ui", "meetingkit.participant")):
            try:
                module = importlib.import_module(info.name)
            except ImportError:  # an optional extra (serve) not installed
                continue
            for _name, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, DOMNode) and value.__module__ == module.__name__:
                    yield value


def test_every_screen_and_widget_with_keys_shows_them_in_the_interface_language() -> None:
    from meetingkit.localised import Localised

    found = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _textual_classes()
        if any(getattr(b, "description", "") for b in cls.__dict__.get("BINDINGS", []))
        and not issubclass(cls, Localised)
    ]
    assert found == [], "add Localised as the first base of each"


def test_french_plurals_count_zero_and_one_as_one() -> None:
    with speaking("fr"):
        # "expected %s argument" is argparse's, always in the catalogue
        assert ngettext("expected %s argument", "expected %s arguments", 0) == ngettext(
            "expected %s argument", "expected %s arguments", 1)
        assert ngettext("expected %s argument", "expected %s arguments", 2) != ngettext(
            "expected %s argument", "expected %s arguments", 1)
    assert ngettext("expected %s argument", "expected %s arguments", 0) == "expected %s arguments"


@pytest.mark.parametrize("message", ["usage: ", "positional arguments", "show this help message and exit"])
def test_a_message_reads_in_french_only_inside_speaking(message: str) -> None:
    with speaking("fr"):
        french = _(message)
    assert french != message
    assert _(message) == message
