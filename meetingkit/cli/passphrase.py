"""Asking for an encrypted file's passphrase: only on the terminal, never stored."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from meetingkit.cli.errors import CommandError
from meetingkit.core.i18n import _

NEW_PASSPHRASE_MIN_LENGTH = 8
"""Shortest passphrase accepted for a new encrypted file: a shared PC is exactly where one gets guessed."""


def ask_passphrase(path: Path, new: bool) -> str:
    """Ask for an encrypted file's passphrase on the terminal (twice, when the file is to be made).

    Only ever from the terminal, with nothing echoed: never from an option, the
    environment or a pipe, where it would be kept in shell history, the process list
    or a script. Asked again on each run, and never stored.

    Raises:
        CommandError: there is no terminal to ask on, nothing was typed, or (for a new
            file) the two entries differ or are too short; nothing was made or opened.
    """
    if not sys.stdin.isatty():
        raise CommandError(_(
            "{path} is encrypted, and its passphrase can only be typed in a terminal; this run has none. "
            "Run the command in a terminal window."
        ).format(path=path))
    try:
        if not new:
            passphrase = getpass.getpass(_("Passphrase for {name}: ").format(name=path.name))
            if not passphrase:
                raise CommandError(_("No passphrase was typed; nothing was opened."))
            return passphrase
        print(
            _("{name} will be a new encrypted file. Nobody can open it without its passphrase, "
              "and a lost passphrase cannot be recovered.").format(name=path.name),
            file=sys.stderr,
        )
        passphrase = getpass.getpass(_("Choose a passphrase: "))
        if len(passphrase) < NEW_PASSPHRASE_MIN_LENGTH:
            raise CommandError(_(
                "A passphrase needs at least {count} characters (a few words are easiest "
                "to remember); nothing was created."
            ).format(count=NEW_PASSPHRASE_MIN_LENGTH))
        if getpass.getpass(_("Type it again: ")) != passphrase:
            raise CommandError(_("The two passphrases were not the same; nothing was created."))
        return passphrase
    except EOFError:
        raise CommandError(_("No passphrase was typed; nothing was opened.")) from None
