"""The benchmark runs end to end at tiny sizes: every case measures, every figure has a
target and a verdict, and the results file is written. (The figures themselves are not
checked here: at these sizes they mean nothing.) The default run starts the bench on two
quick cases; the whole smoke run takes minutes and runs with `make bench-smoke`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip(
    "simple_history", reason="bench dependencies: make bench-deps (requirements-bench.txt)"
)


def run_bench(tmp_path: Path, *args: str, timeout: float) -> dict:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--backends", "sqlite", "--out", str(out)]
        + list(args),
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "BENCH_DIR": str(tmp_path / "bench")},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    for figure in results["figures"]:
        assert "error" not in figure["detail"], figure
        assert figure["target"]
        assert figure["met"] in (True, False, None)
    assert "cpus" in results["machine"]
    return results


def test_the_bench_starts_and_measures_two_cases(tmp_path):
    results = run_bench(tmp_path, "--only", "B2,B4", timeout=100)  # ~20 s, more on a busy CPU
    assert {f["id"].split()[0] for f in results["figures"]} == {"B2", "B4"}


@pytest.mark.bench
@pytest.mark.timeout(900)  # every case at tiny sizes: minutes on a shared CPU
def test_bench_smoke_run_writes_every_figure(tmp_path):
    results = run_bench(tmp_path, timeout=600)
    assert {"B1", "B2", "B3", "B4", "B5", "B6"} <= {f["id"].split()[0] for f in results["figures"]}
