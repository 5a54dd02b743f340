"""Completions for the quick-entry fields: organisations the partnership already knows."""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester


class OrganisationSuggester(Suggester):
    """Completes the organisation after the comma in "name, organisation".

    Typing "Dana, sch" offers "Dana, school board", so each organisation keeps one
    spelling across meetings instead of five.
    """

    def __init__(self, organisations: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.organisations = sorted(set(organisations), key=str.casefold)

    async def get_suggestion(self, value: str) -> str | None:
        head, comma, tail = value.partition(",")
        typed = tail.lstrip() if comma else head.lstrip()
        if not typed:
            return None
        for organisation in self.organisations:
            if organisation.casefold().startswith(typed.casefold()) and organisation != typed:
                return f"{head}, {organisation}" if comma else organisation
        return None
