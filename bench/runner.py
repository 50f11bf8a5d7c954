"""Run named benchmarks on a cached dataset and report them beside their targets."""
from __future__ import annotations

import json
from pathlib import Path

from bench.cases import BENCHMARKS
from bench.datasets import DEFAULT_CACHE, dataset
from bench.report import Result, line, to_json, write_doc

DOC = Path(__file__).resolve().parents[1] / "docs" / "performance.md"


class UnknownBenchmark(ValueError):
    pass


def run(names: list[str], scale: str, *, json_out: Path | None = None, doc: Path = DOC,
        cache: Path = DEFAULT_CACHE, echo=print, progress=None) -> list[Result]:
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        raise UnknownBenchmark(f"unknown benchmark(s): {', '.join(unknown)}; "
                               f"known: {', '.join(BENCHMARKS)}")
    chosen = names or list(BENCHMARKS)
    ds = dataset(scale, cache, progress)
    results = []
    for name in chosen:
        result = BENCHMARKS[name][0](ds)
        echo(line(result))
        results.append(result)
    command = "jxc bench " + " ".join([*names, "--scale", scale])
    data = to_json(results, scale, command)
    if json_out:
        json_out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    if set(chosen) == set(BENCHMARKS):  # the doc shows complete runs only
        write_doc(doc, data, {k: v[1] for k, v in BENCHMARKS.items()})
    return results
