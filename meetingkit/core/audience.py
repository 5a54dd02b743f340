"""Who may see what: the one policy every rendering of an item asks.

Everything meetingkit shows has an audience. This module decides, for every kind of
item and every audience, whether the item is shown and how (`Shown`), and who it is
credited to (`said_by`). It decides nothing about layout: the renderers in
`core/lines.py` ask it and turn the answer into text, and the screens style that text.

The rules, in short (design.md, "Audiences: who may see what"):

- the facilitator sees everything, hidden items marked so;
- the room and a participant see no hidden item, no note, no attendee list, nobody's
  turn or pass in a round, no coaching; a confidential item as a neutral stand-in, and a
  confidential part of an item (a meaning, an alias) not at all;
- an export counts confidential items without describing them, unless it is an export
  with confidential items; it never shows who passed or the facilitator's coaching;
- a person's name only to the facilitator and to an export that names people; an item
  credited to an organisation never shows a person, an anonymous one nobody.

A new kind of item gets a `Kind` and, when it is private to the facilitator or a part
of another item, a place in the sets below; the property test in
`tests/core/test_audience.py` generates it for every audience.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from meetingkit.core.models import Attribution


class Audience(StrEnum):
    """Who a rendering is for."""

    FACILITATOR = "facilitator"
    """The console on the facilitator's laptop, not projected."""
    ROOM = "room"
    """The wall, or the console in projection mode."""
    PARTICIPANT = "participant"
    """A participant's own browser (`meetingkit serve`)."""
    EXPORT = "export"
    """A file for boards, funders or archives, without confidential items."""
    EXPORT_CONFIDENTIAL = "export-confidential"
    """An export explicitly asked to include confidential items."""

    @property
    def in_the_room(self) -> bool:
        """The room or a participant: the audiences that are in the meeting but not running it."""
        return self in _IN_THE_ROOM

    @property
    def is_export(self) -> bool:
        """A file, with or without confidential items."""
        return self in (Audience.EXPORT, Audience.EXPORT_CONFIDENTIAL)

    @classmethod
    def console(cls, *, projecting: bool) -> Audience:
        """The console's audience: the room when it is projected, else the facilitator."""
        return cls.ROOM if projecting else cls.FACILITATOR

    @classmethod
    def review(cls, *, include_confidential: bool) -> Audience:
        """The review screens' audience (a record, search): what an export of it would show, with
        confidential items only when the practice lead asked for them (c on the review screen)."""
        return cls.EXPORT_CONFIDENTIAL if include_confidential else cls.EXPORT


_IN_THE_ROOM = frozenset({Audience.ROOM, Audience.PARTICIPANT})


class Naming(StrEnum):
    """Who an export names (`meetingkit report --name`): it changes nothing for any other audience."""

    PEOPLE = "people"
    """People by name (with their organisation), as the facilitator sees them."""
    ORGANISATIONS = "organisations"
    """Organisations only: a named person's item is credited to their organisation."""
    NOBODY = "nobody"
    """Nobody: no item is credited to a person or an organisation."""


class Shown(StrEnum):
    """How an item is shown to an audience."""

    IN_FULL = "in full"
    STAND_IN = "as a neutral stand-in"
    """In its place, with nothing of what it says: "a confidential item"."""
    COUNTED = "counted only"
    """Only in a count ("2 confidential items left out")."""
    NOT_AT_ALL = "not at all"


class Kind(StrEnum):
    """Every kind of item something shows."""

    TERM = "jargon term"
    MEANING = "meaning of a term"
    ALIAS = "same-as name of a term"
    ELEPHANT = "elephant"
    TURNING_POINT = "turning point"
    LED_TO = "agreement a turning point led to"
    AGREEMENT = "agreement"
    ACTION = "action"
    NOTE = "note"
    ATTENDEE = "attendee"
    ROUND_TURN = "turn in a round (who spoke or passed)"
    COACHING = "coaching reminder"
    SEARCH_HIT = "search hit"


@dataclass(frozen=True, slots=True)
class Facts:
    """What the policy needs to know about one item."""

    confidential: bool = False
    hidden: bool = False
    """The facilitator hid it from the room (moderation)."""


OPEN = Facts()
"""An item neither confidential nor hidden."""

FACILITATOR_ONLY = frozenset({Kind.ROUND_TURN, Kind.COACHING})
"""Never shown to anyone but the facilitator, in any file or on any screen."""

NOT_IN_THE_ROOM = FACILITATOR_ONLY | {Kind.NOTE, Kind.ATTENDEE}
"""Never on the wall or a participant's page (notes stay in exports, see `store/records.py`)."""

PARTS = frozenset({Kind.MEANING, Kind.ALIAS, Kind.LED_TO})
"""Parts of another item: a confidential one is left out (or stood in for by its item), never counted."""

CONFIDENTIAL: dict[Audience, Shown] = {
    Audience.FACILITATOR: Shown.IN_FULL,
    Audience.ROOM: Shown.STAND_IN,
    Audience.PARTICIPANT: Shown.STAND_IN,
    Audience.EXPORT: Shown.COUNTED,
    Audience.EXPORT_CONFIDENTIAL: Shown.IN_FULL,
}
"""How a confidential item is shown to each audience."""


def visibility(kind: Kind, facts: Facts, audience: Audience) -> Shown:
    """Whether and how an item of this kind, with these facts, is shown to this audience."""
    if audience is Audience.FACILITATOR:
        return Shown.IN_FULL
    if kind in FACILITATOR_ONLY:
        return Shown.NOT_AT_ALL
    if audience.in_the_room and (kind in NOT_IN_THE_ROOM or facts.hidden):
        return Shown.NOT_AT_ALL
    if not facts.confidential:
        return Shown.IN_FULL
    shown = CONFIDENTIAL[audience]
    if kind in PARTS and shown is not Shown.IN_FULL:
        return Shown.NOT_AT_ALL
    return shown


def shows(kind: Kind, audience: Audience, *, confidential: bool = False, hidden: bool = False) -> bool:
    """Whether the item's own words are shown to this audience (in full)."""
    return visibility(kind, Facts(confidential, hidden), audience) is Shown.IN_FULL


def said_by(
    attribution: Attribution | str,
    person: str | None,
    organisation: str | None,
    audience: Audience,
    *,
    naming: Naming = Naming.PEOPLE,
) -> str | None:
    """Who an item is credited to for this audience, or None for nobody.

    `person`: how the person is shown ("Dana, school board"), for a named item;
    `organisation`: the organisation credited, or the named person's own.
    A person's name reaches only the facilitator and an export that names people
    (`naming`); everyone else sees the person's organisation, or nobody. An export
    that names nobody credits nothing to anyone.
    """
    attribution = Attribution(attribution)
    if attribution is Attribution.ANONYMOUS or (audience.is_export and naming is Naming.NOBODY):
        return None
    if attribution is Attribution.ORGANISATION:
        return organisation or None
    if audience is Audience.FACILITATOR or (audience.is_export and naming is Naming.PEOPLE):
        return person or organisation or None
    return organisation or None
