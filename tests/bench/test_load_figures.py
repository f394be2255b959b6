"""bench/load.py's figures: percentiles, the sign-in kept apart, the verdict against the target."""

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import load


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(100, 0, -1)]  # 100 … 1, unsorted on purpose
    assert load.percentile(values, 0.50) == 50
    assert load.percentile(values, 0.95) == 95
    assert load.percentile(values, 1.0) == 100
    # With 3 values p50 is the 2nd (rank ceil(1.5) = 2), p95 the 3rd.
    assert load.percentile([30.0, 10.0, 20.0], 0.50) == 20
    assert load.percentile([30.0, 10.0, 20.0], 0.95) == 30
    assert math.isnan(load.percentile([], 0.5))


def test_figures_keep_the_sign_in_apart() -> None:
    times = {
        "login": [3000.0, 4000.0],
        "tree": [10.0, 20.0, 30.0, 40.0],
        "unit": [50.0, 60.0],
    }
    errors = {"login": ["refused"], "unit": ["status 500"]}
    found = load.figures(times, errors)
    assert found["login"]["requests"] == 2
    assert found["login"]["errors"] == 1
    assert found["tree"]["p50"] == 20
    assert found["tree"]["max"] == 40
    # All browsing: the 6 pages, not the sign-ins; p95 of 10…60 is 60, p50 the 3rd, 30.
    assert found["all"]["requests"] == 6
    assert found["all"]["p50"] == 30
    assert found["all"]["p95"] == 60
    assert found["all"]["errors"] == 1


def test_verdict_needs_p95_under_200_and_no_error() -> None:
    assert load.verdict({"p95": 199.9, "errors": 0})
    assert not load.verdict({"p95": 200.0, "errors": 0})
    assert not load.verdict({"p95": 20.0, "errors": 1})


def test_report_names_every_kind_and_the_verdict() -> None:
    found = load.figures({"tree": [10.0, 300.0]}, {})
    text = load.report(found)
    assert "tree" in text
    assert text.splitlines()[-1].endswith("missed")
