"""The loader: what a valid catalogue becomes, and every rule it enforces, each with its line."""

from __future__ import annotations

import datetime
import os
import textwrap
from pathlib import Path

import pytest

from reslineage.catalogue import Link
from reslineage.loader import CatalogueError, Problem, check_text, load_catalogue


def problems_of(text: str) -> list[Problem]:
    """The problems the loader reports for a catalogue given as (dedented) YAML text."""
    with pytest.raises(CatalogueError) as caught:
        check_text(textwrap.dedent(text).lstrip("\n"), "cat.yaml")
    return caught.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# --- what a valid catalogue becomes ---------------------------------------------------------


def test_user_catalogue_loads_with_awkward_ids_and_dates(unsc: Path) -> None:
    catalogue = load_catalogue(unsc)
    assert [r.id for r in catalogue] == [
        "S/RES/1261 (1999)",
        "S/RES/1314 (2000)",
        "S/RES/1379 (2001)",
        "S/RES/1612 (2005)",
        "1882",
    ]
    r1612 = catalogue.get("S/RES/1612 (2005)")
    assert r1612.date == datetime.date(2005, 7, 26)
    assert r1612.follows == (
        Link("S/RES/1379 (2001)", "reaffirms"),
        Link("S/RES/1314 (2000)", "follows"),
    )
    assert catalogue.title == "UN Security Council resolutions on children and armed conflict"
    assert catalogue.link_count == 6


def test_bare_number_id_becomes_text() -> None:
    catalogue = check_text("resolutions: [{id: 1612, year: 2005, title: t}]", "c.yaml").catalogue
    assert [r.id for r in catalogue] == ["1612"]


def test_number_id_keeps_its_spelling_when_yaml_would_change_it() -> None:
    text = "resolutions: [{id: 010, year: 2005, title: t}, {id: 0x1f, year: 2005, title: u}]"
    assert {r.id for r in check_text(text, "c.yaml").catalogue} == {"010", "0x1f"}


def test_date_may_be_quoted_text() -> None:
    text = "resolutions: [{id: a, year: 2005, date: '2005-07-26', title: t}]"
    assert check_text(text, "c.yaml").catalogue.get("a").date == datetime.date(2005, 7, 26)


def test_topics_fold_to_first_spelling_with_a_warning() -> None:
    text = """\
    resolutions:
      - {id: a, year: 2000, title: t, topics: [Child sexual abuse material]}
      - {id: b, year: 2001, title: t, topics: [child-sexual_abuse  MATERIAL]}
    """
    checked = check_text(textwrap.dedent(text), "c.yaml")
    assert checked.catalogue.get("b").topics == ("Child sexual abuse material",)
    assert [(w.line, w.message) for w in checked.warnings] == [
        (
            3,
            "topic 'child-sexual_abuse  MATERIAL' is shown as 'Child sexual abuse material',"
            " its first spelling (line 2)",
        )
    ]


def test_resolutions_are_sorted_by_year_date_and_natural_id() -> None:
    text = """\
    resolutions:
      - {id: R/10, year: 2000, title: t}
      - {id: R/9, year: 2000, title: t}
      - {id: R/1, year: 2000, date: 2000-01-02, title: t}
      - {id: R/2, year: 1999, title: t}
    """
    catalogue = check_text(textwrap.dedent(text), "c.yaml").catalogue
    assert [r.id for r in catalogue] == ["R/2", "R/9", "R/10", "R/1"]


# --- unreadable input -------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path / "nope.yaml")
    assert str(caught.value.problems[0]) == f"{tmp_path / 'nope.yaml'}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="is a directory"):
        load_catalogue(tmp_path)


def test_not_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("resolutions:\n  - id: a\n    title: R\xe9solution\n".encode("latin-1"))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (3, 13)
    assert "not UTF-8" in problem.message


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert "the file is empty" in only_problem(text).message


def test_yaml_syntax_error_has_pyyaml_line_and_column() -> None:
    problem = only_problem("resolutions:\n  - id: a\n    title: [unclosed\n    year: 2000\n")
    assert problem.message.startswith("YAML syntax error")
    assert problem.line == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "the top level must be a mapping with 'resolutions:', not a list"),
        ("catalogue: {title: x}\n", "the catalogue has no 'resolutions:' list"),
        ("resolutions: {id: a}\n", "'resolutions' must be a list, not a mapping"),
    ],
)
def test_top_level_shape(text: str, expected: str) -> None:
    assert only_problem(text).message == expected


