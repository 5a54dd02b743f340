"""The glossary's corrections from the command line: `terms` lists a partnership's terms with short
ids, tallies and the near-duplicates worth merging; `term rename ID NEW` and `term merge ID INTO_ID`
correct one, as the glossary screen's `r` and `m` do.

Nothing printed quotes a confidential term unless `--include-confidential` is given, and no message
quotes one at all (`store.jargon`'s messages name it "a confidential term").
"""

from __future__ import annotations

import argparse

from meetingkit.cli.elephants import SHORT_ID, short_ids
from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import partnership_named
from meetingkit.cli.output import masked, print_columns
from meetingkit.context import Context
from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.i18n import _, ngettext, pgettext
from meetingkit.core.models import TermLanguage
from meetingkit.store import Store

TERM_CHANGES = ("rename", "merge", "language")
"""`meetingkit term CHANGE`."""


def command_terms(context: Context, args: argparse.Namespace) -> int:
    """List a partnership's terms with short ids and tallies, and the near-duplicates it could merge."""
    audience = Audience.review(include_confidential=args.include_confidential)
    with context.open_store() as store:
        partnership = partnership_named(store, args.partnership)
        terms = store.jargon.glossary(partnership.id)
        near = store.jargon.near_duplicate_pairs(partnership.id)
    if not terms:
        print(_("No terms yet in {partnership}.").format(partnership=partnership.name))
        return ExitCode.OK
    shown = short_ids([t.id for t in terms])
    names = {t.id: t.display if shows(Kind.TERM, audience, confidential=t.confidential) else masked()
             for t in terms}
    rows: list[tuple[object, ...]] = [
        (pgettext("column", "id"), pgettext("column", "raised"), pgettext("column", "meanings"),
         pgettext("column", "term"))
    ]
    rows += [(shown[t.id], t.total, len(t.meanings), names[t.id] + (_("  (unexplained)") if t.unexplained else ""))
             for t in terms]
    print_columns(rows)
    suggestions = [
        _("{term} ({id}) looks like {other} ({other_id})").format(
            term=names[term], id=shown[term], other=names[other], other_id=shown[other])
        for term, others in near.items() for other in others
        if term < other and term in names and other in names
    ]
    if suggestions:
        print()
        print(_("Maybe the same term (merge with `meetingkit term merge ID INTO_ID`):"))
        for line in suggestions:
            print(f"  {line}")
    return ExitCode.OK


def command_term(context: Context, args: argparse.Namespace) -> int:
    """Rename one term, or merge it into another."""
    with context.open_store() as store:
        try:
            term_id = store.jargon.find_term(args.term_id)
            short = term_id[-SHORT_ID:]
            if args.change == "rename":
                store.jargon.rename_term(term_id, args.target)
                said = _("{id} renamed.").format(id=short)
            elif args.change == "language":
                said = _set_language(store, term_id, short, args.target)
            else:
                into_id = store.jargon.find_term(args.target)
                store.jargon.merge_terms(term_id, into_id)
                total = store.jargon.board_term(into_id).total
                # English has always said "raised 1 times" here; French gets its singular.
                said = ngettext("{id} merged into {into}, now raised {total} times.",
                                "{id} merged into {into}, now raised {total} times.", total).format(
                    id=short, into=into_id[-SHORT_ID:], total=total)
        except (LookupError, ValueError) as problem:
            raise CommandError(str(problem)) from None
    print(said)
    return ExitCode.OK


TERM_LANGUAGES = {"en": TermLanguage.EN, "fr": TermLanguage.FR, "none": None}
"""What `term language ID LANG` takes: English, French, or neither said."""


def _set_language(store: Store, term_id: str, short: str, chosen: str) -> str:
    """`term language ID en|fr|none`: the language a term belongs to, for the glossary's filter."""
    key = chosen.strip().casefold()
    if key not in TERM_LANGUAGES:
        raise ValueError(_("A term's language is en, fr or none, not {given}.").format(given=repr(chosen)))
    store.jargon.set_language(term_id, TERM_LANGUAGES[key])
    said = {
        "en": _("{term} is now an English term."),
        "fr": _("{term} is now a French term."),
        "none": _("{term} now has no language said."),
    }
    return said[key].format(term=short)
