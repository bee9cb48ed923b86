"""Write a synthetic catalogue: N resolutions, ~3 links each to earlier ones, a few hundred topics.

Deterministic for a given size and seed, so benchmark runs compare like with like.
Usage: python bench/generate.py 100000 -o /tmp/cat-100k.yaml
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

RELATIONS = ["follows", "recalls", "reaffirms", "extends", "amends", "supersedes", "repeals"]
FIRST_YEAR = 1946


def resolution_id(i: int) -> str:
    return f"RES/{i}"


def year_of(i: int, size: int) -> int:
    """Years rise with the index, so every link to a lower index points back in time."""
    return FIRST_YEAR + (i * 80) // size


def generate(size: int, seed: int = 1, topics: int = 300) -> str:
    rng = random.Random(seed)
    topic_names = [f"topic {t:03d}" for t in range(topics)]
    out = [
        f"# synthetic catalogue: {size} resolutions, seed {seed}",
        "catalogue:",
        f"  title: Synthetic catalogue of {size} resolutions",
        "resolutions:",
    ]
    for i in range(size):
        year = year_of(i, size)
        out.append(f"  - id: {resolution_id(i)}")
        out.append(f"    year: {year}")
        out.append(f"    title: 'Resolution {i} on \"topic\" {i % topics} & its follow-up'")
        chosen = rng.sample(topic_names, 2)
        out.append(f"    topics: [{chosen[0]}, {chosen[1]}]")
        first_of_year = -(-(year - FIRST_YEAR) * size // 80)  # lowest index with this year
        earlier = range(max(0, first_of_year - 2000), first_of_year)
        if len(earlier):
            links = sorted(rng.sample(earlier, min(3, len(earlier))))
            out.append("    follows:")
            for j in links:
                relation = rng.choice(RELATIONS)
                if relation == "follows":
                    out.append(f"      - {resolution_id(j)}")
                else:
                    out.append(f"      - {{id: {resolution_id(j)}, relation: {relation}}}")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.output.write_text(generate(args.size, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()


MONTHS = ["January", "March", "June", "September", "November"]


def generate_texts(count: int, folder: Path, seed: int = 1) -> None:
    """Write `count` Security-Council-like texts, each citing a few earlier ones (and some
    outside the set), for the extract benchmark."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)

    def year_of_number(number: int) -> int:
        return 1950 + ((number - 1) * 70) // count

    for i in range(count):
        number = i + 1
        year = year_of_number(number)
        earlier = sorted(rng.sample(range(1, number), min(number - 1, 3)))
        cited = ", ".join(f"{n} ({year_of_number(n)})" for n in earlier)
        outside = f"{rng.randrange(20_000, 30_000)} ({year})"
        body = [
            f"Resolution {number} ({year})",
            f"of 1 {MONTHS[min(4, (number - 1) * 70 * 5 // count % 5)]} {year}",
            "",
            "The Security Council,",
            f"Recalling its resolutions {cited + ' and ' if cited else ''}{outside},",
            "",
            'Deeply concerned by the situation & the "reports" before it,',
            "",
            "1. Decides to remain actively seized of the matter;",
        ]
        (folder / f"S_RES_{number:05d}_{year}.txt").write_text(
            "\n".join(body) + "\n", encoding="utf-8"
        )
