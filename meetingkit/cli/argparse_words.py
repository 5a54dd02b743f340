"""argparse's own words (usage, options, its errors), translated with meetingkit's messages.

argparse looks its words up through the module-level `_` and `ngettext` it imported from
gettext, at the moment it prints them; `speak_argparse` points those at meetingkit's
catalogue, so `meetingkit --help` and a usage error read in the interface's language. The
messages below are argparse's (Python 3.11 to 3.13), marked so that extraction finds them.
"""

from __future__ import annotations

import argparse

from meetingkit.core.i18n import N_, _, ngettext

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
)
"""argparse's messages a person may read (its errors for programmers are left in English)."""


def _argparse_plural(count: int) -> str:
    """argparse's one plural message, marked as a plural for extraction (argparse asks for it itself)."""
    return ngettext("expected %s argument", "expected %s arguments", count)


def speak_argparse() -> None:
    """Have argparse look its words up in meetingkit's catalogue, in the language in use."""
    setattr(argparse, "_", _)  # noqa: B010 (argparse's module-level name, looked up as it prints)
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
