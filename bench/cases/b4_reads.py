"""B4: read paths at two sizes: `status` as-of on a process with 10 vs 10,000 events, and
the process list with 10 vs 10,000 processes; latency and SQL queries per request. The list
is also measured at equal pages (`?page_size=10`), reported beside the default page."""

from __future__ import annotations

from typing import Any

from bench import data, harness

# Ten rows at both sizes: what the list costs apart from the size of its page.
EQUAL_PAGE = "/api/v1/processes/?page_size=10"


def _get(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def _measure(client, url: str, repeat: int) -> dict[str, Any]:
    return {
        "ms": round(harness.median_ms(lambda: _get(client, url), repeat=repeat), 3),
        "queries": harness.count_queries(lambda: _get(client, url)),
    }


def step(name: str, params: dict[str, Any]) -> dict[str, Any]:
    from django.test import Client

    from negotiations.read.projections import catch_up

    harness.fresh_store()
    app = harness.writer_app()
    repeat = params["repeat"]
    client = Client()
    if name == "small":
        # Ten processes: one with a long history, the others short.
        harness.seed(app, data.interleaved(1, params["long"], seed=4, prefix="long"))
        harness.seed(app, data.interleaved(9, params["short"], seed=4, prefix="short"))
        catch_up(app, batch_size=1000)
        out = {}
        for key, slug in (("status_short", "short-0000000"), ("status_long", "long-0000000")):
            out[key] = _measure(
                client, f"/api/v1/processes/{slug}/status/?as_of=2000-06-01", repeat
            )
        out["list"] = _measure(client, "/api/v1/processes/", repeat)
        out["list_10"] = _measure(client, EQUAL_PAGE, repeat)
        return out
    if name == "many":
        harness.seed(app, data.interleaved(params["processes"], 3, seed=4, prefix="many"))
        catch_up(app, batch_size=1000)
        return {
            "list": _measure(client, "/api/v1/processes/", repeat),
            "list_10": _measure(client, EQUAL_PAGE, repeat),
        }
    raise ValueError(name)


def figures(backend: str, r: dict[str, Any], sizes: dict[str, Any], fig, rounded) -> list:
    """B4's figures for bench.report: status, the list, the list at equal pages, queries."""
    figures: list = []
    s, m = r["small"], r["many"]
    status = s["status_long"]["ms"] / s["status_short"]["ms"]
    lst = m["list"]["ms"] / s["list"]["ms"]
    figures.append(
        fig(
            f"B4 {backend} status",
            f"status as-of, {sizes['long']} vs {sizes['short']} events: "
            f"{s['status_long']['ms']} vs {s['status_short']['ms']} ms",
            rounded(status),
            "<= 1.5",
            status <= 1.5,
            s,
        )
    )
    figures.append(
        fig(
            f"B4 {backend} list",
            f"process list, {sizes['processes']} vs 10 processes: "
            f"{m['list']['ms']} vs {s['list']['ms']} ms",
            rounded(lst),
            "<= 1.5",
            lst <= 1.5,
            r,
        )
    )
    if "list_10" in s and "list_10" in m:
        equal = m["list_10"]["ms"] / s["list_10"]["ms"]
        figures.append(
            fig(
                f"B4 {backend} list 10 rows",
                f"process list at equal pages (?page_size=10), "
                f"{sizes['processes']} vs 10 processes: "
                f"{m['list_10']['ms']} vs {s['list_10']['ms']} ms",
                rounded(equal),
                "reported",
                True,
            )
        )
    q = [
        s["status_short"]["queries"],
        s["status_long"]["queries"],
        s["list"]["queries"],
        m["list"]["queries"],
    ]
    same = q[0] == q[1] and q[2] == q[3]
    figures.append(
        fig(
            f"B4 {backend} queries",
            f"SQL queries per request: status {q[0]} / {q[1]}, list {q[2]} / {q[3]}",
            None,
            "same at both sizes",
            same,
        )
    )
    return figures
