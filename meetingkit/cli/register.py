"""The register from the command line: `agreements` and `actions` list them with short ids;
`agreement review|revise|retire|edit|delete ID` and `action done|drop|edit|delete ID` change one, in a
meeting or between meetings, and `agreement|action history ID` shows what was decided and corrected.

Each change goes through the use case the register screen uses (`usecases.register`), so the same
rules hold and the same messages are given. Nothing printed quotes a confidential item unless
`--include-confidential` is given, and no message quotes one at all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from meetingkit.cli.elephants import SHORT_ID, short_ids
from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import partnership_named
from meetingkit.cli.maintenance import CONFIRM_WORD
from meetingkit.cli.output import masked, print_columns, print_error, print_warning
from meetingkit.context import Context
from meetingkit.core import lines
from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.clock import describe_day, local
from meetingkit.core.dates import describe_date, parse_optional_date, second_look
from meetingkit.core.i18n import _, pgettext
from meetingkit.core.lines import Rendered, change_line
from meetingkit.core.models import ActionStatus, AgreementStatus, ChangedTable, Partnership
from meetingkit.core.text import terminal_safe
from meetingkit.store import Store
from meetingkit.usecases import register
from meetingkit.usecases.register import UNCHANGED

CLOSES = {"done": ActionStatus.DONE, "drop": ActionStatus.DROPPED}
"""`meetingkit action CLOSE`: how each closes the action."""

AGREEMENT_CHANGES = ("review", "revise", "retire", "edit", "delete", "history")
"""`meetingkit agreement CHANGE`: `edit` fixes a typo or the review day in place (kept in its history);
`revise` is a change of substance, a new agreement with the old wording kept, marked revised."""

ACTION_CHANGES = (*CLOSES, "edit", "delete", "history")
"""`meetingkit action CHANGE`."""


def agreement_status_words(status: AgreementStatus) -> str:
    """An agreement's status as the listing shows it, in the language in use."""
    return {
        AgreementStatus.ACTIVE: pgettext("agreement status", "active"),
        AgreementStatus.REVISED: pgettext("agreement status", "revised"),
        AgreementStatus.RETIRED: pgettext("agreement status", "retired"),
    }[status]


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
        print((_("No agreements.") if args.all else _("No standing agreements.")) if partnerships
              else _("No partnerships yet."))
        return ExitCode.OK
    found.sort(key=lambda item: not item[1].due_for_review(today))
    audience = Audience.review(include_confidential=args.include_confidential)
    shown = short_ids([a.id for _, a in found])
    header = (
        pgettext("column", "id"), pgettext("column", "status"), pgettext("column", "review"),
        *(() if args.partnership else (pgettext("column", "partnership"),)), pgettext("column", "agreement"),
    )
    rows = [
        (
            shown[a.id],
            agreement_status_words(a.status),
            _review_cell(a.review_on, a.due_for_review(today), today),
            *(() if args.partnership else (name,)),
            a.text if shows(Kind.AGREEMENT, audience, confidential=a.confidential) else masked(),
        )
        for name, a in found
    ]
    print_columns([header, *rows])
    return ExitCode.OK


def _review_cell(review_on: date | None, due: bool, today: date) -> str:
    """When an agreement is next reviewed ("-" for never), said to be due when it is."""
    when = describe_date(review_on, today) if review_on else "-"
    return _("due {day}").format(day=when) if due else when


def command_actions(context: Context, args: argparse.Namespace) -> int:
    """List the open actions with short ids, the earliest due first."""
    with context.open_store() as store:
        partnerships = _partnerships(store, args.partnership)
        now = store.clock.now()
        today = local(now).date()
        found = [(p.name, a) for p in partnerships
                 for a in store.business.open_actions(p.id, include_confidential=True)]
    if not found:
        print(_("No open actions.") if partnerships else _("No partnerships yet."))
        return ExitCode.OK
    audience = Audience.review(include_confidential=args.include_confidential)
    shown = short_ids([a.id for _, a in found])
    header = (
        pgettext("column", "id"), pgettext("column", "due"), pgettext("column", "owner"),
        pgettext("column", "agreed"), *(() if args.partnership else (pgettext("column", "partnership"),)),
        pgettext("column", "action"),
    )
    rows = [
        (
            shown[a.id],
            describe_date(a.due_on, today) if a.due_on else "-",
            a.owner or "-",
            describe_day(a.opened_at, today=now),
            *(() if args.partnership else (name,)),
            a.text if shows(Kind.ACTION, audience, confidential=a.confidential) else masked(),
        )
        for name, a in found
    ]
    print_columns([header, *rows])
    return ExitCode.OK


