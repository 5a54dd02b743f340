"""Agenda templates: the four we ship follow the practice, and broken ones are explained precisely."""

from pathlib import Path

import pytest

from meetingkit.core import agendas
from meetingkit.core.agendas import AgendaError, load_agenda, load_library, shipped_agenda_folder
from meetingkit.core.models import Agenda, SectionKind

SHIPPED = ["operational", "reflective-practice", "strategic", "shared-training"]


@pytest.fixture(scope="module")
def shipped() -> dict[str, Agenda]:
    library = load_library([shipped_agenda_folder()])
    assert library.errors == []
    return library.agendas


def test_four_meeting_types_are_shipped(shipped: dict[str, Agenda]) -> None:
    assert sorted(shipped) == sorted(SHIPPED)
    for agenda_id, agenda in shipped.items():
        assert agenda.meeting_type == agenda_id
        assert agenda.description


@pytest.mark.parametrize("agenda_id", SHIPPED)
def test_every_type_opens_with_safe_space_then_reviews_last_time(shipped: dict[str, Agenda], agenda_id: str) -> None:
    sections = shipped[agenda_id].sections
    assert sections[0].kind is SectionKind.WELCOME
    assert "safe" in sections[0].title.lower()
    assert sections[1].kind is SectionKind.REVIEW
    review = " ".join((sections[1].title, *sections[1].prompts)).lower()
    assert "elephant" in review and "action" in review


@pytest.mark.parametrize("agenda_id", SHIPPED)
def test_every_type_ends_with_reflection_on_working_together(shipped: dict[str, Agenda], agenda_id: str) -> None:
    kinds = [section.kind for section in shipped[agenda_id].sections]
    tail = [kind for kind in kinds if kind is not SectionKind.CLOSE][-1]
    assert tail is SectionKind.REFLECTION
    assert kinds[-1] in (SectionKind.REFLECTION, SectionKind.CLOSE)


def test_reflective_practice_has_a_round_with_a_right_to_pass_and_what_so_what_now_what(
    shipped: dict[str, Agenda],
) -> None:
    sections = shipped["reflective-practice"].sections
    rounds = [s for s in sections if s.kind is SectionKind.ROUND]
    assert rounds and any("pass" in prompt.lower() for s in rounds for prompt in s.prompts)
    titles = [s.title.lower() for s in sections]
    positions = [next(i for i, t in enumerate(titles) if t.startswith(step)) for step in ("what?", "so what?", "now what?")]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    "topic",
    ["needs", "offer", "gaps", "overlap", "referral", "who else", "shared understanding", "evaluat"],
)
def test_strategic_covers_the_planning_questions(shipped: dict[str, Agenda], topic: str) -> None:
    text = " ".join(f"{s.title} {' '.join(s.prompts)}" for s in shipped["strategic"].sections).lower()
    assert topic in text


def test_timeboxes_are_realistic(shipped: dict[str, Agenda]) -> None:
    for agenda in shipped.values():
        assert 45 <= agenda.total_minutes <= 240, agenda.id


GOOD_SECTION = 'title = "Check-in"\nminutes = 10\nkind = "round"\nprompts = ["How are you arriving?"]\n'
GOOD_TOP = 'name = "Ours"\ntype = "operational"\ndescription = "Our version."\n'


@pytest.mark.parametrize(
    ("body", "section", "problem"),
    [
        ('name = "Ours"\ntype = [unclosed\n', None, "is not valid TOML"),
        ('type = "operational"\ndescription = ""\n[[sections]]\n' + GOOD_SECTION, None, "'name' is missing"),
        (GOOD_TOP.replace('type = "operational"', 'type = "Operational Meeting"') + "[[sections]]\n" + GOOD_SECTION,
         None, "type must be lower-case words joined by hyphens"),
        (GOOD_TOP + 'colour = "blue"\n[[sections]]\n' + GOOD_SECTION, None, "unknown key 'colour'"),
        (GOOD_TOP + "sections = []\n", None, "sections must be one or more"),
        (GOOD_TOP + "[[sections]]\n" + GOOD_SECTION.replace("minutes = 10", 'minutes = "ten"'),
         "section 1 ('Check-in')", "minutes must be a whole number"),
        (GOOD_TOP + "[[sections]]\n" + GOOD_SECTION.replace("minutes = 10", "minutes = 0"),
         "section 1 ('Check-in')", "minutes must be between 1 and 600"),
        (GOOD_TOP + "[[sections]]\n" + GOOD_SECTION.replace("minutes = 10", "minutes = 2.5"),
         "section 1 ('Check-in')", "minutes must be a whole number"),
        (GOOD_TOP + "[[sections]]\n" + GOOD_SECTION + "[[sections]]\n" + GOOD_SECTION.replace('"round"', '"brainstorm"'),
         "section 2 ('Check-in')", "kind must be one of"),
        (GOOD_TOP + "[[sections]]\n" + GOOD_SECTION.replace("minutes", "minuets"),
         "section 1 ('Check-in')", "did you mean 'minutes'?"),
        (GOOD_TOP + "[[sections]]\n" + GOOD_SECTION.replace('title = "Check-in"\n', ""),
         "section 1", "'title' is missing"),
        (GOOD_TOP + "[[sections]]\n" + GOOD_SECTION.replace('"How are you arriving?"', "42"),
         "section 1 ('Check-in')", "prompt 1 must be text"),
        (GOOD_TOP + "[[sections]]\n" + GOOD_SECTION.replace('prompts = ["How are you arriving?"]', 'prompts = "one"'),
         "section 1 ('Check-in')", "prompts must be a list"),
        (GOOD_TOP + "[[sections]]\n" + GOOD_SECTION.replace("Check-in", "x" * 500),
         "section 1 ('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…')", "title is too long"),
    ],
)
def test_broken_templates_name_the_file_the_section_and_the_problem(
    tmp_path: Path, body: str, section: str | None, problem: str
) -> None:
    path = tmp_path / "ours.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(AgendaError) as raised:
        load_agenda(path)
    message = str(raised.value)
    assert message.startswith(str(path))
    assert problem in message
    if section:
        assert raised.value.section == section
        assert section in message
    else:
        assert raised.value.section is None


