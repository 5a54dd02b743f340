"""The `meetingkit` command, run in process through `main(argv)`; the smoke tests at the end of
its kind start the real `python -m meetingkit` (help, the console script, a closed pipe)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from meetingkit import __version__
from meetingkit.store import Store
from meetingkit.store.schema import LATEST_VERSION
from tests.helpers import RunCli, run_meetingkit


def test_version(cli: RunCli) -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"meetingkit {__version__}"


def test_help_lists_the_commands() -> None:
    """Smoke test: the real `python -m meetingkit` starts and describes itself."""
    result = run_meetingkit("--help")
    assert result.returncode == 0
    for command in ("where", "agendas", "--db", "--agendas"):
        assert command in result.stdout


@pytest.mark.parametrize("placement", ["before", "after"])
def test_where_honours_db_before_or_after_the_command(tmp_path: Path, placement: str, cli: RunCli) -> None:
    path = tmp_path / "site.db"
    args = ["--db", str(path), "where"] if placement == "before" else ["where", "--db", str(path)]
    result = cli(*args)
    assert result.returncode == 0, result.stderr
    assert f"database: {path}" in result.stdout
    assert "from --db" in result.stdout
    assert not path.exists(), "`where` only reports; it creates nothing"


def test_where_honours_the_environment_variable(tmp_path: Path, cli: RunCli) -> None:
    path = tmp_path / "from-env.db"
    result = cli("where", env={"MEETINGKIT_DB": str(path)})
    assert f"database: {path}" in result.stdout
    assert "from MEETINGKIT_DB" in result.stdout


def test_db_option_beats_the_environment_variable(tmp_path: Path, cli: RunCli) -> None:
    result = cli("--db", str(tmp_path / "flag.db"), "where", env={"MEETINGKIT_DB": str(tmp_path / "env.db")})
    assert f"database: {tmp_path / 'flag.db'}" in result.stdout


def test_where_defaults_to_the_user_data_folder(private_home: Path, cli: RunCli) -> None:
    result = cli("where")
    assert f"database: {private_home / '.local' / 'share' / 'meetingkit' / 'meetingkit.db'}" in result.stdout
    assert "the default location" in result.stdout
    assert "shipped with meetingkit" in result.stdout
    assert str(private_home / ".config" / "meetingkit" / "agendas") in result.stdout


def test_agendas_lists_the_four_shipped_templates(cli: RunCli) -> None:
    result = cli("agendas")
    assert result.returncode == 0, result.stderr
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert sorted(listed) == ["operational", "reflective-practice", "shared-training", "strategic"]
    assert "Reflective practice group" in result.stdout


def test_agendas_includes_a_folder_given_with_agendas(tmp_path: Path, cli: RunCli) -> None:
    (tmp_path / "board-retreat.toml").write_text(
        'name = "Board retreat"\ntype = "strategic"\ndescription = ""\n'
        '[[sections]]\ntitle = "Welcome"\nminutes = 15\nkind = "welcome"\n',
        "utf-8",
    )
    result = cli("agendas", "--agendas", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "board-retreat" in result.stdout and "Board retreat" in result.stdout


def test_agendas_reads_the_user_folder_and_reports_broken_files(private_home: Path, cli: RunCli) -> None:
    folder = private_home / ".config" / "meetingkit" / "agendas"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "Mine"\ntype = "operational"\n', "utf-8")
    result = cli("agendas")
    assert result.returncode == 1
    assert "operational" in result.stdout, "the good templates are still listed"
    assert "mine.toml: 'description' is missing" in result.stderr


def test_agendas_with_a_missing_folder_says_so(tmp_path: Path, cli: RunCli) -> None:
    result = cli("agendas", "--agendas", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert "does not exist" in result.stderr


def test_agendas_check_accepts_a_good_template(cli: RunCli) -> None:
    shipped = Path(__file__).resolve().parents[2] / "agendas" / "strategic.toml"
    result = cli("agendas", "check", str(shipped))
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout and "Strategic meeting" in result.stdout


def test_agendas_check_explains_a_broken_template(tmp_path: Path, cli: RunCli) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(
        'name = "B"\ntype = "operational"\ndescription = ""\n'
        '[[sections]]\ntitle = "Open"\nminutes = "five"\nkind = "welcome"\n',
        "utf-8",
    )
    result = cli("agendas", "check", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"meetingkit: {path}, section 1 ('Open'): minutes must be a whole number, got 'five'"
    )


def test_agendas_check_of_a_missing_file(tmp_path: Path, cli: RunCli) -> None:
    result = cli("agendas", "check", str(tmp_path / "nothing.toml"))
    assert result.returncode == 1
    assert "cannot be read" in result.stderr


@pytest.mark.parametrize("content", [b"just some notes\n" * 50, b"SQLite format 3\x00" + b"\x00" * 30])
def test_opening_a_bad_file_prints_one_line_and_fails(tmp_path: Path, content: bytes, cli: RunCli) -> None:
    """Whatever the file is, the user sees one clear line, never a traceback, and the file is untouched."""
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    result = cli("--db", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"meetingkit: {path}")
    assert path.read_bytes() == content


def test_opening_a_newer_database_says_to_upgrade(tmp_path: Path, cli: RunCli) -> None:
    path = tmp_path / "newer.db"
    Store.open(path).close()
    import sqlite3

    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    connection.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = cli(env={"MEETINGKIT_DB": str(path)})
    assert result.returncode == 1
    assert "newer meetingkit" in result.stderr and "Upgrade meetingkit" in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_opening_in_a_missing_folder_fails_clearly(tmp_path: Path, cli: RunCli) -> None:
    result = cli("--db", str(tmp_path / "unplugged-stick" / "m.db"))
    assert result.returncode == 1
    assert "does not exist" in result.stderr


def test_python_dash_m_and_the_console_script_agree() -> None:
    """`python -m meetingkit` is the same program as `meetingkit`."""
    import subprocess
    import sys

    script = Path(sys.executable).with_name("meetingkit")
    if not script.exists():
        pytest.skip("meetingkit is not installed as a command beside this Python")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert result.stdout == run_meetingkit("--version").stdout


def test_an_empty_db_path_is_refused(tmp_path: Path, cli: RunCli) -> None:
    result = cli("--db", "", "where")
    assert result.returncode == 1 and "empty path" in result.stderr


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    """`meetingkit where | head -1` ends quietly, without a BrokenPipeError traceback."""
    import subprocess
    import sys

    result = subprocess.run(
        f"{sys.executable} -m meetingkit --db {tmp_path / 'x.db'} where | head -n 1",
        shell=True, capture_output=True, text=True, check=True,
    )
    assert result.stdout.startswith("database:")
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_where_warns_about_a_missing_folder(tmp_path: Path, cli: RunCli) -> None:
    result = cli("--db", str(tmp_path / "unplugged" / "m.db"), "where")
    assert "does not exist" in result.stdout


def test_a_damaged_database_gives_one_line_not_a_traceback(tmp_path: Path, cli: RunCli) -> None:
    path = tmp_path / "damaged.db"
    store = Store.open(path)
    partnership = store.partnerships.ensure("P")
    for number in range(40):
        store.partnerships.ensure_organisation(partnership.id, f"organisation {number} " + "x" * 300)
    store.close()
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    result = cli("--db", str(path), "meetings")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "damaged" in result.stderr
