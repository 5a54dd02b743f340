"""The core's words in French: dates, periods, durations, verdicts, warnings and store errors.

English stays as it was (the rest of the suite checks it); here the same functions, with the
interface in French (the `french` fixture), say their words as a Canadian French reader
expects them: dates from Babel's fr_CA data, non-breaking spaces before ":" and inside « ».
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from meetingkit.core import clock, dates

NBSP = "\u00a0"
FRIDAY = date(2026, 12, 4)

pytestmark = pytest.mark.usefixtures("french")


def _instant(day: date, hour: int = 14, minute: int = 30) -> datetime:
    """A local wall-clock time as an aware instant (describe_* show local time)."""
    return datetime(day.year, day.month, day.day, hour, minute).astimezone().astimezone(UTC)


def test_clock_days_and_times_read_in_french() -> None:
    assert clock.describe_day(None) == "pas commencée"
    today = _instant(FRIDAY)
    assert clock.describe_day(today, today=today) == "aujourd’hui"
    assert clock.describe_day(_instant(date(2026, 12, 3)), today=today) == "hier"
    assert clock.describe_day(_instant(date(2026, 11, 24)), today=today) == "mar. 24 nov. 2026"
    assert clock.screen_day(FRIDAY, today=FRIDAY) == "ven. 04 déc."
    assert clock.screen_day(date(2027, 12, 1), today=FRIDAY) == "mer. 01 déc. 2027"
    assert clock.describe_time(today) == "14 h 30"
    assert clock.describe_moment(today) == "ven. 04 déc. 2026 à 14 h 30"


def test_durations_in_french() -> None:
    assert clock.format_minutes(12 * 60) == "12 min"
    assert clock.format_minutes(65 * 60) == "1 h 05 min"
    assert clock.format_minutes(20) == f"<{NBSP}1 min"


def test_a_date_is_shown_back_in_french() -> None:
    assert dates.describe_date(date(2026, 12, 14), FRIDAY) == "lun. 14 déc. 2026 (dans 10 jours)"
    assert dates.describe_date(FRIDAY, FRIDAY) == "ven. 4 déc. 2026 (aujourd’hui)"
    assert dates.describe_date(date(2026, 12, 5), FRIDAY) == "sam. 5 déc. 2026 (demain)"
    assert dates.describe_date(date(2026, 12, 3), FRIDAY) == "jeu. 3 déc. 2026 (hier)"
    assert dates.describe_date(date(2026, 12, 1), FRIDAY) == "mar. 1 déc. 2026 (il y a 3 jours)"
    assert dates.describe_date(date(2031, 12, 4), FRIDAY).endswith(f"(dans 1{NBSP}826 jours)")


def test_the_second_look_at_a_date_is_in_french() -> None:
    assert dates.second_look("1 déc. 2026", date(2026, 12, 1), FRIDAY) == (
        "La date du mar. 1 déc. 2026 est passée (il y a 3 jours). Est-ce bien le jour voulu?"
    )
    assert dates.second_look("2 déc.", date(2027, 12, 2), FRIDAY) == (
        "La date du jeu. 2 déc. 2027 est dans presque un an. Ajoutez l’année s’il s’agit d’une autre."
    )


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("12", "un nombre seul pourrait être un jour, un mois ou un nombre de jours"),
        ("31 févr.", "ce jour n’existe pas"),
        ("ven. 15 déc. 2026", "le 15 déc. 2026 est un mardi"),
        ("dans 900 ans", "c’est à plus de 20 ans d’ici"),
        ("fin de semaine", "en français canadien, c’est le samedi et le dimanche"),
    ],
)
def test_a_date_refused_says_why_in_french(phrase: str, reason: str) -> None:
    with pytest.raises(dates.DateNotUnderstood) as refused:
        dates.parse_due_date(phrase, FRIDAY)
    message = str(refused.value)
    assert message.startswith(f"Impossible de lire «{NBSP}{phrase}{NBSP}» comme une date{NBSP}: ")
    assert reason in message
    assert f"Essayez «{NBSP}vendredi prochain{NBSP}»" in message


def test_a_blank_date_asks_for_one_in_french() -> None:
    with pytest.raises(dates.DateNotUnderstood, match="^Tapez une date ici. Essayez"):
        dates.parse_due_date("  ", FRIDAY)


def test_the_examples_are_the_english_ones_in_english() -> None:
    from meetingkit.core import periods
    from meetingkit.core.i18n import speaking

    with speaking("en"):
        assert dates._examples() == dates.EXAMPLES
        assert periods.period_examples() == periods.PERIOD_EXAMPLES


@pytest.mark.parametrize(
    "phrase",
    ["vendredi prochain", "dans 2 semaines", "fin du mois", "le 15 déc.", "15 décembre", "demain",
     "15 juill.", "15 juil. 2027", "mer. 9 déc.", "20 AOÛT"],
)
def test_the_issues_french_dates_read_with_babels_names(phrase: str) -> None:
    assert dates.parse_due_date(phrase, FRIDAY) > FRIDAY


def test_the_french_names_are_babels_without_the_ambiguous_mar() -> None:
    from meetingkit.core import french

    assert french.months()["juill"] == "jul" and french.months()["juil"] == "jul"
    assert french.months()["decembre"] == "december" and french.months()["mars"] == "march"
    assert french.weekdays()["ven"] == "fri" and french.weekdays()["mardi"] == "tuesday"
    assert "mar" not in french.weekdays()  # mardi, or March? refused, not guessed
    with pytest.raises(dates.DateNotUnderstood):
        dates.parse_due_date("mar. 15 déc.", FRIDAY)


@pytest.mark.parametrize(
    ("phrase", "shown"),
    [
        ("les 3 derniers mois", "du 5 sept. 2026 à aujourd’hui (91 jours)"),
        ("depuis mars", "depuis le 1er mars 2026"),
        ("de mars à juin", "du 1er mars 2026 au 30 juin 2026 (122 jours)"),
        ("T3", "du 1er juill. 2026 au 30 sept. 2026 (92 jours)"),
        ("le trimestre dernier", "du 1er juill. 2026 au 30 sept. 2026 (92 jours)"),
        ("2026", "du 1er janv. 2026 au 31 déc. 2026 (365 jours)"),
        ("jusqu'au 3 déc.", "jusqu’au 3 déc. 2026"),
        ("aujourd'hui", "aujourd’hui"),
        ("hier", "3 déc. 2026"),
        ("tout", "toutes les dates"),
    ],
)
def test_a_period_is_shown_back_in_french(phrase: str, shown: str) -> None:
    from meetingkit.core.periods import parse_period

    assert parse_period(phrase, FRIDAY).describe(FRIDAY) == shown


def test_a_period_of_one_day_counts_it_in_the_singular() -> None:
    from meetingkit.core.periods import Period

    assert Period(date(2026, 12, 3), FRIDAY).describe(FRIDAY) == "du 3 déc. 2026 à aujourd’hui (2 jours)"
    assert Period(FRIDAY, date(2026, 12, 5)).describe(FRIDAY) == "d’aujourd’hui au 5 déc. 2026 (2 jours)"
    assert Period(None, FRIDAY).describe(FRIDAY) == "jusqu’à aujourd’hui"
    assert Period(FRIDAY, None).describe(FRIDAY) == "depuis aujourd’hui"


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("12", "un nombre seul n’est une année que s’il a quatre chiffres"),
        ("de juin 2026 à mars 2026", "elle finit avant de commencer"),
        ("31 févr. 2026", "ce jour n’existe pas"),
    ],
)
def test_a_period_refused_says_why_in_french(phrase: str, reason: str) -> None:
    from meetingkit.core.periods import PeriodNotUnderstood, parse_period

    with pytest.raises(PeriodNotUnderstood) as refused:
        parse_period(phrase, FRIDAY)
    message = str(refused.value)
    assert message.startswith(f"Impossible de lire «{NBSP}{phrase}{NBSP}» comme une période{NBSP}: {reason}. ")
    assert message.endswith(f"ou «{NBSP}T1{NBSP}».")


def test_one_time_where_a_range_was_given_is_refused_in_french() -> None:
    from meetingkit.core.periods import PeriodIsARange, parse_one

    with pytest.raises(PeriodIsARange, match="c’est une plage de dates, pas un seul moment"):
        parse_one("de mars à juin", FRIDAY)


def test_identifying_details_are_named_in_french() -> None:
    from meetingkit.core.text import identifying_details

    text = "Dana, née le 3 mars 2015, courriel dana@ecole.ca, tél. 613-555-0199, K1A 0B1"
    assert identifying_details(text) == [
        "une adresse courriel", "un numéro de téléphone", "ce qui pourrait être une date de naissance",
        "un code postal",
    ]


def test_text_too_long_is_said_in_french() -> None:
    from meetingkit.core.text import TextTooLong, sanitise, too_long_for_field

    with pytest.raises(TextTooLong) as refused:
        sanitise("x" * 2_001)
    assert str(refused.value) == (
        f"Ce texte fait 2{NBSP}001 caractères; la limite ici est de 2{NBSP}000. "
        "Raccourcissez-le ou mettez le détail dans les notes du point."
    )
    assert too_long_for_field(1) == f"Trop long pour ce champ{NBSP}: il prend au plus 1 caractère. Rien n’y a été ajouté."
    assert too_long_for_field(2_000).startswith(f"Trop long pour ce champ{NBSP}: il prend au plus 2{NBSP}000 caractères.")


def test_a_sections_verdict_is_said_in_french() -> None:
    from meetingkit.core.timing import Verdict, live_timing, section_timing, verdict_words

    assert section_timing(600, 780).words == "en retard de 3 min"
    assert section_timing(600, 599.5).words == "en avance de moins d’une minute"
    assert section_timing(3600, 7500).words == "en retard de 1 h 05 min"
    assert section_timing(600, 600.5).words == "à l’heure"
    assert section_timing(600, 100, skipped=True).words == "sauté"
    assert section_timing(600, None).words == "pas atteint"
    assert section_timing(None, 100).words == "aucune durée prévue à comparer"
    assert live_timing(-200).words == "en retard de 3 min"
    assert verdict_words(Verdict.OVER) == "en retard"
    assert Verdict.OVER.value == "over"  # the value stays a key, for SQL and CSS


def test_the_steering_line_is_said_in_french() -> None:
    from datetime import timedelta

    from meetingkit.core.models import SectionKind, SectionRun
    from meetingkit.core.steering import plan_words, project, section_choice, steering_words

    start = _instant(FRIDAY, 14, 0)
    runs = [
        SectionRun(id="s0", meeting_id="m", position=0, title="Tour de table", kind=SectionKind.ROUND,
                   planned_minutes=10, started_at=start),
        SectionRun(id="s1", meeting_id="m", position=1, title="Ententes", kind=SectionKind.DISCUSSION,
                   planned_minutes=20, adjusted_minutes=26),
        SectionRun(id="s2", meeting_id="m", position=2, title="Clôture", kind=SectionKind.DISCUSSION,
                   planned_minutes=5, skipped=True),
    ]
    now = start + timedelta(minutes=12)
    projection = project(runs, 0, now, start)
    assert plan_words(projection) == "3 min de retard sur l’horaire"
    assert steering_words(projection) == "fin ≈ 14 h 38 · 3 min de retard sur l’horaire"
    assert section_choice(runs[0], 0, now) == "1. Tour de table · 10 min prévues · 12 min écoulées · en cours"
    assert section_choice(runs[1], 0, now) == "2. Ententes · 20 min prévues · maintenant 26 min"
    assert section_choice(runs[2], 0, now) == "3. Clôture · 5 min prévues · sauté"
    on_plan = project(runs[:1], 0, start, start)
    assert plan_words(on_plan) == "selon l’horaire"


def test_elephant_totals_agree_with_their_counts_in_french() -> None:
    from meetingkit.core.counting import ElephantTotals, Tally, totals_words

    totals = ElephantTotals(raised=Tally(10, 2), addressed=Tally(1, 1), let_go=Tally(0), open_at_end=Tally(1_200))
    assert totals_words(totals) == (
        "10 soulevés (dont 2 confidentiels), 1 traité (dont 1 confidentiel), 0 laissé de côté, "
        f"1{NBSP}200 toujours ouverts à la fin"
    )


def test_the_crash_notices_are_calm_in_french(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from meetingkit.core.crash import console_crash_notice, participant_crash_notice, wall_crash_notice

    log = tmp_path / "crash.log"
    console = console_crash_notice(log)
    assert "meetingkit s’est arrêté à cause d’un problème interne à meetingkit" in console
    assert f"que vous seul pouvez lire{NBSP}: {log}" in console
    assert f"lancez{NBSP}: meetingkit resume" in console
    assert "recharger la page" in participant_crash_notice(None)
    assert "Les détails n’ont pas pu être écrits" in participant_crash_notice(None)
    assert f"lancez{NBSP}: meetingkit wall" in wall_crash_notice(log)


def test_a_file_that_is_not_a_database_is_refused_in_french(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from meetingkit.store import Store
    from meetingkit.store.errors import NotADatabase

    notes = tmp_path / "notes.txt"
    notes.write_text("Compte rendu de la réunion de mars\n" * 100)
    with pytest.raises(NotADatabase) as refused:
        Store.open(notes)
    assert str(refused.value) == (
        f"{notes}{NBSP}: n’est pas une base de données meetingkit (ce n’est pas du tout un fichier SQLite). "
        "Vérifiez le chemin donné; s’il s’agit d’un fichier meetingkit chiffré, ajoutez --encrypted; "
        "meetingkit ne l’a pas modifié"
    )


def test_a_file_from_a_newer_meetingkit_is_refused_in_french(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from meetingkit.store import Store
    from meetingkit.store.errors import DatabaseTooNew
    from meetingkit.store.schema import LATEST_VERSION

    path = tmp_path / "meetings.db"
    Store.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()
    with pytest.raises(DatabaseTooNew, match="a été écrit par une version plus récente de meetingkit"):
        Store.open(path)


def test_the_stores_refusals_are_said_in_french(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from meetingkit.store.errors import (
        BackupFailed,
        MeetingEnded,
        MeetingInProgress,
        ReadOnlyDatabase,
        StoreBusy,
        WriteFailed,
    )

    assert str(ReadOnlyDatabase("a.db")).startswith("a.db est ouvert en lecture seule")
    assert str(StoreBusy("a.db", 5.2)) == (
        "a.db est resté occupé pendant 5 s (un autre meetingkit y écrit). Rien n’a été enregistré; réessayez."
    )
    assert str(WriteFailed("a.db", "database or disk is full")).endswith("Libérez de l’espace disque, puis réessayez.")
    assert "La base de données elle-même est intacte." in str(BackupFailed("/media/cle", "No space left"))
    assert str(MeetingEnded("Comité directeur")) == (
        f"Comité directeur est terminée{NBSP}: rien de plus ne peut y être ajouté."
    )
    assert str(MeetingInProgress(["Comité"])).startswith(f"Comité est en cours, alors rien n’a été supprimé{NBSP}:")
    assert str(MeetingInProgress(["A", "B"])).startswith("2 d’entre elles sont en cours (A, B)")


def test_the_command_line_says_a_file_is_not_a_database_in_french(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes.txt"
    notes.write_text("Compte rendu de la réunion de mars\n" * 100)
    result = cli("--db", str(notes), "meetings")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{NBSP}: n’est pas une base de données meetingkit (ce n’est pas du tout un fichier SQLite)." in result.stderr


def test_the_boards_and_business_refuse_in_french(store) -> None:  # type: ignore[no-untyped-def]
    from meetingkit.store.changes import UndoRefused
    from meetingkit.store.partnerships import NameRefused

    partnership = store.partnerships.ensure("Partenariat d’Ottawa")
    meeting = "no-meeting"  # each is refused before its meeting is looked at
    with pytest.raises(ValueError, match="^Tapez l’éléphant pour le mettre au stationnement.$"):
        store.boards.raise_elephant(meeting, "   ")
    with pytest.raises(ValueError, match="^Tapez l’entente pour l’enregistrer.$"):
        store.business.add_agreement(meeting, " ")
    with pytest.raises(ValueError, match=f"^Une action a un seul responsable{NBSP}: une personne ou un organisme.$"):
        store.business.add_action(meeting, "Appeler le CÉSOC", owner_person_id="p", owner_organisation_id="o")
    with pytest.raises(LookupError, match="^Donnez au moins 6 caractères de l’identifiant de l’action.$"):
        store.business.find_action("abc")
    with pytest.raises(LookupError, match="^Aucune entente n’a d’identifiant contenant 'abcdef'.$"):
        store.business.find_agreement("abcdef")
    with pytest.raises(NameRefused, match="^aucun organisme nommé 'SAE' dans ce partenariat$"):
        store.partnerships.add_alias(partnership.id, "SAE", "CAS")
    assert issubclass(UndoRefused, ValueError)
