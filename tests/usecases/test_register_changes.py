"""The register's changes (issue 16): agreements reviewed, revised, retired, and actions closed,
by one use case the register screen, the review section and the command line share."""

from __future__ import annotations

from datetime import date

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ActionStatus, AgreementStatus, Attribution
from meetingkit.store import Store
from meetingkit.usecases import register
from meetingkit.usecases.meetings import end_meeting, start_meeting
from tests.helpers import DAY


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    return start_meeting(store, "Schools and settlement", library.agendas["operational"], title="October")


def test_a_review_confirms_with_a_new_day_and_takes_it_off_the_due_list(store: Store, meeting, clock: FrozenClock) -> None:
    today = clock.now().date()
    agreement = store.business.add_agreement(meeting.id, "Workers are school-based", review_on=today)
    assert [a.id for a in store.business.agreements_due(meeting.partnership_id, today)] == [agreement.id]
    register.review_agreement(store, agreement.id, date(today.year + 1, 1, 1))
    assert store.business.agreement(agreement.id).review_on == date(today.year + 1, 1, 1)
    assert store.business.agreements_due(meeting.partnership_id, today) == []


def test_a_revision_keeps_the_old_wording_and_carries_parties_credit_and_confidentiality(
    store: Store, meeting, clock: FrozenClock
) -> None:
    board = store.partnerships.ensure_organisation(meeting.partnership_id, "School board")
    old = store.business.add_agreement(
        meeting.id, "Two weeks ahead", party_organisation_ids=[board.id], review_on=clock.now().date(),
        confidential=True, attribution=Attribution.ORGANISATION, organisation_id=board.id,
    )
    end_meeting(store, meeting.id)
    clock.advance(DAY)
    new = register.revise_agreement(store, old.id, "Three weeks ahead")
    assert (new.text, new.parties, new.review_on, new.confidential, new.status) == (
        "Three weeks ahead", ("School board",), old.review_on, True, AgreementStatus.ACTIVE)
    assert new.meeting_id is None, "revised between meetings"
    kept = store.business.agreement(old.id)
    assert (kept.text, kept.status) == ("Two weeks ahead", AgreementStatus.REVISED)
    row = store.db.rows("SELECT attribution, organisation_id FROM agreements WHERE id = ?", [new.id])[0]
    assert tuple(row) == ("organisation", board.id)
    assert [a.id for a in store.business.agreements_due(meeting.partnership_id, clock.now().date())] == [new.id]


@pytest.mark.parametrize("change", ["review", "revise", "retire"])
@pytest.mark.parametrize("gone", [AgreementStatus.RETIRED, AgreementStatus.REVISED])
def test_an_agreement_no_longer_standing_is_refused_and_left_as_it_was(
    store: Store, meeting, change: str, gone: AgreementStatus
) -> None:
    agreement = store.business.add_agreement(meeting.id, "Workers are school-based")
    if gone is AgreementStatus.RETIRED:
        register.retire_agreement(store, agreement.id)
    else:
        register.revise_agreement(store, agreement.id, "Workers are school-based, not school-bound")
    before = store.db.rows("SELECT * FROM agreements ORDER BY id")
    with pytest.raises(ValueError, match="retired" if gone is AgreementStatus.RETIRED else "revised"):
        if change == "review":
            register.review_agreement(store, agreement.id, None)
        elif change == "revise":
            register.revise_agreement(store, agreement.id, "Anything")
        else:
            register.retire_agreement(store, agreement.id)
    assert [tuple(r) for r in store.db.rows("SELECT * FROM agreements ORDER BY id")] == [tuple(r) for r in before]


def test_a_closed_action_is_not_closed_again_and_another_partnerships_meeting_is_refused(
    store: Store, meeting, library: AgendaLibrary
) -> None:
    action = store.business.add_action(meeting.id, "Send the dates")
    register.close_action(store, action.id, ActionStatus.DONE, meeting_id=meeting.id)
    with pytest.raises(ValueError, match="done already"):
        register.close_action(store, action.id, ActionStatus.DROPPED)
    other = start_meeting(store, "Literacy network", library.agendas["operational"], title="Elsewhere")
    second = store.business.add_action(meeting.id, "Map the area")
    with pytest.raises(register.RegisterRefused):
        register.close_action(store, second.id, ActionStatus.DONE, meeting_id=other.id)
    assert store.business.action(second.id).status is ActionStatus.OPEN


def test_short_ids_find_one_and_refuse_several(store: Store, meeting) -> None:
    board = store.partnerships.ensure_organisation(meeting.partnership_id, "School board")
    credit = {"attribution": Attribution.ORGANISATION, "organisation_id": board.id}
    first = store.business.add_agreement(meeting.id, "One", **credit)
    second = store.business.add_agreement(meeting.id, "Two", **credit)
    assert store.business.find_agreement(first.id[-8:].upper()).id == first.id
    shared = next(first.id[:n] for n in range(len(first.id), 0, -1) if second.id.startswith(first.id[:n]))
    assert len(shared) >= 6, "ids made in the same instant share their start"
    with pytest.raises(LookupError, match="several"):
        store.business.find_agreement(shared)
    with pytest.raises(LookupError, match="No action"):
        store.business.find_action("abcdef")
