"""The parsed-catalogue cache: used for large catalogues, never trusted blindly, never fatal."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from reslineage import cache
from reslineage.loader import MIN_CACHED_SIZE, check_catalogue

Cli = Callable[..., Run]


@pytest.fixture
def big_catalogue(tmp_path: Path) -> Path:
    """A catalogue above the cache threshold, with one topic spelling warning."""
    lines = ["resolutions:"]
    for i in range(1500):
        lines += [
            f"  - id: R/{i}",
            f"    year: {1950 + i // 30}",
            f"    title: 'Resolution {i} on \"things\" & {'more ' * 20}'",
            f"    topics: [{'Topic A' if i == 0 else 'topic-a'}, topic {i % 7}]",
        ]
        if i >= 31:
            lines.append(f"    follows: [R/{i - 30}, {{id: R/{i - 31}, relation: recalls}}]")
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size >= MIN_CACHED_SIZE
    return path


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "reslineage"


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*.json")) if cache_dir.exists() else []


def test_first_load_fills_the_cache_and_the_second_reads_it(
    big_catalogue: Path, cache_home: Path
) -> None:
    first = check_catalogue(big_catalogue)
    (entry,) = entries(cache_home)
    assert entry.name == f"{cache.cache_key(big_catalogue.read_bytes())}.json"
    second = check_catalogue(big_catalogue)
    assert second.catalogue == first.catalogue
    assert second.warnings == first.warnings
    assert len(second.warnings) == 1


def test_results_are_identical_with_and_without_the_cache(cli: Cli, big_catalogue: Path) -> None:
    for command in (
        ["list", "--json"],
        ["lineage", "R/1499", "--json"],
        ["export", "-f", "graphml"],
    ):
        without = cli("--no-cache", "-c", str(big_catalogue), *command).stdout
        filling = cli("-c", str(big_catalogue), *command).stdout
        cached = cli("-c", str(big_catalogue), *command).stdout
        assert without == filling == cached, command


def test_no_cache_neither_reads_nor_writes(cli: Cli, big_catalogue: Path, cache_home: Path) -> None:
    assert cli("--no-cache", "-c", str(big_catalogue), "list").exit_code == 0
    assert entries(cache_home) == []


def test_small_catalogues_are_not_cached(cli: Cli, cache_home: Path) -> None:
    assert cli("list").exit_code == 0
    assert entries(cache_home) == []


def test_an_edited_catalogue_misses_the_old_entry(big_catalogue: Path, cache_home: Path) -> None:
    check_catalogue(big_catalogue)
    big_catalogue.write_text(
        big_catalogue.read_text(encoding="utf-8").replace("Resolution 7 ", "Resolution seven "),
        encoding="utf-8",
    )
    assert "seven" in check_catalogue(big_catalogue).catalogue.get("R/7").title
    assert len(entries(cache_home)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: b"\x00\xff" * 100, id="garbage"),
        pytest.param(lambda raw: raw.replace(b"Resolution 5 ", b"Resolution X "), id="tampered"),
    ],
)
def test_a_damaged_entry_is_ignored_and_replaced(
    big_catalogue: Path, cache_home: Path, damage: Callable[[bytes], bytes]
) -> None:
    expected = check_catalogue(big_catalogue, use_cache=False).catalogue
    check_catalogue(big_catalogue)
    (entry,) = entries(cache_home)
    entry.write_bytes(damage(entry.read_bytes()))
    assert check_catalogue(big_catalogue).catalogue == expected
    assert check_catalogue(big_catalogue).catalogue == expected  # rewritten, then read again


def test_a_forged_entry_with_a_matching_digest_but_wrong_types_is_ignored(
    big_catalogue: Path, cache_home: Path
) -> None:
    import hashlib

    expected = check_catalogue(big_catalogue).catalogue
    (entry,) = entries(cache_home)
    data = json.loads(entry.read_bytes().partition(b"\n")[2])
    data["resolutions"][3]["year"] = "not a year"
    payload = json.dumps(data).encode()
    entry.write_bytes(
        b"reslineage-cache " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    )
    assert check_catalogue(big_catalogue).catalogue == expected


def test_an_unwritable_cache_directory_never_breaks_a_command(
    cli: Cli, big_catalogue: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would go")
    result = cli("-c", str(big_catalogue), "list", env={"XDG_CACHE_HOME": str(blocker)})
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1500


def test_two_processes_filling_the_cache_at_once(big_catalogue: Path, cache_home: Path) -> None:
    command = [sys.executable, "-m", "reslineage", "-c", str(big_catalogue), "list", "--json"]
    env = {"XDG_CACHE_HOME": str(cache_home.parent), "PATH": "/usr/bin:/bin"}
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert all(p.returncode == 0 for p in processes)
    assert len({out for out, _ in outputs}) == 1
    assert len(entries(cache_home)) == 1
    assert not list(cache_home.glob("*.tmp"))
    assert json.loads(outputs[0][0])[0]["id"] == "R/0"