OPTIONS = {
    "agreement": {
        "review": ("due", "note"), "revise": ("text", "note"), "retire": ("note",), "edit": ("text", "due", "note"),
        "delete": ("yes", "note"), "history": ("include_confidential",),
    },
    "action": {
        "done": ("note",), "drop": ("note",), "edit": ("text", "owner", "due", "note"), "delete": ("yes", "note"),
        "history": ("include_confidential",),
    },
}
"""Which options each change takes; another is a usage error."""


def _misused(noun: str, args: argparse.Namespace) -> str | None:
    """What is wrong with the options given for this change, or None."""
    allowed = OPTIONS[noun][args.change]
    for option in ("due", "text", "note", "owner", "yes", "include_confidential"):
        given = getattr(args, option, None)
        if given not in (None, False) and option not in allowed:
            takes = ", ".join("--" + o.replace("_", "-") for o in allowed) or _("no options")
            return _("--{option} is not for `{command}`, which takes {takes}.").format(
                option=option.replace("_", "-"), command=f"{noun} {args.change}", takes=takes)
    if args.change == "revise" and not (args.text or "").strip():
        return _("Give the agreement's new wording with --text.")
    if args.change == "edit" and all(getattr(args, o, None) is None for o in ("text", "owner", "due")):
        return (_("Say what to correct with --text or --due.") if noun == "agreement"
                else _("Say what to correct with --text, --owner or --due."))
    return None


def _usage(problem: str) -> int:
    print_error(problem)
    return ExitCode.USAGE


def _read_date(phrase: str | None, today: date, said: str) -> date | None:
    """A date typed as `capture --due` takes it, said back on stderr with a second look when it may not
    be the one meant (in the past, or a plain "2 Dec" almost a year away)."""
    when = parse_optional_date(phrase or "", today)
    if when is not None:
        print(said.format(day=describe_date(when, today)), file=sys.stderr)
        look = second_look(phrase or "", when, today)
        if look:
            print_warning(look)
    return when


def _confirm(what: str, yes: bool) -> bool:
    """Asked on a terminal, as `purge` asks; a script says --yes."""
    if not yes and not sys.stdin.isatty():
        raise CommandError(_("Nothing was deleted: add --yes to delete without being asked."))
    print(what)
    if yes:
        return True
    answer = input(_('Its history keeps what it said. Type "{word}" to delete it: ').format(word=CONFIRM_WORD))
    if answer.strip().casefold() != CONFIRM_WORD:
        print(_("Nothing was deleted."))
        return False
    return True


def _print_history(store: Store, table: ChangedTable, row_id: str, heading: str, include_confidential: bool) -> None:
    audience = Audience.review(include_confidential=include_confidential)
    changes = register.history(store, table, row_id)
    names = store.business.history_names(changes)
    today = local(store.clock.now()).date()
    print(terminal_safe(heading))
    shown = [line for line in (change_line(c, audience, today=today, names=names) for c in changes) if line]
    for line in shown:
        print("  " + " ".join(terminal_safe(line.text).split()))
    if not shown:
        print(_("  No decisions or corrections yet."))


def _heading(line: Rendered | None, short: str) -> str:
    return f"{short}  {' '.join(line.text.split())}" if line is not None else short


def _history_of(
    store: Store, table: ChangedTable, reference: str, find: Callable[[str], Any],
    line_of: Callable[[Any], Rendered | None], include_confidential: bool,
) -> None:
    """Print an agreement's or action's history: one still here is headed as the register shows it;
    one deleted is still found by its id in its history."""
    try:
        item = find(reference)
    except LookupError:
        gone = store.business.find_deleted(table, reference)
        _print_history(store, table, gone, _("{id}  (deleted)").format(id=gone[-SHORT_ID:]), include_confidential)
        return
    _print_history(store, table, item.id, _heading(line_of(item), item.id[-SHORT_ID:]), include_confidential)


