"""`bench/scoring.py` runs the real pipeline on the default framework (a small, fast run)."""

import importlib.util
from pathlib import Path

from maturity.framework_files import load_default_framework

BENCH = Path(__file__).resolve().parents[2] / "bench" / "scoring.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_scoring", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_scores_the_default_frameworks_likert_items() -> None:
    bench = load_bench()

    items, dimensions = bench.framework()

    parsed = load_default_framework()
    assert list(items["item"]) == [item.code for item in parsed.items if item.response == "likert5"]
    assert list(dimensions["dimension"]) == [dimension.code for dimension in parsed.dimensions]
    bench.pipeline(bench.synthesise(30, items, dimensions), items, dimensions)