def test_a_file_that_is_not_utf8_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('name = "Réunion"'.encode("latin-1"))
    with pytest.raises(AgendaError, match="is not UTF-8 text"):
        load_agenda(path)


def test_template_text_is_sanitised(tmp_path: Path) -> None:
    """A template cannot smuggle escape sequences onto the projector, nor into an error message."""
    path = tmp_path / "odd.toml"
    path.write_text(GOOD_TOP + "[[sections]]\n" + GOOD_SECTION.replace("Check-in", "Check\\u001b[2J-in"), "utf-8")
    assert load_agenda(path).sections[0].title == "Check[2J-in"
    path.write_text(path.read_text("utf-8").replace("minutes = 10", "minutes = -1"), "utf-8")
    with pytest.raises(AgendaError) as raised:
        load_agenda(path)
    assert "\x1b" not in str(raised.value)
    assert raised.value.section == "section 1 ('Check[2J-in')"


def test_user_folder_overrides_by_file_name_and_adds_new_types(tmp_path: Path) -> None:
    (tmp_path / "operational.toml").write_text(GOOD_TOP + "[[sections]]\n" + GOOD_SECTION, "utf-8")
    (tmp_path / "board-retreat.toml").write_text(
        GOOD_TOP.replace('"operational"', '"board-retreat"') + "[[sections]]\n" + GOOD_SECTION, "utf-8"
    )
    (tmp_path / "broken.toml").write_text("name = ", "utf-8")
    library = load_library([shipped_agenda_folder(), tmp_path])
    assert library.agendas["operational"].name == "Ours"
    assert library.agendas["strategic"].name == "Strategic meeting"
    assert "board-retreat" in library.meeting_types
    assert [Path(error.path).name for error in library.errors] == ["broken.toml"]


def test_missing_folders_are_skipped(tmp_path: Path) -> None:
    library = load_library([shipped_agenda_folder(), tmp_path / "nowhere"])
    assert len(library.agendas) == 4 and library.errors == []


DEEPLY_NESTED = "x = " + "[" * 5000 + "]" * 5000 + "\n"
"""A hostile template: tomllib reads nested arrays by recursing, so this raised RecursionError (issue 14)."""


def test_a_deeply_nested_file_is_one_broken_template(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(DEEPLY_NESTED, "utf-8")
    with pytest.raises(AgendaError) as raised:
        load_agenda(path)
    assert str(raised.value) == f"{path}: is nested too deeply to be a template"


def test_a_template_that_breaks_the_reader_in_any_way_hides_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "deep.toml").write_text(DEEPLY_NESTED, "utf-8")
    (tmp_path / "odd.toml").write_text(GOOD_TOP + "[[sections]]\n" + GOOD_SECTION, "utf-8")
    real = agendas.parse_agenda

    def unforeseen(data: dict[str, object], agenda_id: str, source: Path) -> Agenda:  # a rule that trips over a value nobody foresaw
        if agenda_id == "odd":
            raise KeyError("nobody foresaw this")
        return real(data, agenda_id, source)

    monkeypatch.setattr(agendas, "parse_agenda", unforeseen)
    library = load_library([shipped_agenda_folder(), tmp_path])
    assert sorted(library.agendas) == sorted(SHIPPED)
    assert [str(error) for error in library.errors] == [
        f"{tmp_path / 'deep.toml'}: is nested too deeply to be a template",
        f"{tmp_path / 'odd.toml'}: cannot be read as a template (KeyError)",
    ]
