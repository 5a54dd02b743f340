"""The `meetingkit` command: the TUI by default, and small commands around it.

`main` parses the command line, resolves the files this run uses, runs the one
command asked for, and turns whatever went wrong into one line and an exit code.
Textual is imported only when an app opens, so the other commands start quickly and
work without a terminal. Each command's parser names its function as "module:function"
(`run`), imported only once that command has been chosen: `where` and `--help` load no
SQLite, Rich or Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.parser import build_parser
from meetingkit.context import AskPassphrase, Context
from meetingkit.core.i18n import LANG_ENV, Language, _, as_language, choose_language, set_language
from meetingkit.store.errors import StoreError

__all__ = ["CommandError", "ExitCode", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status (argparse exits with `ExitCode.USAGE` itself)."""
    words = sys.argv[1:] if argv is None else argv
    _speak(words)
    args = _literal_double_dashes(build_parser(words).parse_args(words))
    if args.db is not None and not args.db.strip():
        print_error(_("--db was given an empty path; name a database file"))
        return ExitCode.FAILED
    if args.encrypted and not _encryption_available():
        print_error(_("--encrypted needs the encryption extra, which is not installed here. "
                      "Install it with: pip install 'meetingkit[encrypted]'"))
        return ExitCode.FAILED
    asker: AskPassphrase | None = None
    if args.encrypted:
        from meetingkit.cli.passphrase import ask_passphrase  # getpass loads only for a passphrase

        asker = ask_passphrase
    context = Context.from_options(args.db, args.agendas, ask_passphrase=asker)
    missing = context.missing_agenda_folders()
    if missing:
        print_error(_("agenda folder {folder} does not exist; check the --agendas path").format(folder=missing[0]))
        return ExitCode.FAILED
    try:
        if args.warns_about_place:
            from meetingkit.store.location import location_warning

            warning = location_warning(context.db_path)
            if warning:
                print_warning(warning)
        code: int = command_named(args.run)(context, args)
        return code
    except Exception as error:
        # SQLCipher's errors are known only once the command has loaded it, so asked for now.
        from meetingkit.store.connection import database_errors

        if not isinstance(error, (StoreError, CommandError, OSError, *database_errors())):
            raise
        return _failed(context, error)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED


def _speak(words: Sequence[str]) -> None:
    """Use the language this command line, `MEETINGKIT_LANG` or the saved settings choose.

    Read before the parser is built, so `--help` and usage errors are in it too. The settings
    file is read only when it exists and neither the option nor the variable chose.
    """
    option = _lang_option(words)
    chosen, _asked = choose_language(option, saved=_saved_language(option))
    set_language(chosen)
    if chosen != "en":
        from meetingkit.cli.argparse_words import speak_argparse

        speak_argparse()


def _lang_option(words: Sequence[str]) -> str | None:
    """The value of the last `--lang` before any `--` (argparse checks it is a language)."""
    found = None
    for index, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(words):
            found = words[index + 1]
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
    return found


def _saved_language(option: str | None) -> Language | None:
    """The language saved in the user's settings, when it may decide (nothing else chose)."""
    if as_language(option) or as_language(os.environ.get(LANG_ENV)):
        return None
    from meetingkit.core.settings import load_settings, settings_path

    path = settings_path()
    return load_settings(path).language if path.exists() else None


def print_error(message: str) -> None:
    """One line on stderr (cli.output loads only when there is one to print)."""
    from meetingkit.cli import output

    output.print_error(message)


def print_warning(message: str) -> None:
    """A warning on stderr, the command going on."""
    from meetingkit.cli import output

    output.print_warning(message)


def command_named(run: str) -> Callable[[Context, argparse.Namespace], int]:
    """The function a parser names as "meetingkit.cli.module:function", its module imported now."""
    module, _colon, function = run.partition(":")
    command: Callable[[Context, argparse.Namespace], int] = getattr(importlib.import_module(module), function)
    return command


def _encryption_available() -> bool:
    """Whether SQLCipher can be loaded (asked only with `--encrypted`: it loads SQLite)."""
    from meetingkit.store.connection import encryption_available

    return encryption_available()


def _literal_double_dashes(args: argparse.Namespace) -> argparse.Namespace:
    """A `--` typed as the text after the `--` that ends the options (`capture note -- --`) is that text.

    Python 3.11's argparse drops it, leaving an empty list where the positional's one
    string belongs (later versions keep it). No option or positional here is ever an
    empty list otherwise (`--agendas` and `--attendee` are None until given), so one is
    always that dropped `--`.
    """
    for name, value in vars(args).items():
        if isinstance(value, list) and not value:
            setattr(args, name, "--")
    return args


def _failed(context: Context, error: BaseException) -> int:
    """Whatever went wrong, one line and a non-zero exit, never a traceback."""
    if isinstance(error, (StoreError, CommandError)):
        print_error(str(error))
        return ExitCode.FAILED
    if isinstance(error, BrokenPipeError):  # `meetingkit meetings | head`: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    # Whatever SQLite or the system refused, named with the file it was working on: the one the
    # system names (a backup's destination, the other site's file), else the database.
    if isinstance(error, OSError) and error.filename and error.strerror:
        print_error(_("{path}: {problem}").format(path=error.filename, problem=error.strerror))
        return ExitCode.FAILED
    print_error(_("{path}: {problem}").format(path=context.db_path, problem=error))
    return ExitCode.FAILED
