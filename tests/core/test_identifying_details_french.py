"""The identifying-details check knows French, and Canadian postal codes in either language (issue 18)."""

from __future__ import annotations

import unicodedata

import pytest

from meetingkit.core.text import identifying_details

EMAIL = "an email address"
PHONE = "a phone number"
BIRTH = "what may be a date of birth"
POSTAL = "a postal code"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Date de naissance : 3 mars 2015", [BIRTH]),
        ("date de naissance inconnue", [BIRTH]),
        ("né le 3 mars 2015", [BIRTH]),
        ("Née le 4 mai", [BIRTH]),
        ("l'enfant, né(e) le 12/03/2014", [BIRTH]),
        ("NÉE EN 2012, arrivée l'an dernier", [BIRTH]),
        ("nee le 4 mai", [BIRTH]),  # the accent left out
        ("DDN 03/04/2011", [BIRTH]),
        ("la famille du 3 mars 2015", [BIRTH]),
        ("arrivée le 1er févr. 2012", [BIRTH]),
        ("le 15 décembre 2019", [BIRTH]),
        ("courriel : dana.k@ecole.example.ca", [EMAIL]),
        ("courriel : dana (at) ecole point ca", [EMAIL]),
        ("email dana at school dot org", [EMAIL]),
        ("tél. 555-0199", [PHONE]),
        ("Téléphone : 613 555-0199", [PHONE]),
        ("cellulaire 555 0199", [PHONE]),
        ("phone 555-0199", [PHONE]),
        ("habite près de K1A 0B1", [POSTAL]),
        ("lives at k1a0b1 with her aunt", [POSTAL]),
        ("the V5K 0A1 office", [POSTAL]),
        ("née le 3 mars 2015, tél. 555-0199, H2X 1Y4", [PHONE, BIRTH, POSTAL]),
    ],
)
def test_french_and_canadian_details_are_noticed(text: str, found: list[str]) -> None:
    assert identifying_details(text) == found


def test_decomposed_accents_are_the_same_words() -> None:
    """Text pasted with the accent as a separate mark ("ne" + U+0301) is read as "né"."""
    assert identifying_details(unicodedata.normalize("NFD", "né le 3 mars")) == [BIRTH]


@pytest.mark.parametrize(
    "text",
    [
        "le 3 mars nous avons parlé du budget",
        "T3 2026",
        "rapport du T3, 12 personnes",
        "on ne le sait pas encore",
        "ne en parle pas",  # "ne" without its accent is not "né"
        "dans 2 semaines avec 12 familles",
        "le poste 2026 du budget",
        "email me at noon",
        "tél. à confirmer",
        "ISP 2026 Q3 review",
        "room D1A 2B3",  # D never begins a postal code
    ],
)
def test_ordinary_french_and_english_is_not_flagged(text: str) -> None:
    assert identifying_details(text) == []
