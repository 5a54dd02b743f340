"""Agenda templates in English, French or both: the shipped four in both, the format's rules,
an agenda in one language or both, and `meetingkit agendas` saying which language is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingkit.core.agendas import (
    AgendaError,
    Template,
    agenda_in,
    gaps,
    languages_of,
    load_agenda,
    load_library,
    shipped_agenda_folder,
)
from meetingkit.core.models import Agenda, AgendaSection, SectionKind
from tests.helpers import RunCli

NBSP = "\u00a0"
SHIPPED = ["operational", "reflective-practice", "shared-training", "strategic"]


@pytest.fixture(scope="module")
def shipped() -> dict[str, Agenda]:
    library = load_library([shipped_agenda_folder()])
    assert library.errors == []
    return library.agendas


@pytest.mark.parametrize("agenda_id", SHIPPED)
def test_every_shipped_template_is_complete_in_both_languages(shipped: dict[str, Agenda], agenda_id: str) -> None:
    agenda = shipped[agenda_id]
    assert isinstance(agenda, Template)
    assert languages_of(agenda) == ("en", "fr")
    assert gaps(agenda) == []
    french = agenda_in(agenda, "fr")
    assert french.name != agenda.name and french.description != agenda.description
    for english_section, french_section in zip(agenda.sections, french.sections, strict=True):
        assert french_section.title != english_section.title
        assert len(french_section.prompts) == len(english_section.prompts)
        assert (french_section.minutes, french_section.kind) == (english_section.minutes, english_section.kind)
        for text in (french_section.title, *french_section.prompts):
            assert "'" not in text, "the apostrophe is ’"
            assert " :" not in text and " ?" not in text, "a non-breaking space before a colon, none before ?"


def test_the_french_words_are_the_ones_we_chose(shipped: dict[str, Agenda]) -> None:
    french = agenda_in(shipped["operational"], "fr")
    assert french.sections[0].title == "Accueil et nos ententes pour un espace sécuritaire"
    assert french.sections[1].title == "Éléphants en attente et actions ouvertes"
    assert any(f"«{NBSP}Je ne connais pas ce terme{NBSP}»" in p and "Nommer le jargon" in p
               for p in french.sections[0].prompts)


def test_english_stays_what_it_was(shipped: dict[str, Agenda]) -> None:
    """The template's own fields, and the agenda in English, are the English of before."""
    operational = shipped["operational"]
    english = agenda_in(operational, "en")
    assert type(english) is Agenda
    assert (english.name, english.sections) == (operational.name, operational.sections)
    assert operational.name == "Operational meeting"
    assert operational.sections[0].title == "Welcome and our safe-space agreements"


def test_an_agenda_in_both_languages_joins_titles_and_pairs_prompts(shipped: dict[str, Agenda]) -> None:
    both = agenda_in(shipped["operational"], "en+fr")
    assert both.name == "Operational meeting / Réunion opérationnelle"
    review = both.sections[1]
    assert review.title == "Parked elephants and open actions / Éléphants en attente et actions ouvertes"
    assert review.prompts[0].startswith("Which parked elephants")
    assert review.prompts[1].startswith("De quels éléphants en attente")
    assert len(review.prompts) == 2 * len(shipped["operational"].sections[1].prompts)


def test_no_language_means_the_interfaces(shipped: dict[str, Agenda], french: None) -> None:
    assert agenda_in(shipped["strategic"]).name == "Réunion stratégique"


def test_an_agenda_made_in_code_is_left_as_it_is() -> None:
    plain = Agenda("x", "X", "operational", "", (AgendaSection("Open", 5, SectionKind.WELCOME),))
    assert agenda_in(plain, "fr") is plain
    assert languages_of(plain) == ("en",)
    assert gaps(plain) == []


TWO = """name = "Ours"
name_fr = "La nôtre"
type = "operational"
description = "Ours."
[[sections]]
title = "Check-in"
title_fr = "Tour d’arrivée"
minutes = 10
kind = "round"
prompts = ["How are you?"]
prompts_fr = ["Comment allez-vous?"]
[[sections]]
title = "Close"
minutes = 5
kind = "close"
prompts = ["Next time?", "Who hosts?"]
"""


