"""Who a capture is credited to: the columns written with it, and how they are read back."""

from __future__ import annotations

from typing import Any

from meetingkit.core.i18n import _
from meetingkit.core.models import Attribution

SAID_BY = """CASE {row}.attribution WHEN 'anonymous' THEN 'anonymous'
    WHEN 'organisation' THEN coalesce(o.name, 'an organisation')
    ELSE coalesce(p.name || coalesce(', ' || po.name, ''), po.name, 'someone') END"""
"""Who a captured row is credited to, as people read it: "anonymous", "school board", "Dana, school board"."""

SAID_BY_JOINS = """LEFT JOIN organisations o ON o.id = {row}.organisation_id
    LEFT JOIN people p ON p.id = {row}.person_id
    LEFT JOIN organisations po ON po.id = p.organisation_id"""
"""The joins `SAID_BY` needs, for the captured row aliased `{row}`."""


def credit_columns(attribution: Attribution, person_id: str | None, organisation_id: str | None) -> dict[str, Any]:
    """The attribution columns for a capture. Anonymous keeps nobody, not even a hidden id."""
    attribution = Attribution(attribution)
    if attribution is Attribution.ANONYMOUS:
        return {"attribution": attribution.value, "person_id": None, "organisation_id": None}
    if attribution is Attribution.ORGANISATION:
        if not organisation_id:
            raise ValueError(_("Say which organisation, or make it anonymous."))
        return {"attribution": attribution.value, "person_id": None, "organisation_id": organisation_id}
    if not person_id:
        raise ValueError(_("Say who, or make it anonymous."))
    return {"attribution": attribution.value, "person_id": person_id, "organisation_id": organisation_id}
