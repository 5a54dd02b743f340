"""The data in both languages (issue 18): a meeting's working language chosen as it starts (the
new-meeting form, in French, offers the interface's language first; `meetingkit start
--language`), its terms taking it, the glossary kept to one language on its board (`l`) and in
its export (`meetingkit glossary --term-language`), and equivalents across languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList, Select

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.models import TermLanguage, WorkingLanguage
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.new_meeting import NewMeetingScreen, agenda_choices
from meetingkit.ui.screens.runner import RunnerScreen
from tests.helpers import RunCli, rendered_text, type_text

pytestmark = pytest.mark.usefixtures("french")


async def test_the_new_meeting_form_reads_in_french_and_the_meeting_works_in_french(
    store: Store, library: AgendaLibrary
) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewMeetingScreen)
        assert form.query_one("#new-meeting-form").border_title == "Nouvelle réunion"
        assert form.query_one("#new-meeting-people").border_title == "Personnes présentes"
        labels = [rendered_text(label).strip() for label in form.query(".field-label")]
        assert "Langue de travail" in labels and "Titre (facultatif)" in labels
        assert "Ordre du jour" not in labels  # the words chosen: « Type de réunion et ordre du jour »
        assert "Type de réunion et ordre du jour" in labels
        assert form.query_one("#working-language", Select).value is WorkingLanguage.FR
        # « Type : ordre du jour (75 min) », with the non-breaking space French puts before a colon.
        assert all("\u00a0: " in label for label, _ in agenda_choices(library))
        await type_text(pilot, "Réseau francophone")
        await pilot.press("ctrl+s")  # nobody recorded yet: asked first, in French
        await pilot.pause()
        assert "Aucune personne présente" in rendered_text(form.query_one("#form-message"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
    [meeting] = store.meetings.recent()
    assert meeting.language is WorkingLanguage.FR


async def test_a_bilingual_meeting_is_chosen_with_real_keys(store: Store, library: AgendaLibrary) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Réseau")
        app.screen.query_one("#working-language").focus()
        await pilot.press("enter", "down", "enter")  # open the choice, one down from Français, choose
        await pilot.pause()
        assert app.screen.query_one("#working-language", Select).value is WorkingLanguage.BOTH
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
    [meeting] = store.meetings.recent()
    assert meeting.language is WorkingLanguage.BOTH


def test_start_works_in_the_interfaces_language_unless_told(db_path: Path, cli: RunCli) -> None:
    env = {"MEETINGKIT_DB": str(db_path)}
    ids = []
    for extra in ((), ("--language", "en+fr"), ("--language", "en")):
        result = cli("start", "--partnership", "Réseau", "--type", "strategic", *extra, env=env)
        assert result.returncode == 0, result.stderr
        ids.append(result.stdout.strip())
    with Store.open(db_path) as store:
        assert [store.meetings.get(i).language for i in ids] == [
            WorkingLanguage.FR, WorkingLanguage.BOTH, WorkingLanguage.EN
        ]
        record = store.records.meeting_record(ids[0])
        assert record.meeting.language == "fr"


def bilingual_glossary(store: Store, library: AgendaLibrary) -> str:
    """A French meeting's PEI, an English meeting's IEP, said to be the same thing; returns the partnership."""
    partnership = store.partnerships.ensure("Réseau").id
    ids = {}
    for language, term in ((WorkingLanguage.FR, "PEI"), (WorkingLanguage.EN, "IEP")):
        meeting = store.meetings.create(partnership, library.agendas["operational"], language=language)
        ids[term], _ = store.jargon.mention(store.meetings.start(meeting.id).id, term)
        store.meetings.end(meeting.id)
    store.jargon.same_as(ids["IEP"], "PEI")
    store.jargon.add_meaning(ids["PEI"], "plan d’enseignement individualisé")
    return partnership


def test_the_glossary_exports_one_languages_terms(store: Store, library: AgendaLibrary, db_path: Path, cli: RunCli) -> None:
    partnership = bilingual_glossary(store, library)
    pei = store.jargon.glossary(partnership, language=TermLanguage.FR)
    assert [t.display for t in pei] == ["PEI"] and pei[0].equivalents == ("IEP",)
    store.close()
    result = cli("--db", db_path, "glossary", "--partnership", "Réseau", "--format", "json", "--term-language", "fr")
    assert result.returncode == 0, result.stderr
    assert [entry["term"] for entry in json.loads(result.stdout)["terms"]] == ["PEI"]
    result = cli("--db", db_path, "glossary", "--partnership", "Réseau", "--format", "json", "--term-language", "en")
    assert [entry["term"] for entry in json.loads(result.stdout)["terms"]] == ["IEP"]


async def test_l_on_the_glossary_keeps_it_to_one_language_and_says_so_in_french(
    store: Store, library: AgendaLibrary
) -> None:
    bilingual_glossary(store, library)
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "v")  # no meeting to resume: the review
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        listed = app.screen.query_one("#board-list", OptionList)
        assert listed.option_count == 2
        await pilot.press("down")  # from the filter to the list, where keys act
        shown = []
        for _ in range(3):
            await pilot.press("l")
            await pilot.pause()
            shown.append([str(listed.get_option_at_index(i).prompt).split()[0] for i in range(listed.option_count)])
        assert shown == [["IEP"], ["PEI"], sorted(["IEP", "PEI"])]
        said = [str(n.message) for n in app._notifications]
        assert "Seuls les termes anglais sont affichés (l pour les termes français)." in said
        assert "Tous les termes sont affichés." in said


def test_term_language_sets_a_terms_language_and_answers_in_french(
    store: Store, library: AgendaLibrary, db_path: Path, cli: RunCli
) -> None:
    partnership = bilingual_glossary(store, library)
    [iep] = [t.id for t in store.jargon.glossary(partnership) if t.display == "IEP"]
    store.close()
    result = cli("--db", db_path, "term", "language", iep[-8:], "none")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{iep[-8:]} n’a plus de langue indiquée.\n"
    result = cli("--db", db_path, "term", "language", iep[-8:], "de")
    assert result.returncode != 0 and "en, fr ou none" in result.stderr
    with Store.open(db_path) as reopened:
        assert reopened.jargon.board_term(iep).language is None


def test_the_glossary_shows_a_term_in_the_other_language_as_its_equivalent(store: Store, library: AgendaLibrary) -> None:
    from meetingkit.core.audience import Audience
    from meetingkit.core.lines import glossary_line

    partnership = bilingual_glossary(store, library)
    [pei] = store.jargon.glossary(partnership, language=TermLanguage.FR)
    line = glossary_line(pei, Audience.FACILITATOR)
    assert line is not None and "≡ IEP" in line.text and "IEP" not in line.text.replace("≡ IEP", "")


def test_a_meetings_working_language_is_said_under_its_title_in_its_documents(
    cli: RunCli, db_path: Path
) -> None:
    """A meeting in French, or in both, says so in its record and its minutes; an English one reads as before."""
    for working, english, french in (("fr", "in French", "en français"),
                                     ("en+fr", "in English and French", "en anglais et en français")):
        started = cli("--db", db_path, "start", "--partnership", "Écoles", "--type", "strategic",
                      "--language", working)
        meeting_id = started.stdout.strip()
        assert f"· {english}" in cli("--db", db_path, "export", meeting_id, "--language", "en").stdout
        assert f"· {french}" in cli("--db", db_path, "minutes", meeting_id, "--language", "fr").stdout
        assert english in cli("--db", db_path, "export", meeting_id, "--format", "html", "--language", "en").stdout
        cli("--db", db_path, "end", meeting_id)
    plain = cli("--db", db_path, "start", "--partnership", "Écoles", "--type", "strategic", "--language", "en")
    record = cli("--db", db_path, "export", plain.stdout.strip(), "--language", "en").stdout
    assert "in English" not in record and "in French" not in record