def test_a_language_that_leaves_something_out_falls_back_to_the_other(tmp_path: Path) -> None:
    path = tmp_path / "ours.toml"
    path.write_text(TWO, "utf-8")
    agenda = load_agenda(path)
    french = agenda_in(agenda, "fr")
    assert [s.title for s in french.sections] == ["Tour d’arrivée", "Close"]
    assert french.sections[1].prompts == ("Next time?", "Who hosts?")
    assert french.description == "Ours."
    assert gaps(agenda) == [
        "The template has no French description.",
        "Section 2 has no French title.",
        "Section 2 has no French prompts.",
    ]


def test_a_template_in_french_only(tmp_path: Path) -> None:
    path = tmp_path / "nous.toml"
    path.write_text(
        'language = "fr"\nname = "Rencontre"\ntype = "operational"\ndescription = ""\n'
        '[[sections]]\ntitle = "Accueil"\nminutes = 5\nkind = "welcome"\nprompts = ["Bonjour?"]\n',
        "utf-8",
    )
    agenda = load_agenda(path)
    assert languages_of(agenda) == ("fr",)
    assert gaps(agenda) == []
    assert agenda.name == "Rencontre"  # the only language it has, even for an English meeting
    assert agenda_in(agenda, "en").sections[0].title == "Accueil"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('language = "de"\nname = "X"\ntype = "operational"\ndescription = ""\n'
         '[[sections]]\ntitle = "A"\nminutes = 5\nkind = "welcome"\n', 'language must be "en" or "fr"'),
        ('name = "X"\nname_en = "Y"\ntype = "operational"\ndescription = ""\n'
         '[[sections]]\ntitle = "A"\nminutes = 5\nkind = "welcome"\n', "name and name_en both give the English text"),
        ('name = "X"\ntype = "operational"\ndescription = ""\n'
         '[[sections]]\ntitle = "A"\nminutes = 5\nkind = "welcome"\nprompts_fr = "une"\n',
         "prompts_fr must be a list of text"),
        ('name = "X"\ntype = "operational"\ndescription = ""\n'
         '[[sections]]\ntitle = "A"\nminutes = 5\nkind = "welcome"\ntitel_fr = "B"\n', "did you mean 'title_fr'?"),
    ],
)
def test_the_language_keys_are_checked(tmp_path: Path, body: str, problem: str) -> None:
    path = tmp_path / "odd.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(AgendaError, match=problem):
        load_agenda(path)


def test_agendas_lists_the_languages_and_names_in_french(cli: RunCli, french: None) -> None:
    result = cli("agendas")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all("en+fr" in line for line in lines) and len(lines) == 4
    assert "Réunion stratégique" in result.stdout and "12 points" in result.stdout


def test_agendas_check_says_which_language_is_missing_for_which_section(
    tmp_path: Path, cli: RunCli, french: None
) -> None:
    path = tmp_path / "ours.toml"
    path.write_text(TWO, "utf-8")
    result = cli("agendas", "check", str(path))
    assert result.returncode == 1
    assert f"{path}{NBSP}: valide — 'La nôtre'" in result.stdout
    assert "En anglais et en français." in result.stdout
    assert "Le point 2 n’a pas de titre en français." in result.stderr
    assert "Le point 2 n’a pas de questions en français." in result.stderr


def test_agendas_check_of_an_english_only_template_says_how_to_add_french(tmp_path: Path, cli: RunCli) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "Mine"\ntype = "operational"\ndescription = ""\n'
                    '[[sections]]\ntitle = "Open"\nminutes = 5\nkind = "welcome"\n', "utf-8")
    result = cli("agendas", "check", str(path))
    assert result.returncode == 0, result.stderr
    assert "In English only: name_fr, title_fr and prompts_fr add the French." in result.stdout


def test_a_broken_template_is_explained_in_french(tmp_path: Path, french: None) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('name = "B"\ntype = "operational"\ndescription = ""\n'
                    '[[sections]]\ntitle = "Open"\nminutes = "cinq"\nkind = "welcome"\n', "utf-8")
    with pytest.raises(AgendaError) as raised:
        load_agenda(path)
    assert raised.value.section == "point 1 ('Open')"
    assert raised.value.problem == "minutes doit être un nombre entier, reçu 'cinq'"
