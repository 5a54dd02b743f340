"""Every bad input on the command line gets one line on stderr and a non-zero exit, never a
traceback, and changes nothing (issue 14, "hostile files, hostile rooms")."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import RunCli

DEEPLY_NESTED = "x = " + "[" * 5000 + "]" * 5000 + "\n"


def _one_line(result_stderr: str) -> str:
    [line] = result_stderr.strip().splitlines()
    assert line.startswith("meetingkit: ") and "Traceback" not in result_stderr
    return line


def test_a_deeply_nested_template_is_skipped_with_one_line_and_hides_no_other(
    tmp_path: Path, db_path: Path, cli: RunCli
) -> None:
    folder = tmp_path / "agendas"
    folder.mkdir()
    (folder / "deep.toml").write_text(DEEPLY_NESTED, "utf-8")
    listed = cli("--agendas", str(folder), "agendas")
    assert listed.returncode == 1
    assert _one_line(listed.stderr) == f"meetingkit: skipped broken template {folder / 'deep.toml'}: is nested too deeply to be a template"
    assert "strategic" in listed.stdout and "reflective-practice" in listed.stdout
    checked = cli("agendas", "check", str(folder / "deep.toml"))
    assert checked.returncode == 1
    assert "nested too deeply" in _one_line(checked.stderr)
    started = cli("--db", str(db_path), "--agendas", str(folder), "start", "--partnership", "P", "--type", "operational")
    assert started.returncode == 0, started.stderr
