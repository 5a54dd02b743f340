"""A few rounds of the crash soak (`python -m soak.crash`): real captures and a real TUI, SIGKILLed at
seeded random moments, and nothing that was acknowledged is lost or damaged."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from soak.crash import run_soak

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL and a pseudo-terminal")

SEED = 20261124
"""Five trials with this seed: three with the TUI, killings one by one and all at once."""


def test_sigkilled_captures_and_tui_lose_nothing_acknowledged(tmp_path: Path) -> None:
    summary = run_soak(5, SEED, folder=tmp_path, log=None)

    assert summary.missing == []
    assert summary.integrity_failures == []
    assert summary.errors == []
    # The trials really did both: some captures were acknowledged, others killed before their id.
    assert summary.acknowledged > 0 and summary.killed > 0
    assert summary.tui_sessions > 0
