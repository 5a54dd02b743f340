"""The register from the command line: `agreements` and `actions` list them with short ids;
`agreement review|revise|retire ID` and `action done|drop ID` change one, in a meeting or between
meetings.

Each change goes through the use case the register screen uses (`usecases.register`), so the same
rules hold and the same messages are given. Nothing printed quotes a confidential item unless
`--include-confidential` is given, and no message quotes one at all.
"""

from __future__ import annotations

import argparse

from meetingkit.cli.elephants import SHORT_ID, short_ids
from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import partnership_named
from meetingkit.cli.output import print_columns
from meetingkit.context import Context
from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.clock import describe_day, local
from meetingkit.core.dates import describe_date, parse_optional_date
from meetingkit.core.lines import CONFIDENTIAL_ITEM
from meetingkit.core.models import ActionStatus, Partnership
from meetingkit.store import Store
from meetingkit.usecases import register

CLOSES = {"done": ActionStatus.DONE, "drop": ActionStatus.DROPPED}
"""`meetingkit action CLOSE`: how each closes the action."""

AGREEMENT_CHANGES = ("review", "revise", "retire")
"""`meetingkit agreement CHANGE`."""


def _partnerships(store: Store, name: str | None) -> list[Partnership]:
    return [partnership_named(store, name)] if name else store.partnerships.all()


def command_agreements(context: Context, args: argparse.Namespace) -> int:
    """List the standing agreements (every one with --all) with short ids, those due for review first."""
    with context.open_store() as store:
        partnerships = _partnerships(store, args.partnership)
        today = local(store.clock.now()).date()
        found = [
            (p.name, a) for p in partnerships
            for a in store.business.agreement_register(p.id, include_confidential=True)
            if args.all or a.is_standing
        ]
    if not found:
        print(("No agreements." if args.all else "No standing agreements.") if partnerships else "No partnerships yet.")
        return ExitCode.OK
    found.sort(key=lambda item: not item[1].due_for_review(today))
    audience = Audience.review(include_confidential=args.include_confidential)
    shown = short_ids([a.id for _, a in found])
    header = ("id", "status", "review", *(() if args.partnership else ("partnership",)), "agreement")
    rows = [
        (
            shown[a.id],
            a.status.value,
            ("due " if a.due_for_review(today) else "") + (describe_date(a.review_on, today) if a.review_on else "-"),
            *(() if args.partnership else (name,)),
            a.text if shows(Kind.AGREEMENT, audience, confidential=a.confidential) else f"({CONFIDENTIAL_ITEM})",
        )
        for name, a in found
    ]
    print_columns([header, *rows])
    return ExitCode.OK


def command_actions(context: Context, args: argparse.Namespace) -> int:
    """List the open actions with short ids, the earliest due first."""
    with context.open_store() as store:
        partnerships = _partnerships(store, args.partnership)
        now = store.clock.now()
        today = local(now).date()
        found = [(p.name, a) for p in partnerships
                 for a in store.business.open_actions(p.id, include_confidential=True)]
    if not found:
        print("No open actions." if partnerships else "No partnerships yet.")
        return ExitCode.OK
    audience = Audience.review(include_confidential=args.include_confidential)
    shown = short_ids([a.id for _, a in found])
    header = ("id", "due", "owner", "agreed", *(() if args.partnership else ("partnership",)), "action")
    rows = [
        (
            shown[a.id],
            describe_date(a.due_on, today) if a.due_on else "-",
            a.owner or "-",
            describe_day(a.opened_at, today=now),
            *(() if args.partnership else (name,)),
            a.text if shows(Kind.ACTION, audience, confidential=a.confidential) else f"({CONFIDENTIAL_ITEM})",
        )
        for name, a in found
    ]
    print_columns([header, *rows])
    return ExitCode.OK


def command_agreement(context: Context, args: argparse.Namespace) -> int:
    """Review, revise or retire one agreement, through the register screen's own use case."""
    if args.change != "revise" and args.text is not None:
        raise CommandError("--text is the new wording of `agreement revise`.")
    if args.change != "review" and args.due is not None:
        raise CommandError("--due is the next review day of `agreement review`.")
    if args.change == "revise" and not (args.text or "").strip():
        raise CommandError("Give the agreement's new wording with --text.")
    with context.open_store() as store:
        today = local(store.clock.now()).date()
        try:
            agreement = store.business.find_agreement(args.agreement_id)
            short = agreement.id[-SHORT_ID:]
            if args.change == "review":
                when = parse_optional_date(args.due or "", today)
                register.review_agreement(store, agreement.id, when)
                said = f"{short} confirmed; " + (f"next review {describe_date(when, today)}." if when
                                                 else "no further review planned.")
            elif args.change == "revise":
                revised = register.revise_agreement(store, agreement.id, args.text)
                said = f"{short} revised; its new wording is {revised.id[-SHORT_ID:]}."
            else:
                register.retire_agreement(store, agreement.id)
                said = f"{short} retired."
        except (LookupError, ValueError) as problem:
            raise CommandError(str(problem)) from None
    print(said)
    return ExitCode.OK


def command_action(context: Context, args: argparse.Namespace) -> int:
    """Mark one open action done or dropped, between meetings or in one."""
    status = CLOSES[args.close]
    with context.open_store() as store:
        try:
            action = store.business.find_action(args.action_id)
            register.close_action(store, action.id, status)
        except (LookupError, ValueError) as problem:
            raise CommandError(str(problem)) from None
    print(f"{action.id[-SHORT_ID:]} {status.value}.")
    return ExitCode.OK
