"""The bundled INTERPOL catalogue holds exactly the verified facts, each with its source."""

from __future__ import annotations

import datetime

import pytest

from reslineage.catalogue import followers_of
from reslineage.loader import check_catalogue, load_catalogue

RELEASE = "INTERPOL news release on resolution AG-2021-89-RES-09, Istanbul, Turkey, November 2021"

# id: (year, session, place), from the General Assembly sessions table of the verified facts
FACTS = {
    "AGN/65/RES/9": (1996, "65th session", "Antalya, Turkey"),
    "AGN/65/RES/10": (1996, "65th session", "Antalya, Turkey"),
    "AG-2005-RES-09": (2005, "74th session", "Berlin, Germany"),
    "AG-2009-RES-05": (2009, "78th session", "Singapore"),
    "AG-2011-RES-05": (2011, "80th session", "Hanoi, Viet Nam"),
    "AG-2011-RES-08": (2011, "80th session", "Hanoi, Viet Nam"),
    "AG-2014-RES-02": (2014, "83rd session", "Monaco"),
    "AG-2021-89-RES-09": (2021, "89th session", "Istanbul, Turkey"),
}


def test_bundled_catalogue_is_valid_without_warnings() -> None:
    checked = check_catalogue()
    assert checked.warnings == []
    assert len(checked.catalogue) == 8


@pytest.mark.parametrize("rid", FACTS)
def test_each_entry_matches_the_facts_and_names_its_sources(rid: str) -> None:
    resolution = load_catalogue().get(rid)
    year, session, place = FACTS[rid]
    assert (resolution.year, resolution.session, resolution.place) == (year, session, place)
    assert resolution.body == "INTERPOL General Assembly"
    assert any(source.startswith(RELEASE) for source in resolution.sources)
    assert any(
        f"{session.split()[0]} INTERPOL General Assembly session" in s for s in resolution.sources
    )


def test_only_the_2021_resolution_has_a_known_day() -> None:
    catalogue = load_catalogue()
    dated = {r.id: r.date for r in catalogue if r.date is not None}
    assert dated == {"AG-2021-89-RES-09": datetime.date(2021, 11, 24)}
    sources = catalogue.get("AG-2021-89-RES-09").sources
    assert any(s.startswith("Associated Press") for s in sources)


def test_the_only_links_are_the_seven_the_release_states() -> None:
    catalogue = load_catalogue()
    latest = catalogue.get("AG-2021-89-RES-09")
    assert {link.target for link in latest.follows} == set(FACTS) - {"AG-2021-89-RES-09"}
    assert all(link.source == RELEASE for link in latest.follows)
    assert all(not r.follows for r in catalogue if r.id != latest.id)
    for rid in FACTS:
        if rid != latest.id:
            assert [f.resolution.id for f in followers_of(catalogue, rid)] == [latest.id]
