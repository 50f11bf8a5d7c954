"""`jxc bench` builds a dataset once, measures every benchmark, and records the results."""
from __future__ import annotations

import json

import pytest

from bench.cases import BENCHMARKS
from bench.report import Result, write_doc
from bench.runner import UnknownBenchmark, run


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    lines: list[str] = []
    results = run([], "tiny", json_out=tmp / "r.json", doc=tmp / "perf.md",
                  cache=tmp / "cache", echo=lines.append)
    return tmp, results, lines


def test_every_benchmark_reports_a_figure_beside_its_target(first_run):
    tmp, results, lines = first_run
    assert [r.name for r in results] == list(BENCHMARKS)
    assert all(r.figure > 0 for r in results)
    assert len(lines) == len(BENCHMARKS)
    for r, text in zip(results, lines):
        assert r.name in text and "target" in text and str(r.target) in text


def test_results_go_to_json_and_to_the_doc(first_run):
    tmp, results, _ = first_run
    data = json.loads((tmp / "r.json").read_text(encoding="utf-8"))
    assert data["scale"] == "tiny" and data["machine"]["cores"] >= 1
    assert {r["name"]: r["figure"] for r in data["results"]} == {r.name: r.figure for r in results}
    doc = (tmp / "perf.md").read_text(encoding="utf-8")
    assert "jxc bench --scale tiny" in doc
    assert all(f"| {name} |" in doc for name in BENCHMARKS)


def test_second_run_reuses_the_dataset_and_keeps_one_section(first_run):
    tmp, _, _ = first_run
    again = run(["demo_build", "store_open"], "tiny", cache=tmp / "cache", doc=tmp / "perf.md",
                echo=lambda _: None)
    assert again[0].detail["built_this_run"] is False
    data = json.loads((tmp / "r.json").read_text(encoding="utf-8"))
    write_doc(tmp / "perf.md", data, {})  # a later complete run replaces its section
    assert (tmp / "perf.md").read_text(encoding="utf-8").count("<!-- bench:tiny -->") == 1


def test_unknown_benchmark_is_refused(tmp_path):
    with pytest.raises(UnknownBenchmark, match="nope"):
        run(["nope"], "tiny", cache=tmp_path)


def test_result_compares_in_the_right_direction():
    assert Result("a", 1.0, "ms", 2.0).ok and not Result("a", 3.0, "ms", 2.0).ok
    assert Result("b", 3.0, "/s", 2.0, lower_is_better=False).ok