# --- fields -------------------------------------------------------------------------------------


def test_missing_required_fields_point_at_the_entry() -> None:
    problems = problems_of(
        """
        resolutions:
          - id: a
            year: 2000
          - title: no id
            year: 2001
        """
    )
    assert [(p.line, p.message) for p in problems] == [
        (2, "resolution 'a': missing required field 'title'"),
        (4, "resolution #2: 'id' is missing"),
    ]


def test_empty_title_and_id() -> None:
    problems = problems_of(
        """
        resolutions:
          - id: ""
            year: 2000
            title: "   "
        """
    )
    assert [(p.line, p.message) for p in problems] == [
        (2, "resolution #1: 'id' is empty"),
        (4, "resolution #1: 'title' is empty"),
    ]


def test_a_list_where_text_belongs() -> None:
    problem = only_problem(
        """
        resolutions:
          - id: a
            year: 2000
            title: [one, two]
        """
    )
    assert (problem.line, problem.column) == (4, 12)
    assert problem.message == "resolution 'a': 'title' must be text, not a list"


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("yes", "'year' must be a whole number, not true (a yes/no value)"),
        ("2005.5", "'year' must be a whole number, not 2005.5"),
        ("'2005'", "'year' must be a whole number, not '2005' (remove the quotes)"),
        ("20050", "year 20050 is not plausible (1000–2200)"),
        ("0x7d5", "'year' must be written in plain digits, not '0x7d5'"),
    ],
)
def test_bad_years(year: str, message: str) -> None:
    problem = only_problem(f"resolutions:\n  - id: a\n    title: t\n    year: {year}\n")
    assert problem.line == 4
    assert problem.message == f"resolution 'a': {message}"


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2005-02-30", "'date' '2005-02-30' is not a real date"),
        ("'2005-13-01'", "'date' '2005-13-01' is not a real date"),
        ("2006-01-01", "date 2006-01-01 is not in its year 2005"),
        ("26 July 2005", "'date' must be YYYY-MM-DD, not '26 July 2005'"),
        ("2005-07-26 10:00:00", "'date' must be a day (YYYY-MM-DD) without a time"),
    ],
)
def test_bad_dates(date: str, message: str) -> None:
    problem = only_problem(
        f"resolutions:\n  - id: a\n    title: t\n    year: 2005\n    date: {date}\n"
    )
    assert problem.line == 5
    assert problem.message == f"resolution 'a': {message}"


def test_topics_must_be_a_list_of_text() -> None:
    problems = problems_of(
        """
        resolutions:
          - {id: a, year: 2000, title: t, topics: encryption}
          - id: b
            year: 2000
            title: t
            topics:
              - fine
              - 1990
        """
    )
    assert [(p.line, p.message) for p in problems] == [
        (2, "resolution 'a': 'topics' must be a list, not 'encryption' (write [encryption])"),
        (8, "resolution 'b': each of 'topics' must be text, not 1990"),
    ]


def test_unknown_field_suggests_the_right_one() -> None:
    problem = only_problem(
        """
        resolutions:
          - id: b
            year: 2001
            title: t
            folows: [a]
        """
    )
    assert (problem.line, problem.column) == (5, 5)
    assert problem.message == "unknown field 'folows' in resolution 'b'; did you mean 'follows'?"


def test_unknown_top_level_field() -> None:
    problem = only_problem("resolution: []\nresolutions: []\n")
    assert problem.line == 1
    assert "did you mean 'resolutions'?" in problem.message


def test_duplicate_ids_name_both_lines() -> None:
    problem = only_problem(
        """
        resolutions:
          - {id: S/RES/1612 (2005), year: 2005, title: t}
          - {id: S/RES/1539 (2004), year: 2004, title: t}
          - {id: S/RES/1612 (2005), year: 2005, title: again}
        """
    )
    assert problem.line == 4
    assert (
        problem.message == "duplicate id 'S/RES/1612 (2005)': also used by the resolution at line 2"
    )


def test_duplicate_keys_are_an_error_not_silently_dropped() -> None:
    problem = only_problem(
        """
        resolutions:
          - id: a
            year: 2000
            title: first
            title: second
        """
    )
    assert (problem.line, problem.column) == (5, 5)
    assert problem.message == "duplicate key 'title' (first at line 4); one would be lost"


# --- links ---------------------------------------------------------------------------------------


