"""A partnership's organisations from the command line (issue 16): `organisations` lists them with
their aliases and how many people each has; `organisation merge NAME INTO_NAME` joins two that are
one (`OCSB` and the Ottawa Catholic School Board); `organisation alias NAME ALIAS` lets one be
typed by another name. Names are matched in any case, aliases included, as at the door.
"""

from __future__ import annotations

import argparse
from typing import TypeAlias

from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import partnership_named
from meetingkit.cli.output import print_columns
from meetingkit.context import Context
from meetingkit.core.text import TextTooLong
from meetingkit.store.partnerships import NameRefused

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_organisation_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`organisations --partnership P` and `organisation merge|alias ... --partnership P`."""
    listing = commands.add_parser(
        "organisations", parents=[common], help="list a partnership's organisations, with aliases and people counts"
    )
    listing.add_argument("--partnership", metavar="NAME", required=True, help="the partnership (any case)")
    listing.add_argument("--include-confidential", action="store_true",
                         help="also organisations named only in confidential items (left out by default)")
    listing.set_defaults(run=command_organisations, warns_about_place=True)

    organisation = commands.add_parser(
        "organisation", parents=[common],
        help="merge one of a partnership's organisations into another, or give one an alias",
    )
    changes = organisation.add_subparsers(dest="organisation_change", metavar="CHANGE", required=True)
    merge = changes.add_parser(
        "merge", parents=[common], help="join NAME into INTO_NAME: everything naming NAME names INTO_NAME, "
        "and NAME stays as its alias",
    )
    merge.add_argument("name", metavar="NAME", help="the organisation to join into the other (any case)")
    merge.add_argument("into_name", metavar="INTO_NAME", help="the organisation that stays (any case)")
    merge.add_argument("--partnership", metavar="NAME", required=True, help="the partnership (any case)")
    merge.set_defaults(run=command_organisation_merge, warns_about_place=True)
    alias = changes.add_parser("alias", parents=[common], help="let NAME also be typed as ALIAS (a name not yet used)")
    alias.add_argument("name", metavar="NAME", help="the organisation (any case)")
    alias.add_argument("alias", metavar="ALIAS", help="the other name it goes by")
    alias.add_argument("--partnership", metavar="NAME", required=True, help="the partnership (any case)")
    alias.set_defaults(run=command_organisation_alias, warns_about_place=True)


def _aliases(aliases: tuple[str, ...]) -> str:
    return ", ".join(aliases) if aliases else "-"


def command_organisations(context: Context, args: argparse.Namespace) -> int:
    """The partnership's organisations, alphabetically: people, aliases, name."""
    with context.open_store() as store:
        partnership = partnership_named(store, args.partnership)
        organisations = store.partnerships.organisations(
            partnership.id, include_confidential=args.include_confidential)
        people = store.partnerships.people_counts(partnership.id)
    if not organisations:
        print(f"No organisations in {partnership.name} yet.")
        return ExitCode.OK
    print_columns([("people", "aliases", "organisation")] + [
        (people.get(o.id, 0), _aliases(o.aliases), o.name) for o in organisations
    ])
    return ExitCode.OK


def command_organisation_merge(context: Context, args: argparse.Namespace) -> int:
    """Join one organisation into another; print what it is now and its aliases."""
    with context.open_store() as store:
        partnership = partnership_named(store, args.partnership)
        try:
            merged = store.partnerships.merge_organisations(partnership.id, args.name, args.into_name)
        except (NameRefused, TextTooLong) as problem:
            raise CommandError(f"{problem}.") from None
        people = store.partnerships.people_counts(partnership.id).get(merged.id, 0)
    print_columns([("merged into", merged.name), ("aliases", _aliases(merged.aliases)), ("people", people)])
    return ExitCode.OK


def command_organisation_alias(context: Context, args: argparse.Namespace) -> int:
    """Give an organisation another name; print it with its aliases."""
    with context.open_store() as store:
        partnership = partnership_named(store, args.partnership)
        try:
            named = store.partnerships.add_alias(partnership.id, args.name, args.alias)
        except (NameRefused, TextTooLong) as problem:
            raise CommandError(f"{problem}.") from None
        people = store.partnerships.people_counts(partnership.id).get(named.id, 0)
    print_columns([("organisation", named.name), ("aliases", _aliases(named.aliases)), ("people", people)])
    return ExitCode.OK
