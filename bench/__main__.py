"""`python -m bench`: run every case, print a table, write results.json and
docs/performance.md. `--smoke` runs tiny sizes (the test suite's smoke run)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import harness, report

ROOT = Path(__file__).resolve().parent.parent

# Each case's parameters as (full run, smoke run): the smoke run (the test suite's) is the same
# run at tiny sizes.
PARAMETERS: dict[str, Any] = {
    "b1": {
        "processes": (50, 8),
        "history": (20, 4),
        "workers": (2, 2),
        "clients": (8, 8),
        "warmup_s": (2, 0.2),
        "seconds": (6, 0.5),
        "rounds": (8, 1),
        "max_requests": (20_000, 40),
    },
    "b2": {"short": (10, 5), "long": (10_000, 50), "repeat": (100, 3)},
    "b3": {
        "sizes": ([100_000, 1_000_000], [200, 400]),
        "events_each": (1000, 20),
        "budget_s": (1200, 60),
    },
    "b4": {"short": (10, 5), "long": (10_000, 40), "processes": (10_000, 30), "repeat": (50, 3)},
    "b5": {"subscribers": (1000, 12), "processes": (50, 5)},
    "b6": {"events": (50_000, 200), "events_each": (500, 20)},
    "b7": {
        "pages": {"processes": (1000, 20), "events_each": (20, 4), "repeat": (30, 3)},
        "webhooks": {
            "endpoints": (100, 3),
            "events": (10, 2),
            "gap_s": (3.0, 0.2),
            "concurrency": (8, 2),
            "warmup_s": (3, 2),
            "timeout_s": (120, 30),
        },
    },
}


def _run_of(parameters: dict[str, Any], run: int) -> dict[str, Any]:
    """The parameters of one run (0 full, 1 smoke), nested as they are."""
    return {
        name: _run_of(value, run) if isinstance(value, dict) else value[run]
        for name, value in parameters.items()
    }


FULL = _run_of(PARAMETERS, 0)
SMOKE = _run_of(PARAMETERS, 1)


def run_step(
    case: str, step: str, backend: str, db: str, params: dict[str, Any], timeout: float = 900
) -> dict[str, Any]:
    """One step in a fresh interpreter; its last output line is its JSON result."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.case",
            case,
            step,
            "--backend",
            backend,
            "--db",
            db,
            "--params",
            json.dumps(params),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(f"{case} {step} on {backend} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=3
        ):
            return True
    except Exception:
        return False


class Cases:
    """The cases asked for (`--only`, every one by default), each recorded as its results,
    or as its error (a failed case is reported, the others still run)."""

    def __init__(self, only: set[str] | None, sizes: dict[str, Any], prefix: str) -> None:
        self.only, self.sizes, self.prefix = only, sizes, prefix
        self.raw: dict[str, Any] = {}

    def want(self, case: str) -> bool:
        return self.only is None or case in self.only

    def record(self, key: str, fn: Callable[[], dict[str, Any]]) -> None:
        t = time.perf_counter()
        print(f"-- {key} ...", flush=True)
        try:
            self.raw[key] = fn()
        except Exception as e:
            self.raw[key] = {"error": str(e)[-2000:]}
        self.raw[key]["wall_s"] = round(time.perf_counter() - t, 1)
        print(f"   {key}: {self.raw[key]['wall_s']} s", flush=True)


def backend_cases(cases: Cases, backend: str) -> None:
    """The cases run once per backend, one after another on it: B1, B2, B4, B7."""
    if cases.want("B1"):
        cases.record(
            f"B1/{backend}",
            lambda backend=backend: run_step(
                "b1_api_writes", "run", backend, cases.prefix + "b1", cases.sizes["b1"]
            ),
        )
    if cases.want("B2"):
        cases.record(
            f"B2/{backend}",
            lambda backend=backend: run_step(
                "b2_write_cost", "run", backend, cases.prefix + "b2", cases.sizes["b2"]
            ),
        )
    if cases.want("B4"):
        cases.record(
            f"B4/{backend}",
            lambda backend=backend: {
                "small": run_step(
                    "b4_reads", "small", backend, cases.prefix + "b4s", cases.sizes["b4"]
                ),
                "many": run_step(
                    "b4_reads", "many", backend, cases.prefix + "b4m", cases.sizes["b4"]
                ),
            },
        )
    if cases.want("B7"):
        from bench.cases import b7_board_webhooks

        reason = b7_board_webhooks.available()
        cases.record(
            f"B7/{backend}",
            lambda backend=backend, reason=reason: {
                "pages": run_step(
                    "b7_board_webhooks",
                    "pages",
                    backend,
                    cases.prefix + "b7p",
                    cases.sizes["b7"]["pages"],
                ),
                **{
                    step: (
                        {"available": False, "reason": reason}
                        if reason
                        else run_step(
                            "b7_board_webhooks",
                            step,
                            backend,
                            cases.prefix + "b7w",
                            cases.sizes["b7"]["webhooks"],
                        )
                    )
                    for step in ("webhooks", "webhooks_async")
                },
            },
        )


