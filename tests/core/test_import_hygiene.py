"""The rules and the data layer must work without a terminal: no Textual below the UI."""

import subprocess
import sys

import pytest

PROBE = """
import importlib, pkgutil, sys
import meetingkit.core, meetingkit.store
for package in (meetingkit.core, meetingkit.store):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
import {extra}
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
print(",".join(loaded))
"""


@pytest.mark.parametrize("extra", ["meetingkit.core", "meetingkit.cli", "meetingkit.context"])
def test_core_store_and_cli_do_not_import_textual(extra: str) -> None:
    """Importing every module of core/ and store/ (and the CLI) loads no part of Textual."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(extra=extra)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_the_probe_would_notice_textual() -> None:
    """The check above can fail: importing the UI does load Textual."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(extra="meetingkit.ui.app")], capture_output=True, text=True, check=True
    )
    assert "textual" in result.stdout.split(",")