def test_unknown_link_target_suggests_closest_ids() -> None:
    problem = only_problem(
        """
        resolutions:
          - {id: AG-2009-RES-05, year: 2009, title: t}
          - id: AG-2021-89-RES-09
            year: 2021
            title: t
            follows: [AG-2009-RES-5]
        """
    )
    assert problem.line == 6
    assert problem.message == (
        "resolution 'AG-2021-89-RES-09' follows unknown resolution 'AG-2009-RES-5';"
        " did you mean 'AG-2009-RES-05'?"
    )


def test_following_itself() -> None:
    problem = only_problem("resolutions:\n  - {id: a, year: 2000, title: t, follows: [a]}\n")
    assert problem.message == "resolution 'a' follows itself"


def test_following_a_later_year() -> None:
    problem = only_problem(
        """
        resolutions:
          - {id: early, year: 2000, title: t, follows: [late]}
          - {id: late, year: 2005, title: t}
        """
    )
    assert problem.line == 2
    assert problem.message.startswith(
        "resolution 'early' (2000) follows 'late', which is later (2005)"
    )


def test_following_a_later_date_in_the_same_year() -> None:
    problem = only_problem(
        """
        resolutions:
          - id: a
            year: 2005
            date: 2005-03-01
            title: t
            follows:
              - b
          - {id: b, year: 2005, date: 2005-07-26, title: t}
        """
    )
    assert problem.line == 7
    assert problem.message == "resolution 'a' (2005-03-01) follows 'b', which is later (2005-07-26)"


def test_cycle_lists_its_resolutions() -> None:
    problem = only_problem(
        """
        resolutions:
          - {id: a, year: 2000, title: t, follows: [c]}
          - {id: b, year: 2000, title: t, follows: [a]}
          - {id: c, year: 2000, title: t, follows: [b]}
        """
    )
    assert problem.line == 2
    assert problem.message == "links form a cycle: 'a' → 'c' → 'b' → 'a'"


def test_unknown_relation_lists_the_allowed_ones() -> None:
    problem = only_problem(
        """
        resolutions:
          - {id: a, year: 2000, title: t}
          - id: b
            year: 2001
            title: t
            follows:
              - {id: a, relation: recals}
        """
    )
    assert problem.line == 7
    assert problem.message == (
        "resolution 'b': unknown relation 'recals'; did you mean 'recalls'?"
        " (allowed: follows, recalls, reaffirms, extends, amends, supersedes, repeals)"
    )


def test_every_problem_is_reported_in_one_run_in_file_order() -> None:
    problems = problems_of(
        """
        resolutions:
          - {id: a, year: yes, title: t}
          - {id: b, year: 2001, titel: t}
          - {id: c, year: 2002, title: t, follows: [zzz]}
        """
    )
    assert [p.line for p in problems] == [2, 3, 3, 4]


# --- safety ----------------------------------------------------------------------------------------


def test_python_tags_are_rejected_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    problem = only_problem(
        f"""
        resolutions:
          - id: !!python/object/apply:os.system ["touch {marker}"]
            year: 2000
            title: t
        """
    )
    assert problem.line == 2
    assert "python/object/apply" in problem.message
    assert not marker.exists()


def test_alias_bomb_is_answered_without_expanding() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = "\n".join(lines) + "\nresolutions:\n  - {id: *a9, year: 2000, title: t}\n"
    problems = problems_of(text)  # 9^10 strings if expanded; aliases are never copied
    assert problems[0].line == 1  # unknown top-level field a0
    assert any("'id' must be text or a number, not a list" in p.message for p in problems)


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    problem = only_problem("resolutions: " + "[" * 20000 + "]" * 20000 + "\n")
    assert problem.line == 1
    assert "nest" in problem.message


def test_message_quotes_only_a_short_excerpt_of_a_huge_value() -> None:
    huge = "x" * 100_000
    problem = only_problem(f"resolutions:\n  - {{id: a, year: '{huge}', title: t}}\n")
    assert len(problem.message) < 200


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(CatalogueError, match="not a regular file"):
        load_catalogue(fifo)


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    with pytest.raises(CatalogueError, match="cannot read: Too many levels of symbolic links"):
        load_catalogue(tmp_path / "a.yaml")


def test_ids_with_digit_like_characters_sort_without_crashing() -> None:
    # '²' counts as a digit for str.isdigit() but int() refuses it (found by Hypothesis)
    text = "resolutions: [{id: '²', year: 2000, title: t}, {id: '٣', year: 2000, title: u}, {id: '2', year: 2000, title: v}]"
    assert [r.id for r in check_text(text, "c.yaml").catalogue] == ["²", "2", "٣"]  # ٣ is 3