def store_cases(cases: Cases, backends: list[str]) -> None:
    """The cases on a store of their own size: B3 and B5 per backend, B6 on SQLite."""
    if cases.want("B3"):
        for backend in backends:
            cases.record(
                f"B3/{backend}",
                lambda backend=backend: run_b3(cases.sizes["b3"], cases.prefix, backend),
            )
    if cases.want("B5"):
        from bench.cases import b5_digests

        reason = b5_digests.available()
        for backend in backends:
            cases.record(
                f"B5/{backend}",
                lambda backend=backend: (
                    {"available": False, "reason": reason}
                    if reason
                    else run_step(
                        "b5_digests", "run", backend, cases.prefix + "b5", cases.sizes["b5"]
                    )
                ),
            )
    if cases.want("B6"):
        from bench.cases import b6_import

        reason = b6_import.available()
        cases.record(
            "B6/sqlite",
            lambda: (
                {"available": False, "reason": reason}
                if reason
                else {
                    "append": run_step(
                        "b6_import", "append", "sqlite", cases.prefix + "b6", cases.sizes["b6"]
                    ),
                    "import": run_step(
                        "b6_import", "import", "sqlite", cases.prefix + "b6", cases.sizes["b6"]
                    ),
                }
            ),
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="Tiny sizes: checks the bench runs.")
    parser.add_argument("--only", help="Comma-separated case ids, e.g. B1,B3.")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--out", default=str(ROOT / "var" / "bench" / "results.json"))
    parser.add_argument(
        "--docs",
        help="Markdown file for the figures (default: "
        "docs/performance.md on full runs, none on smoke runs).",
    )
    parser.add_argument(
        "--redo-docs",
        action="store_true",
        help="Only rewrite the Markdown from the results file (notes refreshed).",
    )
    args = parser.parse_args(argv)
    if args.redo_docs:
        results = json.loads(Path(args.out).read_text())
        report.refresh_notes(results)
        Path(args.out).write_text(json.dumps(results, indent=2, default=str) + "\n")
        report.write_markdown(results, Path(args.docs or ROOT / "docs" / "performance.md"))
        return 0
    sizes = SMOKE if args.smoke else FULL
    only = {c.strip().upper() for c in args.only.split(",")} if args.only else None
    backends = [b for b in args.backends.split(",") if b]
    if "postgres" in backends and not postgres_reachable():
        print("PostgreSQL is not reachable on 127.0.0.1:5432: running on SQLite only.")
        backends.remove("postgres")
    prefix = "smoke-" if args.smoke else ""
    started = time.perf_counter()
    cases = Cases(only, sizes, prefix)
    for backend in backends:
        backend_cases(cases, backend)
    store_cases(cases, backends)

    results = report.build(
        cases.raw,
        sizes=sizes,
        smoke=args.smoke,
        machine=harness.machine(),
        total_s=time.perf_counter() - started,
    )
    print(report.table(results))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(f"\nWrote {out}")
    docs = args.docs or (None if args.smoke else str(ROOT / "docs" / "performance.md"))
    if docs and only is None:
        report.write_markdown(results, Path(docs))
        print(f"Wrote {docs}")
    return 0


def run_b3(params: dict[str, Any], prefix: str, backend: str = "sqlite") -> dict[str, Any]:
    """Both sizes on `backend`; the larger one is scaled down when the smaller one's rates
    say it cannot fit the time budget (and the results say so)."""
    out: dict[str, Any] = {"runs": []}
    spent = 0.0
    for size in params["sizes"]:
        p = {"events": size, "events_each": params["events_each"]}
        if out["runs"]:
            first = out["runs"][0]
            per_event = (
                first["seed"]["seed_s"] + first["raw"]["seconds"] + first["rebuild"]["seconds"]
            ) / first["raw"]["events"]
            fits = int((params["budget_s"] - spent) / per_event / 1.3)
            if fits < size:
                scaled = max(
                    first["raw"]["events"], fits // params["events_each"] * params["events_each"]
                )
                out["scaled_down"] = (
                    f"{size} events would not fit the time budget "
                    f"({params['budget_s']} s for B3); ran {scaled}."
                )
                p["events"] = size = scaled
        t = time.perf_counter()
        db = f"{prefix}b3-{size}"
        run = {
            "size": size,
            "seed": run_step("b3_rebuild", "seed", backend, db, p, timeout=1800),
            "raw": run_step("b3_rebuild", "raw", backend, db, p, timeout=1800),
            "rebuild": run_step("b3_rebuild", "rebuild", backend, db, p, timeout=1800),
        }
        out["runs"].append(run)
        spent += time.perf_counter() - t
        for suffix in ("", "-wal", "-shm"):  # a million events take room: drop them
            for path in (ROOT / "var/bench").glob(f"{db}*.sqlite3{suffix}"):
                path.unlink(missing_ok=True)
    return out


if __name__ == "__main__":
    sys.exit(main())
