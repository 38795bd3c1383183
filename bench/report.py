"""Figures from raw measurements: each with its target and whether it is met; a table for
the terminal, JSON for machines, Markdown for docs/performance.md."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.cases.b4_reads import figures as b4_figures

WHY = {}  # filled by bench.notes: why a target is missed and what would change it


def _fig(
    fid: str,
    what: str,
    measured: float | None,
    target: str,
    met: bool | None,
    detail: dict[str, Any] | None = None,
    note: str = "",
) -> dict[str, Any]:
    return {
        "id": fid,
        "what": what,
        "measured": measured,
        "target": target,
        "met": met,
        "detail": detail or {},
        "note": note,
    }


def _r(x: float | None, n: int = 2) -> float | None:
    return None if x is None else round(x, n)


def build(
    raw: dict[str, Any],
    *,
    sizes: dict[str, Any],
    smoke: bool,
    machine: dict[str, Any],
    total_s: float,
) -> dict[str, Any]:
    from bench import notes

    figures: list[dict[str, Any]] = []
    for key, r in raw.items():
        case, backend = key.split("/")
        if "error" in r:
            figures.append(
                _fig(
                    case,
                    f"{case} on {backend}",
                    None,
                    "-",
                    False,
                    r,
                    "the case failed: see detail.error",
                )
            )
            continue
        if case == "B1":
            figures.extend(_b1_figures(backend, r))
        elif case == "B2":
            figures.append(
                _fig(
                    f"B2 {backend}",
                    f"record one event: {r['long_events']} prior events {r['write_ms_long']} ms vs "
                    f"{r['short_events']} prior {r['write_ms_short']} ms",
                    _r(r["ratio"]),
                    "<= 1.2",
                    r["ratio"] <= 1.2,
                    r,
                )
            )
        elif case == "B4":
            figures.extend(b4_figures(backend, r, sizes["b4"], _fig, _r))
        elif case == "B3":
            # Figures of the SQLite runs keep their earlier ids ("B3 100000").
            b3 = "B3" if backend == "sqlite" else f"B3 {backend}"
            for run in r["runs"]:
                ratio = run["rebuild"]["rate"] / run["raw"]["rate"]
                figures.append(
                    _fig(
                        f"{b3} {run['raw']['events']}",
                        f"rebuild {run['rebuild']['rate']:.0f} events/s vs raw read+decode "
                        f"{run['raw']['rate']:.0f} events/s ({run['rebuild']['seconds']:.0f} s)",
                        _r(ratio),
                        ">= 0.25 of raw",
                        ratio >= 0.25,
                        run,
                        r.get("scaled_down", "") if run is r["runs"][-1] else "",
                    )
                )
            if len(r["runs"]) >= 2:
                small, big = r["runs"][0]["rebuild"], r["runs"][-1]["rebuild"]
                mem = big["peak_rss_mb"] / small["peak_rss_mb"]
                figures.append(
                    _fig(
                        f"{b3} memory",
                        f"rebuild peak RSS {big['peak_rss_mb']:.0f} MB at {big['events']} vs "
                        f"{small['peak_rss_mb']:.0f} MB at {small['events']} events",
                        _r(mem),
                        "<= 1.2",
                        mem <= 1.2,
                    )
                )
        elif case == "B5":
            figures.extend(_b5_figures(backend, r, sizes))
        elif case == "B6":
            if not r.get("available", True):
                figures.append(
                    _fig(
                        "B6",
                        "bulk import",
                        None,
                        ">= 0.5 of append",
                        None,
                        r,
                        f"not available: {r['reason']}",
                    )
                )
            else:
                ratio = r["import"]["rate"] / r["append"]["rate"]
                figures.append(
                    _fig(
                        "B6",
                        f"import_events, whole command {r['import']['rate']:.0f} events/s vs "
                        f"library batched append {r['append']['rate']:.0f} events/s",
                        _r(ratio),
                        "reported",
                        None,
                        r,
                    )
                )
                if "record_rate" in r["import"]:
                    # The two steps the command reports: read, validate and append; then
                    # the read models brought up once, on the rebuild's path.
                    ratio = r["import"]["record_rate"] / r["append"]["rate"]
                    figures.append(
                        _fig(
                            "B6 append",
                            f"import_events read+validate+append "
                            f"{r['import']['record_rate']:.0f} events/s vs library batched "
                            f"append {r['append']['rate']:.0f} events/s",
                            _r(ratio),
                            ">= 0.5 of append",
                            ratio >= 0.5,
                            r,
                        )
                    )
                    figures.append(
                        _fig(
                            "B6 projection",
                            f"import_events projection step "
                            f"{r['import']['project_rate']:.0f} events/s (compare B3's rebuild)",
                            _r(r["import"]["project_rate"], 0),
                            "at the B3 rate",
                            None,
                            r,
                        )
                    )
        elif case == "B7":
            figures.extend(_b7_figures(r, backend, sizes))
    for f in figures:
        if f["met"] is False and not f["note"]:
            f["note"] = notes.why(f["id"])
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "smoke": smoke,
        "machine": machine,
        "total_seconds": round(total_s, 1),
        "sizes": sizes,
        "figures": figures,
        "profiles": notes.PROFILES,
    }


def _b1_figures(backend: str, r: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    t, b = r["tracker"], r["baseline"]
    out.append(
        _fig(
            f"B1 {backend}",
            f"API writes/s over HTTP, tracker {t['events_per_s']:.0f} vs "
            f"CRUD+simple-history "
            f"{b['events_per_s']:.0f}",
            _r(r["ratio"]),
            ">= 1.0",
            r["ratio"] is not None and r["ratio"] >= 1.0,
            r,
        )
    )
    if "tracker_async" in r:
        a = r["tracker_async"]
        out.append(
            _fig(
                f"B1 {backend} async",
                f"API writes/s over HTTP in the async mode (PROJECT_AFTER_WRITE=false), "
                f"tracker {a['events_per_s']:.0f} vs CRUD+simple-history "
                f"{b['events_per_s']:.0f}",
                _r(r["ratio_async"]),
                "reported",
                True,
                r,
            )
        )
    return out


def _b5_figures(backend: str, r: dict[str, Any], sizes: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if not r.get("available", True):
        out.append(
            _fig(
                f"B5 {backend}",
                "digests",
                None,
                ">= 200 digests/s",
                None,
                r,
                f"not available: {r['reason']}",
            )
        )
    else:
        what = (
            f"digests composed and sent per second ({r['digests']} timed of "
            f"{sizes['b5']['subscribers']} subscribers, "
            f"{sizes['b5']['processes']} processes followed, batches of "
            f"{r.get('batch_size', 1)}; CPU {r.get('cpu_ms', 0):.2f} ms per digest)"
        )
        out.append(
            _fig(
                f"B5 {backend}",
                what,
                _r(r["rate"]),
                ">= 200 digests/s",
                r["rate"] >= 200,
                r,
            )
        )
        queries = (
            f"SQL statements: the first digest of the period {r['queries_first']} "
            "(composes the shared parts), then per digest in a batch "
            f"{r['queries_last']} (its claim and the last one's outcome, in one "
            "transaction)"
        )
        out.append(
            _fig(
                f"B5 {backend} queries",
                queries,
                None,
                "constant",
                r["queries_last"] < 5,
            )
        )
    return out


def _b7_webhook_figure(w: dict[str, Any], figure: str, mode: str) -> dict[str, Any]:
    if not w.get("available", True):
        return _fig(
            figure,
            "webhook latency",
            None,
            "p50, p99 reported",
            None,
            w,
            f"not available: {w['reason']}",
        )
    complete = w["received"] == w["expected"]
    return _fig(
        figure,
        f"webhook latency commit to receipt ({mode} mode), {w['endpoints']} endpoints x "
        f"{w['events']} events: p50 {w['p50_ms']} ms, p99 {w['p99_ms']} ms "
        f"({w['received']}/{w['expected']} received)",
        w["p99_ms"],
        "all received, p99 <= 500 ms",
        complete and w["p99_ms"] is not None and w["p99_ms"] <= 500,
        w,
    )


def _b7_figures(r: dict[str, Any], backend: str, sizes: dict[str, Any]) -> list[dict[str, Any]]:
    p = r["pages"]
    n = sizes["b7"]["pages"]["processes"]
    pairs = {
        "list": f"board list vs API JSON list, {n} processes",
        "page": "board process page vs API detail + events",
    }
    out = []
    for kind, what in pairs.items():
        board, api, ratio = p[f"board_{kind}"], p[f"api_{kind}"], p[f"{kind}_ratio"]
        out.append(
            _fig(
                f"B7 {backend} {kind}",
                f"{what}: {board['ms']} vs {api['ms']} ms "
                f"({board['queries']} vs {api['queries']} queries)",
                _r(ratio),
                "<= 1.5",
                ratio <= 1.5,
                p if kind == "list" else None,
            )
        )
    for key, mode in (("webhooks", "inline"), ("webhooks_async", "async")):
        if key in r:
            out.append(_b7_webhook_figure(r[key], f"B7 {backend} webhooks {mode}", mode))
    return out


def refresh_notes(results: dict[str, Any]) -> None:
    """Notes of missed figures from bench.notes as it is now (a scaling note is kept)."""
    from bench import notes

    for f in results["figures"]:
        if f["met"] is False and "time budget" not in f["note"]:
            f["note"] = notes.why(f["id"])
    results["profiles"] = notes.PROFILES


def _met(m: bool | None) -> str:
    return {True: "yes", False: "NO", None: "n/a"}[m]


def table(results: dict[str, Any]) -> str:
    rows = [("id", "measured", "target", "met", "what")]
    for f in results["figures"]:
        rows.append(
            (
                f["id"],
                "-" if f["measured"] is None else str(f["measured"]),
                f["target"],
                _met(f["met"]),
                f["what"],
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4]
        for r in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def write_markdown(results: dict[str, Any], path: Path) -> None:
    m = results["machine"]
    lines = [
        "# Performance",
        "",
        "Figures from the latest full `make bench` (bench/; raw results in "
        "var/bench/results.json). Ratios are computed from runs in the same invocation; "
        "absolute times drift on shared machines, ratios hold.",
        "",
        f"Ran {results['generated_at']} on {m.get('cpu', '?')}, {m.get('cpus')} CPUs, "
        f"{m.get('memory_gb', '?')} GB, Python {m.get('python')}, {m.get('platform')}; "
        f"the whole run took {results['total_seconds']:.0f} s.",
        "",
        "| id | what | measured | target | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in results["figures"]:
        measured = "-" if f["measured"] is None else f["measured"]
        lines.append(f"| {f['id']} | {f['what']} | {measured} | {f['target']} | {_met(f['met'])} |")
    notes_ = [f for f in results["figures"] if f["note"]]
    if notes_:
        lines += ["", "## Notes", ""]
        lines += [f"- **{f['id']}**: {f['note']}" for f in notes_]
    from bench import notes

    lines += ["", notes.METHOD]
    path.write_text("\n".join(lines) + "\n")
