"""extract: a draft catalogue from resolution texts, checked against twelve real Security Council texts."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, Run

from reslineage.extract import STYLES, build_draft, read_text, relation_of
from reslineage.loader import load_catalogue

Cli = Callable[..., Run]
TEXTS = DATA / "unsc-texts"

# Every citation among the twelve texts of a resolution earlier in the set, as the texts state it.
EXPECTED_LINKS = [
    ("S/RES/242 (1967)", "S/RES/338 (1973)", "follows", "S_RES_0338_1973.txt:11"),
    ("S/RES/365 (1974)", "S/RES/367 (1975)", "recalls", "S_RES_0367_1975.txt:16"),
    ("S/RES/425 (1978)", "S/RES/426 (1978)", "follows", "S_RES_0426_1978.txt:7"),
    ("S/RES/425 (1978)", "S/RES/509 (1982)", "recalls", "S_RES_0509_1982.txt:6"),
    ("S/RES/660 (1990)", "S/RES/661 (1990)", "reaffirms", "S_RES_0661_1990.txt:5"),
    ("S/RES/660 (1990)", "S/RES/678 (1990)", "recalls", "S_RES_0678_1990.txt:6"),
    ("S/RES/660 (1990)", "S/RES/687 (1991)", "recalls", "S_RES_0687_1991.txt:6"),
    ("S/RES/661 (1990)", "S/RES/678 (1990)", "recalls", "S_RES_0678_1990.txt:7"),
    ("S/RES/661 (1990)", "S/RES/687 (1991)", "recalls", "S_RES_0687_1991.txt:6"),
    ("S/RES/678 (1990)", "S/RES/687 (1991)", "recalls", "S_RES_0687_1991.txt:11"),
]


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    shutil.copytree(TEXTS, folder)
    return folder


def draft_from(cli: Cli, *args: str) -> tuple[Run, str]:
    result = cli("extract", *args)
    return result, result.stdout


def test_the_twelve_texts_give_the_twelve_resolutions_with_ids_years_and_dates(
    cli: Cli, texts: Path, tmp_path: Path
) -> None:
    out = tmp_path / "draft.yaml"
    result = cli("extract", str(texts), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    catalogue = load_catalogue(out)
    assert [(r.id, r.year) for r in catalogue] == [
        ("S/RES/186 (1964)", 1964),
        ("S/RES/242 (1967)", 1967),
        ("S/RES/338 (1973)", 1973),
        ("S/RES/365 (1974)", 1974),
        ("S/RES/367 (1975)", 1975),
        ("S/RES/425 (1978)", 1978),
        ("S/RES/426 (1978)", 1978),
        ("S/RES/509 (1982)", 1982),
        ("S/RES/660 (1990)", 1990),
        ("S/RES/661 (1990)", 1990),
        ("S/RES/678 (1990)", 1990),
        ("S/RES/687 (1991)", 1991),
    ]
    assert catalogue.get("S/RES/338 (1973)").date == datetime.date(1973, 10, 22)
    assert catalogue.get("S/RES/687 (1991)").date is None  # "of 3 Apri] 1991": not a date
    assert catalogue.get("S/RES/186 (1964)").sources == (str(texts / "S_RES_0186_1964.txt"),)


def test_exactly_the_links_the_texts_state_with_evidence(cli: Cli, texts: Path) -> None:
    result = cli("extract", str(texts))
    path = texts.parent / "draft.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(cli("-c", str(path), "export", "-f", "csv").stdout)))
    found = [
        (r["source_id"], r["target_id"], r["relation"], r["link_source"].rsplit("/", 1)[-1])
        for r in rows
    ]
    assert found == EXPECTED_LINKS
    note_338 = next(r["note"] for r in rows if r["target_id"] == "S/RES/338 (1973)")
    assert note_338 == (
        "2. Calls upon the parties concerned to start immediately after the cease-fire the"
        " implementation of Security Council resolution 242 (1967) in all of its parts;"
    )
    assert all(r["note"] for r in rows)


def test_citations_outside_the_set_are_summarised_on_stderr(cli: Cli, texts: Path) -> None:
    result = cli("extract", str(texts))
    lines = result.stderr.splitlines()
    assert lines[0] == "Drafted 12 resolutions with 10 links."
    assert lines[1].startswith(
        "Cited but not in the set: 26 references to 11 resolutions; most cited: S/RES/686 (1991) (6)"
    )


def test_json_summary(cli: Cli, texts: Path, tmp_path: Path) -> None:
    result = cli("extract", str(texts), "-o", str(tmp_path / "d.yaml"), "--json")
    data = json.loads(result.stdout)
    assert data["resolutions"] == 12
    assert data["links"] == 10
    assert data["skipped"] == []
    assert data["cited_not_in_set"]["references"] == 26
    assert data["cited_not_in_set"]["most_cited"][0] == {"id": "S/RES/686 (1991)", "count": 6}


def test_output_is_deterministic_and_validates(cli: Cli, texts: Path) -> None:
    first = cli("extract", str(texts)).stdout
    assert (
        cli("extract", *sorted(str(p) for p in texts.glob("*.txt"))).stdout.split("\n", 3)[3]
        == (first.split("\n", 3)[3])
    )
    assert first.startswith("# Draft catalogue written by reslineage extract (unsc style)\n")
    path = texts.parent / "draft.yaml"
    path.write_text(first, encoding="utf-8")
    assert cli("-c", str(path), "validate").exit_code == 0


def test_bad_files_are_named_and_the_rest_still_drafted(cli: Cli, texts: Path) -> None:
    (texts / "empty.txt").write_text("", encoding="utf-8")
    (texts / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (texts / "notes.txt").write_text("Minutes of a meeting without any resolution number.\n")
    (texts / "copy.txt").write_text((texts / "S_RES_0242_1967.txt").read_text(encoding="utf-8"))
    result = cli("extract", str(texts))
    assert result.exit_code == 3
    assert result.stderr.splitlines()[:4] == [
        # files are taken in path order, so the original (S_… sorts before c…) keeps its id
        f"{texts / 'copy.txt'}: skipped: claims S/RES/242 (1967), already claimed by"
        f" {texts / 'S_RES_0242_1967.txt'}",
        f"{texts / 'empty.txt'}: skipped: empty file",
        f"{texts / 'image.txt'}: skipped: binary file, not text",
        f"{texts / 'notes.txt'}: skipped: no UNSC resolution id in its heading or file name",
    ]
    assert "Drafted 12 resolutions with 10 links." in result.stderr
    assert result.stdout.count("\n- id: ") == 12


def test_interpol_texts(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "interpol"
    folder.mkdir()
    (folder / "a.txt").write_text("AGN/65/RES/9\nof 29 October 1996\n\nThe General Assembly ...\n")
    (folder / "b.txt").write_text(
        "AG-2021-89-RES-09\n\nRecalling resolutions AGN/65/RES/9 and AG-2014-RES-02,\n\n"
        "Decides to amend the procedure set out in AG-2009-RES-05;\n"
    )
    result = cli("extract", "--style", "interpol", str(folder))
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "draft.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    catalogue = load_catalogue(path)
    assert [(r.id, r.year) for r in catalogue] == [
        ("AGN/65/RES/9", 1996),
        ("AG-2021-89-RES-09", 2021),
    ]
    (link,) = catalogue.get("AG-2021-89-RES-09").follows
    assert (link.target, link.relation) == ("AGN/65/RES/9", "recalls")
    assert "Cited but not in the set: 2 references to 2 resolutions" in result.stderr


def test_general_assembly_texts(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "unga"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Resolution 43/131\nof 8 December 1988\n\nThe General Assembly,\n"
    )
    (folder / "two.txt").write_text(
        "A/RES/45/100\nof 14 December 1990\n\nThe General Assembly,\n"
        "Reaffirming its resolutions 43/131 of 8 December 1988 and 44/25,\n"
    )
    result = cli("extract", "--style", "unga", str(folder))
    path = tmp_path / "draft.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    catalogue = load_catalogue(path)
    assert [r.id for r in catalogue] == ["A/RES/43/131", "A/RES/45/100"]
    assert [(link.target, link.relation) for link in catalogue.get("A/RES/45/100").follows] == [
        ("A/RES/43/131", "reaffirms")
    ]


def test_custom_id_pattern(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "ministry"
    folder.mkdir()
    (folder / "d1.txt").write_text("Decision MIN-2019-004 (year 2019)\n\nOn schools.\n")
    (folder / "d2.txt").write_text(
        "Decision MIN-2021-010 (year 2021)\n\nThis amends Decision MIN-2019-004.\n"
    )
    result = cli("extract", "--id-pattern", r"MIN-(?P<year>\d{4})-\d{3}", str(folder))
    path = tmp_path / "draft.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    catalogue = load_catalogue(path)
    assert [(r.id, r.year) for r in catalogue] == [("MIN-2019-004", 2019), ("MIN-2021-010", 2021)]
    assert catalogue.get("MIN-2021-010").follows[0].relation == "amends"


def test_bad_regular_expression_is_a_usage_error(cli: Cli, texts: Path) -> None:
    result = cli("extract", "--id-pattern", "([unclosed", str(texts))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --id-pattern is not a valid regular expression")


@pytest.mark.parametrize(
    ("clause", "relation"),
    [
        ("Recalling its resolutions 660 (1990)", "recalls"),
        ("The Security Council,\nReaffirming its resolution 660 (1990)", "reaffirms"),
        ("3. Decides to amend resolution 1234 (2005)", "amends"),
        ("Decides that this resolution replaces resolution 12 (1950)", "supersedes"),
        ("Decides that resolution 661 (1990) shall have no further force or effect", "repeals"),
        ("Calls for the implementation of resolution 242 (1967)", "follows"),
    ],
)
def test_relation_from_the_citing_clause(clause: str, relation: str) -> None:
    assert relation_of(clause) == relation


def test_a_text_citing_itself_makes_no_link() -> None:
    text = read_text(
        "Resolution 5 (1950)\n\nRecalling resolution 4 (1949) and resolution 5 (1950),\n",
        "r.txt",
        STYLES["unsc"],
    )
    assert [c.reference.id for c in text.citations] == ["S/RES/4 (1949)"]
    draft = build_draft([text])
    assert draft.outside == {"S/RES/4 (1949)": 1}
