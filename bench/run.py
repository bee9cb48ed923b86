"""Benchmark reslineage against baselines measured in the same run; print a Markdown table.

Each case runs as a fresh process several times (median, min, max wall time) and its peak
memory (max RSS) is read from the kernel for that process alone. Ratios compare each case with
its baseline from the same run, so figures from different machines stay comparable.

Usage: python bench/run.py [--sizes 1000,10000,100000] [--runs 3] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, generate_texts, resolution_id, year_of

PYTHON = sys.executable
SCRIPT = Path(PYTHON).with_name("reslineage")
RESLINEAGE = [str(SCRIPT)] if SCRIPT.exists() else [PYTHON, "-m", "reslineage"]
NAIVE_PEER = """
import sys, yaml, networkx as nx
data = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
g = nx.DiGraph()
for r in data["resolutions"]:
    g.add_node(str(r["id"]), **{k: v for k, v in r.items() if k not in ("id", "follows")})
for r in data["resolutions"]:
    for link in r.get("follows") or []:
        target = link if isinstance(link, str) else link["id"]
        g.add_edge(str(target), str(r["id"]))
print(g.number_of_nodes(), g.number_of_edges())
"""


@dataclass
class Timing:
    times: list[float]
    peak_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def measure(command: list[str], runs: int, env: dict[str, str]) -> Timing:
    """Run a command `runs` times; wall times and the largest peak RSS of any run."""
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
        peak = max(peak, usage.ru_maxrss)
    return Timing(times, peak / 1024)


def row(name: str, timing: Timing, baseline: Timing | None, baseline_name: str = "") -> str:
    ratio = f"{timing.median / baseline.median:.2f}× {baseline_name}" if baseline else "baseline"
    return (
        f"| {name} | {timing.median:.3f} | {min(timing.times):.3f} | {max(timing.times):.3f}"
        f" | {timing.peak_mb:.0f} | {ratio} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="keep generated catalogues here")
    parser.add_argument("--texts", type=int, default=10_000, help="texts for the extract case")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="reslineage-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    cache = Path(tempfile.mkdtemp(prefix="reslineage-bench-cache-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("RESLINEAGE_NO_CACHE", None)
    runs = args.runs
    lines = [
        "| case | median s | min s | max s | peak MB | ratio (medians) |",
        "|---|---:|---:|---:|---:|---|",
    ]

    def add(name: str, timing: Timing, baseline: Timing | None = None, against: str = "") -> None:
        lines.append(row(name, timing, baseline, against))
        print(lines[-1], file=sys.stderr, flush=True)

    imports = measure([PYTHON, "-c", "import typer, rich.console, yaml"], runs * 3, env)
    add("start-up baseline: `import typer, rich.console, yaml`", imports)
    add("`reslineage --help`", measure([*RESLINEAGE, "--help"], runs * 3, env), imports, "baseline")
    add(
        "`reslineage list` (bundled)",
        measure([*RESLINEAGE, "list"], runs * 3, env),
        imports,
        "baseline",
    )

    for size in sizes:
        path = work / f"catalogue-{size}.yaml"
        if not path.exists():
            path.write_text(generate(size), encoding="utf-8")
        megabytes = path.stat().st_size / 1e6
        year = year_of(size // 2, size)
        last = resolution_id(size - 1)
        on = [*RESLINEAGE, "-c", str(path)]
        lines.append(f"| **{size:,} resolutions** ({megabytes:.1f} MB) | | | | | |")
        parse = measure(
            [PYTHON, "-c", f"import yaml; yaml.load(open({str(path)!r}), Loader=yaml.CSafeLoader)"],
            runs,
            env,
        )
        add("baseline: bare `CSafeLoader` parse", parse)
        cold = measure([*on, "--no-cache", "list", "--year", str(year)], runs, env)
        add("cold `list --year` (no cache)", cold, parse, "parse")
        naive = measure([PYTHON, "-c", NAIVE_PEER, str(path)], runs, env)
        add("naive peer: `safe_load` + `DiGraph`", naive, parse, "parse")
        measure([*on, "list", "--year", str(year)], 1, env)  # fill the cache
        warm_cases = {
            "warm `list --year`": ["list", "--year", str(year)],
            "warm `timeline topic 007`": ["timeline", "topic 007"],
            "warm `lineage LAST --ancestors --depth 3`": [
                "lineage",
                last,
                "--ancestors",
                "--depth",
                "3",
            ],
            "warm `lineage LAST --ancestors` (whole lineage)": ["lineage", last, "--ancestors"],
            "warm `path RES/5 LAST`": ["path", "RES/5", last],
            "warm `export --format json`": ["export", "--format", "json"],
        }
        # Round-robin, so that no case always runs first after a heavy one (order effects)
        warm_timings = {label: Timing([], 0.0) for label in warm_cases}
        for _ in range(runs):
            for label, extra in warm_cases.items():
                one = measure([*on, *extra], 1, env)
                warm_timings[label].times.extend(one.times)
                warm_timings[label].peak_mb = max(warm_timings[label].peak_mb, one.peak_mb)
        warm = warm_timings.pop("warm `list --year`")
        add("warm `list --year`", warm, cold, "cold")
        for label, timing in warm_timings.items():
            add(label, timing, warm, "warm list")
        lineage = warm_timings["warm `lineage LAST --ancestors` (whole lineage)"]
        for label, timing in (
            ("warm `lineage --ancestors`", lineage),
            ("cold `list --year`", cold),
        ):
            lines.append(
                f"| peak memory: {label} | | | | {timing.peak_mb:.0f}"
                f" | {timing.peak_mb / naive.peak_mb:.2f}× naive peer |"
            )
    corpus = work / f"texts-{args.texts}"
    if not corpus.exists():
        generate_texts(args.texts, corpus)
    lines.append(f"| **extract, {args.texts:,} texts** | | | | | |")
    reading = measure(
        [
            PYTHON,
            "-c",
            f"import pathlib; [p.read_bytes() for p in pathlib.Path({str(corpus)!r}).rglob('*.txt')]",
        ],
        runs,
        env,
    )
    add("baseline: read every file", reading)
    extracting = measure(
        [*RESLINEAGE, "extract", str(corpus), "-o", str(work / "draft.yaml")], runs, env
    )
    add("`extract DIR -o draft.yaml`", extracting, reading, "reading")
    lines.append(
        f"| extract throughput | | | | | {args.texts / extracting.median:,.0f} texts/s (median) |"
    )
    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} cores, {runs} runs per case\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
