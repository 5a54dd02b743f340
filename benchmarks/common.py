"""What every benchmark reports: one row per measured thing, with its median, its p10–p90 spread,
its ratio to a baseline measured in the same run, and the goal it is held to.

Each benchmark module prints its own table, and with `--json PATH` also writes its rows there,
so `python -m benchmarks` can run each one in a clean subprocess and print one combined table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """Median, 10th and 90th percentile (nearest rank; with under ten values, the min and max)."""
    ordered = sorted(values)
    return statistics.median(ordered), ordered[len(ordered) // 10], ordered[-1 - len(ordered) // 10]


@dataclass(frozen=True)
class Row:
    """One measured thing, in `unit` (ms or MB), with what it is compared against and held to."""

    benchmark: str
    what: str
    unit: str
    median: float
    p10: float
    p90: float
    ratio: float | None = None
    goal_ratio: float | None = None
    """Met when `ratio` is at most this."""
    goal_median: float | None = None
    """Met when `median` (in `unit`) is at most this."""
    count: int = 0

    @classmethod
    def of(
        cls,
        benchmark: str,
        what: str,
        values: Sequence[float],
        baseline: Sequence[float] | None = None,
        *,
        unit: str = "ms",
        scale: float = 1000.0,
        goal_ratio: float | None = None,
        goal_median: float | None = None,
    ) -> Row:
        """A row from raw values (seconds, scaled to ms by default), its ratio to `baseline`'s median."""
        median, low, high = spread(values)
        ratio = median / statistics.median(baseline) if baseline else None
        return cls(benchmark, what, unit, median * scale, low * scale, high * scale, ratio,
                   goal_ratio, goal_median, len(values))

    @property
    def goal(self) -> str:
        parts = []
        if self.goal_ratio is not None:
            parts.append(f"≤ {self.goal_ratio:g}×")
        if self.goal_median is not None:
            parts.append(f"≤ {self.goal_median:g} {self.unit}")
        return ", ".join(parts)

    @property
    def met(self) -> bool | None:
        """Whether every goal of the row holds; None when it has no goal (a baseline, or context)."""
        checks = []
        if self.goal_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.goal_ratio)
        if self.goal_median is not None:
            checks.append(self.median <= self.goal_median)
        return all(checks) if checks else None


def _number(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 1000 else f"{value:,.0f}"


def format_table(rows: Sequence[Row], *, with_benchmark: bool = False) -> str:
    """Rows as a plain-text table: median, p10–p90, ratio, goal and whether it was met."""
    width = max([len(row.what) for row in rows] + [4])
    bench_width = max([len(row.benchmark) for row in rows] + [9]) if with_benchmark else 0
    head = f"{'benchmark':<{bench_width}}  " if with_benchmark else ""
    lines = [f"{head}{'what':<{width}}  {'median':>10}  {'p10–p90':>17}  {'ratio':>7}  {'goal':<16} result"]
    for row in rows:
        lead = f"{row.benchmark:<{bench_width}}  " if with_benchmark else ""
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else ""
        met = {True: "met", False: "MISSED", None: ""}[row.met]
        lines.append(
            f"{lead}{row.what:<{width}}  {_number(row.median):>7} {row.unit:<2}  "
            f"{_number(row.p10):>7}–{_number(row.p90):<9}  {ratio:>7}  {row.goal:<16} {met}".rstrip()
        )
    return "\n".join(lines)


def installed_like_env(pycache: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """An environment for a measured subprocess in which Python caches bytecode, under `pycache`.

    A pip-installed meetingkit has its modules compiled at install; a checkout run with
    PYTHONDONTWRITEBYTECODE (as in some development set-ups) compiles every one of them on
    every launch, which would put the compiler into a start-up time. The cache goes to a
    folder of the benchmark's own (PYTHONPYCACHEPREFIX), not beside the sources; run each
    command once, unmeasured, to fill it.
    """
    env = dict(os.environ if base is None else base)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", type=Path, metavar="PATH",
                        help="also write the rows to PATH (for python -m benchmarks)")


def report(rows: Sequence[Row], json_path: Path | None) -> None:
    """Print the rows as a table and, if asked, write them as JSON for the combined run."""
    print(format_table(rows))
    if json_path is not None:
        json_path.write_text(json.dumps([asdict(row) for row in rows], indent=1), encoding="utf-8")


def read_rows(path: Path) -> list[Row]:
    return [Row(**fields) for fields in json.loads(path.read_text(encoding="utf-8"))]
