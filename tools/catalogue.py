"""The French catalogue: extract the marked messages, update the translations, compile them.

    python -m tools.catalogue            # extract, update meetingkit.po, compile meetingkit.mo
    python -m tools.catalogue --check    # say what is missing or stale; exit 1 if anything is
    python -m tools.catalogue --fill FILE.json   # put translations in: {"English": "Français", ...}

After marking new messages in the code, run it, translate the new entries in
`meetingkit/locale/fr/LC_MESSAGES/meetingkit.po` (their msgstr is empty) by hand or with
`--fill` (a JSON object from each English message to its French; a plural's value is a list
of the two French forms; a message with a context is keyed "context\u0004message"), and run
it again to compile. `tools/TRANSLATING.md` has the words we chose. `tests/i18n/test_catalogue.py` runs the same checks as `--check`.

A message is marked with `_`, `N_`, `ngettext` or `pgettext` from `meetingkit.core.i18n`
(see its docstring). Entries are kept in the order of their English, without source
locations, so two changes to the catalogue merge without moving each other's lines.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "meetingkit"
PO_FILE = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "meetingkit.po"
MO_FILE = PO_FILE.with_suffix(".mo")

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
"""The markers and which of their arguments are the message (Babel's keyword spec)."""

FIXED_DATE = datetime(2026, 12, 5, tzinfo=UTC)
"""The catalogue's header date: fixed, so updating it changes only the messages."""

BREAKABLE_SPACE = re.compile(r" [:;?!»]|« ")
"""An ordinary space where French typography wants a non-breaking one (a line could break there)."""

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:[:!][^}]*)?\}")


def extracted() -> Catalog:
    """Every message marked in the package's code, as a template catalogue."""
    template = Catalog(project="meetingkit", locale=None, fuzzy=False)
    method_map = [("**.py", "python")]
    for _filename, _lineno, message, comments, context in extract_from_dir(
        str(PACKAGE), method_map=method_map, keywords=KEYWORDS, comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        template.add(message, None, auto_comments=comments, context=context)
    return template


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale="fr_CA")


def update() -> Catalog:
    """The French catalogue brought up to date with the code (new messages untranslated)."""
    template = extracted()
    if PO_FILE.exists():
        catalog = _read(PO_FILE)
    else:
        catalog = Catalog(locale="fr_CA", project="meetingkit", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()  # a message gone from the code goes from the catalogue
    _settle_header(catalog)
    return catalog


def _settle_header(catalog: Catalog) -> None:
    """A header that changes only when we change it (no dates of the run, no placeholders).

    French counts 0 and 1 as singular and everything above as plural ("0 action ouverte",
    "2 actions ouvertes"): gettext's classic two forms. Newer CLDR data gives French a third
    form for exact millions ("1 million d'actions"), which no count here ever needs.
    """
    catalog.header_comment = "# French (Canadian) messages of meetingkit, written by the meetingkit team."
    catalog.project, catalog.version = "meetingkit", ""
    catalog.msgid_bugs_address, catalog.copyright_holder = "", "the meetingkit team"
    catalog.last_translator = catalog.language_team = "the meetingkit team"
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    catalog.fuzzy = False
    catalog._num_plurals, catalog._plural_expr = 2, "(n > 1)"


def write(catalog: Catalog) -> None:
    """Save the catalogue and compile it."""
    PO_FILE.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, sort_output=True, omit_header=False,
             include_previous=False)
    PO_FILE.write_bytes(buffer.getvalue())
    MO_FILE.write_bytes(_compiled(_read(PO_FILE)))


def placeholders(text: str) -> set[str]:
    """The `{name}` placeholders in a message."""
    return set(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def _forms(message: Message) -> tuple[list[str], list[str]]:
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    strings = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
    return ids, [text or "" for text in strings]


def problems() -> Iterator[str]:
    """What keeps the French catalogue from being complete and current, one line each."""
    template = extracted()
    if not PO_FILE.exists():
        yield f"{PO_FILE.relative_to(ROOT)} does not exist: run python -m tools.catalogue"
        return
    catalog = _read(PO_FILE)
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        label = message.id if isinstance(message.id, str) else message.id[0]
        if found is None:
            yield f"not in the catalogue (run python -m tools.catalogue): {label!r}"
            continue
        ids, strings = _forms(found)
        if found.fuzzy or not all(strings) or len(strings) < len(ids):
            yield f"no French translation: {label!r}"
            continue
        wanted = set().union(*(placeholders(text) for text in ids))
        for text in strings:
            if placeholders(text) != wanted:
                yield f"the translation of {label!r} has placeholders {sorted(placeholders(text))}, not {sorted(wanted)}"
            if BREAKABLE_SPACE.search(text):
                yield (f"the translation of {label!r} has an ordinary space before :, ;, ?, ! or », or after «: "
                       "French typography keeps them together with a non-breaking space (\\u00a0)")
    known = {(message.id if isinstance(message.id, str) else message.id[0], message.context)
             for message in template if message.id}
    for message in catalog:
        if message.id and ((message.id if isinstance(message.id, str) else message.id[0]), message.context) not in known:
            yield f"in the catalogue but no longer in the code (run python -m tools.catalogue): {message.id!r}"
    if not MO_FILE.exists() or MO_FILE.read_bytes() != _compiled(catalog):
        yield f"{MO_FILE.relative_to(ROOT)} is not compiled from the catalogue: run python -m tools.catalogue"


def _compiled(catalog: Catalog) -> bytes:
    """The `.mo` file compiled from `catalog` (the same bytes every time)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def fill(path: Path) -> list[str]:
    """Put the translations in the JSON file at `path` into the catalogue; the messages not found."""
    catalog = update()
    missing = []
    for key, value in json.loads(path.read_text(encoding="utf-8")).items():
        context, _, message = key.rpartition("\x04")
        entry = catalog.get(message, context=context or None)
        if entry is None:
            missing.append(key)
            continue
        entry.string = tuple(value) if isinstance(value, list) else value
        entry.flags.discard("fuzzy")
    write(catalog)
    return missing


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.catalogue", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say what is missing or stale")
    parser.add_argument("--fill", type=Path, metavar="FILE.json", help="put the translations in FILE.json in")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.check:
        found = list(problems())
        for line in found:
            print(line)
        return 1 if found else 0
    if args.fill:
        for key in fill(args.fill):
            print(f"not a message in the code: {key!r}")
    catalog = update()
    write(catalog)
    untranslated = sum(1 for message in catalog if message.id and not all(_forms(message)[1]))
    print(f"{PO_FILE.relative_to(ROOT)}: {len(catalog)} messages, {untranslated} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
