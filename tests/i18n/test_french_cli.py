"""The command line in French (issue 18): `--help`, usage errors, messages, errors and the
tables' headings read French with `--lang fr` or `MEETINGKIT_LANG=fr`, and `--lang` wins over
the variable. Machine output (ids, JSON) stays as it is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from meetingkit.store import Store
from tests.helpers import RunCli

NBSP = "\u00a0"


@pytest.fixture
def french_env(db_path: Path) -> dict[str, str]:
    return {"MEETINGKIT_DB": str(db_path), "MEETINGKIT_LANG": "fr"}


def test_the_top_level_help_is_in_french(cli: RunCli) -> None:
    result = cli("--lang", "fr", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"utilisation{NBSP}: meetingkit")
    assert "Animer les réunions de partenariats entre organismes" in result.stdout
    assert "lister les réunions, les plus récentes d’abord" in result.stdout
    assert "list meetings" not in result.stdout


@pytest.mark.parametrize(
    ("command", "french", "english"),
    [
        ("start", "le partenariat (créé s’il est nouveau)", "the partnership (created if new)"),
        ("capture", "jamais projeté, exclu des exportations", "never projected, left out of exports"),
        ("purge", "montrer ce qui serait supprimé, sans rien supprimer", "show what would be deleted, delete nothing"),
        ("agreement", f"delete{NBSP}: ne pas demander (pour les scripts)", "delete: do not ask (for scripts)"),
        ("serve", "le port d’écoute (8000 par défaut)", "the port to listen on (default 8000)"),
    ],
)
def test_each_command_s_help_is_in_french(cli: RunCli, command: str, french: str, english: str) -> None:
    result = cli(command, "--help", env={"MEETINGKIT_LANG": "fr"})
    assert result.returncode == 0
    text = re.sub("[ \n]+", " ", result.stdout)  # argparse wraps the help to the terminal's width
    assert french in text and english not in text
    assert f"la langue de l’interface (par défaut{NBSP}: $MEETINGKIT_LANG" in text  # the common options too


def test_a_usage_error_is_in_french(cli: RunCli) -> None:
    result = cli("--lang", "fr", "capture", "note")
    assert result.returncode == 2
    assert f"erreur{NBSP}: les arguments suivants sont obligatoires{NBSP}: TEXT" in result.stderr
    port = cli("--lang", "fr", "serve", "--port", "99999")
    assert port.returncode == 2 and "99999 n’est pas un numéro de port (1 à 65535)" in port.stderr


def test_an_unknown_meeting_id_is_refused_in_french(cli: RunCli, french_env: dict[str, str]) -> None:
    assert cli("start", "--partnership", "Écoles", "--type", "strategic", env=french_env).returncode == 0
    result = cli("end", "ffffff999", env=french_env)
    assert result.returncode == 1
    assert result.stderr == (
        f"meetingkit{NBSP}: Aucun identifiant de réunion ne contient «{NBSP}ffffff999{NBSP}» "
        "(`meetingkit meetings` les liste).\n"
    )
    cli("end", env=french_env)
    nobody = cli("attend", "Dana", env=french_env)
    assert nobody.stderr.startswith(f"meetingkit{NBSP}: Aucune réunion n’est en cours. Commencez-en une avec")


def test_the_meetings_listing_has_french_headings_and_statuses(
    cli: RunCli, french_env: dict[str, str], db_path: Path
) -> None:
    meeting_id = cli("start", "--partnership", "Écoles", "--type", "strategic", "--title", "Planification",
                     env=french_env).stdout.strip()
    listing = cli("meetings", env=french_env)
    assert listing.returncode == 0
    heading, row = listing.stdout.splitlines()
    assert heading.split() == ["id", "quand", "statut", "type", "partenariat", "titre"]
    assert row.startswith(meeting_id) and "en cours" in row and row.endswith("Planification")
    # What scripts read stays as it was: the JSON's keys and the status's stored word.
    [record] = json.loads(cli("meetings", "--json", env=french_env).stdout)
    assert (record["id"], record["status"]) == (meeting_id, "running")


def test_a_capture_s_refusal_and_the_end_say_it_in_french(cli: RunCli, french_env: dict[str, str]) -> None:
    cli("start", "--partnership", "Écoles", "--type", "strategic", "--title", "Planification", env=french_env)
    refused = cli("capture", "elephant", "Le financement", "--owner", "Dana", env=french_env)
    assert refused.returncode == 1
    assert refused.stderr == (
        f"meetingkit{NBSP}: --owner et --due sont pour les actions et les ententes, pas pour un éléphant.\n"
    )
    assert cli("capture", "agreement", "Un seul formulaire", env=french_env).returncode == 0
    ended = cli("end", env=french_env)
    assert ended.returncode == 0
    assert ended.stdout.startswith("Planification (Écoles) terminée après ")
    assert ended.stdout.endswith(", 1 entente, 0 action.\n")  # French counts 0 and 1 as one


def test_the_elephants_listing_and_a_move_read_in_french(cli: RunCli, french_env: dict[str, str]) -> None:
    cli("start", "--partnership", "Écoles", "--type", "strategic", env=french_env)
    elephant_id = cli("capture", "elephant", "Les listes d’attente", env=french_env).stdout.strip()
    cli("capture", "elephant", "Un secret", "--confidential", env=french_env)
    listing = cli("elephants", "--partnership", "écoles", env=french_env)
    heading, *rows = listing.stdout.splitlines()
    assert heading.split() == ["id", "statut", "soulevé", "attente", "éléphant"]
    assert all("en attente" in row and "0 réunion " in row for row in rows)
    assert any(row.endswith("(un élément confidentiel)") for row in rows)
    moved = cli("elephant", "discuss", elephant_id[-8:], env=french_env)
    assert moved.returncode == 0 and moved.stdout.startswith(f"{elephant_id[-8:]}{NBSP}: en discussion (")


def test_empty_listings_say_so_in_french(cli: RunCli, french_env: dict[str, str]) -> None:
    assert cli("meetings", env=french_env).stdout.startswith("Aucune réunion pour l’instant.")
    assert cli("elephants", env=french_env).stdout == "Aucun partenariat pour l’instant.\n"
    assert cli("actions", env=french_env).stdout == "Aucun partenariat pour l’instant.\n"
    refused = cli("terms", "--partnership", "Nulle part", env=french_env)
    assert refused.stderr == (
        f"meetingkit{NBSP}: Aucun partenariat nommé «{NBSP}Nulle part{NBSP}». Partenariats{NBSP}: aucun pour l’instant.\n"
    )


def test_where_reads_in_french(cli: RunCli, french_env: dict[str, str]) -> None:
    result = cli("where", env=french_env)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"base de données{NBSP}: {french_env['MEETINGKIT_DB']}"
    assert lines[1].startswith(f"  choisi{NBSP}: par MEETINGKIT_DB; pas encore créé")
    assert "(fourni avec meetingkit)" in result.stdout


def test_the_purge_plan_counts_in_french(
    cli: RunCli, french_env: dict[str, str], db_path: Path
) -> None:
    cli("start", "--partnership", "Écoles", "--type", "strategic", env=french_env)
    cli("capture", "action", "Appeler la famille", env=french_env)
    cli("end", env=french_env)
    plan = cli("purge", "--before", "2100", "--dry-run", env=french_env)
    assert plan.returncode == 0
    assert "        1  réunion\n" in plan.stdout
    assert f"Parmi eux, encore ouverts{NBSP}: 1 action ouverte." in plan.stdout
    assert plan.stdout.endswith(f"Essai à blanc{NBSP}: rien n’a été supprimé.\n")
    with Store.open(db_path) as store:
        assert len(store.meetings.recent(limit=None)) == 1


def test_lang_wins_over_the_environment_variable(cli: RunCli, french_env: dict[str, str]) -> None:
    english = cli("--lang", "en", "meetings", env=french_env)
    assert english.stdout == "No meetings yet. Start one in the app, or with `meetingkit start`.\n"
    french = cli("meetings", "--lang", "fr", env={**french_env, "MEETINGKIT_LANG": "en"})
    assert french.stdout.startswith("Aucune réunion pour l’instant.")
    help_in_english = cli("--lang", "en", "--help", env=french_env)
    assert "show the database file and the agenda folders in use" in help_in_english.stdout


def test_the_register_s_lookups_and_an_organisation_s_refusal_read_in_french(
    cli: RunCli, french_env: dict[str, str]
) -> None:
    cli("start", "--partnership", "Écoles", "--type", "strategic", "--attendee", "Dana, CECCE", env=french_env)
    unknown = cli("action", "done", "ffffff999", env=french_env)
    assert unknown.returncode == 1
    assert unknown.stderr.startswith(f"meetingkit{NBSP}: Aucune action n’a d’identifiant contenant ")
    assert "ffffff999" in unknown.stderr
    refused = cli("organisation", "alias", "CECCE", "a, b", "--partnership", "écoles", env=french_env)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"meetingkit{NBSP}: un autre nom ne peut pas contenir de virgule")
    aliased = cli("organisation", "alias", "CECCE", "Conseil catholique", "--partnership", "écoles", env=french_env)
    assert aliased.stdout.splitlines()[1].split() == ["autres", "noms", "Conseil", "catholique"]
