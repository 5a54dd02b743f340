"""A partnership's organisations from the command line (issue 16): `organisations` lists them with
their aliases and how many people each has; `organisation merge NAME INTO_NAME` joins two that are
one (`OCSB` and the Ottawa Catholic School Board); `organisation alias NAME ALIAS` lets one be
typed by another name. Names are matched in any case, aliases included, as at the door.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import partnership_named
from meetingkit.cli.output import print_columns
from meetingkit.context import Context
from meetingkit.core.i18n import _, pgettext
from meetingkit.core.models import Organisation
from meetingkit.core.text import TextTooLong
from meetingkit.store import Store
from meetingkit.store.partnerships import NameRefused


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
        print(_("No organisations in {partnership} yet.").format(partnership=partnership.name))
        return ExitCode.OK
    heading = (pgettext("column", "people"), pgettext("column", "aliases"), pgettext("column", "organisation"))
    print_columns([heading] + [
        (people.get(o.id, 0), _aliases(o.aliases), o.name) for o in organisations
    ])
    return ExitCode.OK


def command_organisation_merge(context: Context, args: argparse.Namespace) -> int:
    """Join one organisation into another; print what it is now and its aliases."""
    return _named_again(context, args, pgettext("column", "merged into"),
                        lambda store, partnership: store.partnerships.merge_organisations(
                            partnership, args.name, args.into_name))


def command_organisation_alias(context: Context, args: argparse.Namespace) -> int:
    """Give an organisation another name; print it with its aliases."""
    return _named_again(context, args, pgettext("column", "organisation"),
                        lambda store, partnership: store.partnerships.add_alias(partnership, args.name, args.alias))


def _named_again(
    context: Context, args: argparse.Namespace, heading: str, change: Callable[[Store, str], Organisation]
) -> int:
    """Merge or alias (`change`, given the store and the partnership's id), then print the organisation
    the name now finds, with its aliases and people; a refusal is one line."""
    with context.open_store() as store:
        partnership = partnership_named(store, args.partnership)
        try:
            organisation = change(store, partnership.id)
        except (NameRefused, TextTooLong) as problem:
            raise CommandError(f"{problem}.") from None
        people = store.partnerships.people_counts(partnership.id).get(organisation.id, 0)
    print_columns([
        (heading, organisation.name),
        (pgettext("column", "aliases"), _aliases(organisation.aliases)),
        (pgettext("column", "people"), people),
    ])
    return ExitCode.OK
