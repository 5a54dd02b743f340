"""The issue's concurrency bar (`python -m soak.writers`): 8 processes capturing 200 items each into one
meeting give 1,600 rows, with no error surfaced and no "database is locked"."""

from __future__ import annotations

from pathlib import Path

from soak.writers import run_writers


def test_eight_processes_capturing_200_items_each_give_1600_rows_and_no_error(tmp_path: Path) -> None:
    result = run_writers(8, 200, tmp_path)

    assert result.problems == []  # each process exited 0 with nothing on stderr; every id found
    assert sum(result.rows.values()) == 1600
    assert set(result.rows.values()) == {320}
    assert result.terms == 10
