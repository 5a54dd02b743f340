"""The parking lot from the command line: `elephants` lists open elephants with short ids, and
`elephant discuss|address|let-go ID` moves one on (a scribe's second terminal, a script).

A move goes through the use case the console uses (`usecases.capture.move_elephant`), so the
same moves are allowed from the same places and the history records the same thing. Nothing
printed quotes a confidential elephant unless `--include-confidential` is given, and no message
quotes one at all.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import partnership_named, pick_meeting
from meetingkit.cli.output import masked, print_columns
from meetingkit.context import Context
from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.clock import describe_day
from meetingkit.core.i18n import _, ngettext, pgettext
from meetingkit.core.models import Elephant, ElephantStatus, MeetingStatus
from meetingkit.store.errors import MeetingEnded
from meetingkit.usecases.capture import move_elephant

MOVES = {
    "discuss": ElephantStatus.DISCUSSING,
    "address": ElephantStatus.ADDRESSED,
    "let-go": ElephantStatus.LET_GO,
}
"""`meetingkit elephant MOVE`: where each move takes the elephant."""

SHORT_ID = 8
"""How many of an id's last characters `elephants` prints (the random end; `elephant` takes any 6+)."""


def short_ids(ids: Sequence[str]) -> dict[str, str]:
    """Each id's last `SHORT_ID` characters, or more where two listed would otherwise look the same."""
    length = SHORT_ID
    while length < max((len(i) for i in ids), default=0) and len({i[-length:] for i in ids}) < len(set(ids)):
        length += 2
    return {i: i[-length:] for i in ids}


def status_words(status: ElephantStatus) -> str:
    """An elephant's status as people say it ("parked", "let go"), in the language in use."""
    return {
        ElephantStatus.PARKED: _("parked"),
        ElephantStatus.DISCUSSING: _("discussing"),
        ElephantStatus.ADDRESSED: _("addressed"),
        ElephantStatus.LET_GO: _("let go"),
    }[status]


def command_elephants(context: Context, args: argparse.Namespace) -> int:
    """List the open elephants (all of them with --all) with short ids, confidential ones masked."""
    with context.open_store() as store:
        if args.partnership:
            partnerships = [partnership_named(store, args.partnership)]
        else:
            partnerships = store.partnerships.all()
        lots = [(p.name, e) for p in partnerships for e in store.boards.parking_lot(p.id) if args.all or e.is_open]
        now = store.clock.now()
    if not lots:
        if not partnerships:
            print(_("No partnerships yet."))
        else:
            print(_("No elephants.") if args.all else _("No open elephants."))
        return ExitCode.OK
    audience = Audience.review(include_confidential=args.include_confidential)
    shown = short_ids([e.id for _, e in lots])
    header = (
        pgettext("column", "id"), pgettext("column", "status"), pgettext("column", "raised"),
        pgettext("column", "waited"), *(() if args.partnership else (pgettext("column", "partnership"),)),
        pgettext("column", "elephant"),
    )
    rows = [
        (
            shown[e.id],
            status_words(e.status),
            describe_day(e.raised_at, today=now),
            _waited(e),
            *(() if args.partnership else (name,)),
            e.text if shows(Kind.ELEPHANT, audience, confidential=e.confidential) else masked(),
        )
        for name, e in lots
    ]
    print_columns([header, *rows])
    return ExitCode.OK


def _waited(elephant: Elephant) -> str:
    """How many of the partnership's meetings it has waited through ("2 meetings")."""
    count = elephant.meetings_waited
    return ngettext("{count} meeting", "{count} meetings", count).format(count=count)


def command_elephant(context: Context, args: argparse.Namespace) -> int:
    """Move one elephant on in a meeting in progress, through the console's own use case."""
    status = MOVES[args.move]
    with context.open_store() as store:
        meeting = pick_meeting(store, args.meeting)
        if meeting.status is not MeetingStatus.RUNNING:
            raise CommandError((
                _("{title} ({id}) is planned: an elephant is moved on in a meeting in progress.")
                if meeting.status is MeetingStatus.PLANNED
                else _("{title} ({id}) is ended: an elephant is moved on in a meeting in progress.")
            ).format(title=meeting.title, id=meeting.id))
        try:
            elephant = store.boards.find_elephant(args.elephant_id, meeting.partnership_id)
            move_elephant(store, meeting.id, elephant.id, status, args.note or "")
        except (LookupError, MeetingEnded, ValueError) as problem:
            raise CommandError(str(problem)) from None
    print(_("{id} {status} in {title}.").format(id=elephant.id[-SHORT_ID:], status=status_words(status),
                                                 title=meeting.title))
    return ExitCode.OK
