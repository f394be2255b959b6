"""bench/national_all.py: the figures gathered from each step, the table and its verdicts, and
the peak memory of one child process."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import national_all as na


def _spread(median: float, low: float, high: float) -> dict[str, float]:
    return {"median": median, "min": low, "max": high}


def _figures(coverage_ms: float, p95: float) -> dict[str, dict[str, float]]:
    synth = {"seconds": 600.0, "peak_mb": 2500.0, "snapshot_seconds": 4.0}
    national = {
        "tree_province": _spread(40, 38, 45),
        "coverage_nation": _spread(coverage_ms, coverage_ms, coverage_ms),
        "coverage_nation_count": _spread(50, 48, 52),
        "coverage_nation_snapshot": _spread(5, 4, 6),
        "statistics_nation": _spread(300, 290, 310),
        "scopes": {"nation": 1},  # not a figure: ignored
    }
    snapshot = {"statistics_nation": _spread(30, 29, 31)}
    duck = {
        "coverage": {"duckdb": _spread(10, 9, 11), "tinhgon": _spread(1, 1, 1)},
        "statistics": {"duckdb": _spread(100, 90, 110), "tinhgon": _spread(1, 1, 1)},
    }
    load = {"pages": {"all": {"p50": 50.0, "p95": p95, "errors": 0}}}
    return na.figures(synth, national, snapshot, duck, load)


def test_figures_compute_the_ratios_to_duckdb() -> None:
    found = _figures(coverage_ms=40, p95=150)
    assert found["coverage_ratio"]["median"] == pytest.approx(4.0)  # 40 / 10
    assert found["statistics_ratio"]["median"] == pytest.approx(3.0)  # 300 / 100
    assert found["statistics_snapshot_ratio"]["median"] == pytest.approx(0.3)  # 30 / 100
    assert found["coverage_count_ratio"]["median"] == pytest.approx(5.0)  # 50 / 10
    assert found["coverage_snapshot_ratio"]["median"] == pytest.approx(0.5)  # 5 / 10
    assert "coverage_count_duckdb" not in found and "coverage_snapshot_duckdb" not in found
    assert found["coverage_duckdb"] == _spread(10, 9, 11)
    assert found["synth_s"] == {"median": 600.0, "min": 600.0, "max": 600.0}
    assert found["web_p95"]["median"] == 150
    assert "scopes" not in found


def test_row_targets_per_database() -> None:
    ratio = next(r for r in na.ROWS if r.key == "coverage_ratio")
    assert ratio.met("sqlite", 5.0)  # within 5× on SQLite
    assert not ratio.met("postgres", 3.01)  # 3× on PostgreSQL
    p95 = next(r for r in na.ROWS if r.key == "web_p95")
    assert not p95.met("sqlite", 200)  # under 200 ms, strictly
    errors = next(r for r in na.ROWS if r.key == "web_errors")
    assert errors.met("postgres", 0)
    assert not errors.met("postgres", 1)


def test_table_shows_both_databases_ratio_and_verdicts() -> None:
    results = {"sqlite": _figures(40, 150), "postgres": _figures(40, 400)}
    lines = na.table(results).splitlines()
    row = {line.split("|")[0].strip(): [c.strip() for c in line.split("|")] for line in lines}
    # Coverage 4× DuckDB: within 5× on SQLite, not within 3× on PostgreSQL.
    assert row["4. coverage / DuckDB"][-1] == "SQLite met, PostgreSQL missed"
    assert row["8. web, p95"][1] == "150 ms"
    assert row["8. web, p95"][3] == "2.67"  # 400 / 150
    assert row["8. web, p95"][-1] == "SQLite met, PostgreSQL missed"
    assert row["2. tree of a province"][1] == "40 ms (38–45)"
    assert row["2. tree of a province"][-1] == "met"
    assert row["1. synth, peak memory"][-1] == "missed"  # 2,500 MB over 2 GB
    assert "3. lineage, communes" not in row  # not measured: no line


def test_table_of_one_database_has_no_ratio_column() -> None:
    head = na.table({"postgres": _figures(40, 150)}).splitlines()[0]
    assert "PostgreSQL" in head
    assert "PG/SQLite" not in head


def test_measured_gives_the_child_peak_memory() -> None:
    grow = "b = bytearray(150 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); print('ok')"
    output, seconds, peak = na.measured([sys.executable, "-c", grow], {})
    assert output.strip() == "ok"
    assert seconds > 0
    assert 150 <= peak < 1000


def test_measured_stops_on_a_failing_command() -> None:
    with pytest.raises(SystemExit):
        na.measured([sys.executable, "-c", "raise SystemExit(3)"], {})