def command_agreement(context: Context, args: argparse.Namespace) -> int:
    """Review, revise, retire, correct or delete one agreement, through the register screen's own use
    case, or show its history."""
    problem = _misused("agreement", args)
    if problem:
        return _usage(problem)
    note = args.note or ""
    with context.open_store() as store:
        today = local(store.clock.now()).date()
        audience = Audience.review(include_confidential=args.include_confidential)
        try:
            if args.change == "history":
                _history_of(store, ChangedTable.AGREEMENTS, args.agreement_id, store.business.find_agreement,
                            lambda agreement: lines.register_agreement_line(agreement, audience, today=today),
                            args.include_confidential)
                return ExitCode.OK
            agreement = store.business.find_agreement(args.agreement_id)
            short = agreement.id[-SHORT_ID:]
            if args.change == "review":
                when = parse_optional_date(args.due or "", today)
                register.review_agreement(store, agreement.id, when, note=note)
                said = (_("{id} confirmed; next review {day}.").format(id=short, day=describe_date(when, today))
                        if when else _("{id} confirmed; no further review planned.").format(id=short))
            elif args.change == "revise":
                revised = register.revise_agreement(store, agreement.id, args.text)
                said = _("{id} revised; its new wording is {new_id}.").format(id=short, new_id=revised.id[-SHORT_ID:])
            elif args.change == "retire":
                register.retire_agreement(store, agreement.id, note=note)
                said = _("{id} retired.").format(id=short)
            elif args.change == "edit":
                if not agreement.is_standing:
                    raise ValueError(
                        _("That agreement was revised: it no longer stands, so its words are kept as they were.")
                        if agreement.status is AgreementStatus.REVISED
                        else _("That agreement was retired: it no longer stands, so its words are kept as they were.")
                    )
                review = _("meetingkit: review {day}")
                when = _read_date(args.due, today, review) if args.due is not None else UNCHANGED
                changed = register.edit_agreement(store, agreement.id, text=args.text, review_on=when, note=note)
                said = (_("{id} corrected.") if changed else _("{id} already says that; nothing changed.")).format(
                    id=short)
            else:
                line = lines.register_agreement_line(agreement, audience, today=today)
                if not _confirm(_("This deletes {item} for good.").format(item=_heading(line, short)), args.yes):
                    return ExitCode.FAILED
                register.delete_agreement(store, agreement.id, note=note)
                said = _("{id} deleted.").format(id=short)
        except (LookupError, ValueError) as problem_:
            raise CommandError(str(problem_)) from None
    print(said)
    return ExitCode.OK


def command_action(context: Context, args: argparse.Namespace) -> int:
    """Mark one open action done or dropped, correct or delete one, between meetings or in one, or show
    its history."""
    problem = _misused("action", args)
    if problem:
        return _usage(problem)
    note = args.note or ""
    with context.open_store() as store:
        today = local(store.clock.now()).date()
        audience = Audience.review(include_confidential=args.include_confidential)
        try:
            if args.change == "history":
                _history_of(store, ChangedTable.ACTIONS, args.action_id, store.business.find_action,
                            lambda action: lines.register_action_line(action, audience, today=today),
                            args.include_confidential)
                return ExitCode.OK
            action = store.business.find_action(args.action_id)
            short = action.id[-SHORT_ID:]
            if args.change in CLOSES:
                status = CLOSES[args.change]
                register.close_action(store, action.id, status, note=note)
                said = (_("{id} done.") if status is ActionStatus.DONE else _("{id} dropped.")).format(id=short)
            elif args.change == "edit":
                due = _("meetingkit: due {day}")
                when = _read_date(args.due, today, due) if args.due is not None else UNCHANGED
                edit = register.ActionEdit(text=args.text, owner=args.owner, due_on=when)
                changed = register.edit_action(store, action.id, edit, note=note)
                said = (_("{id} corrected.") if changed else _("{id} already says that; nothing changed.")).format(
                    id=short)
                if changed and args.owner is not None:
                    owner = store.business.action(action.id).owner
                    said += _(" Owner: {owner}.").format(owner=owner) if owner else _(" No owner yet.")
            else:
                line = lines.register_action_line(action, audience, today=today)
                if not _confirm(_("This deletes {item} for good.").format(item=_heading(line, short)), args.yes):
                    return ExitCode.FAILED
                register.delete_action(store, action.id, note=note)
                said = _("{id} deleted.").format(id=short)
        except (LookupError, ValueError) as problem_:
            raise CommandError(str(problem_)) from None
    print(terminal_safe(said))
    return ExitCode.OK
