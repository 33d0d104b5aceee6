"""`make bench`'s table and its targets, each printed as met / NOT MET.

A figure wrk could not measure (a run that served nothing) is printed as failed, and
every target that depends on it as NOT MET, instead of stopping the bench.
"""

import os

# Uncached pages (page cache off, Wagtail's caches in Redis): least share of the
# trivial view's throughput measured in the same run (issue 13 §1 and §2).
UNCACHED_TARGETS = {
    "article": 0.08,
    "home": 0.04,
    "publication": 0.04,
    "topic": 0.04,
    "edition": 0.04,
    "api": 0.03,
    "search": 0.02,
}
SEARCH_P95_MS = 100
CACHED_TARGET = 0.8
ARTICLE_MAX_QUERIES = 12
SEED_MAX_S = 600
LINE = "-" * 104


def share(run: dict, name: str) -> float | None:
    """Page r/s over trivial r/s, or None when either run failed."""
    page, trivial, _size = run[name]
    if not page or not trivial:
        return None
    return page / trivial


def _rate(value: float | None, width: int, digits: int) -> str:
    return f"{'failed':>{width}}" if value is None else f"{value:>{width}.{digits}f}"


def _share(value: float | None) -> str:
    return f"{'failed':>7}" if value is None else f"{value:>7.1%}"


def print_header(facts: dict, seconds: int, rounds: int, random_page_cost: float) -> None:
    print()
    print(
        f"Benteng bench: {facts['articles']} articles, gunicorn 2 sync workers (production ", end=""
    )
    print(f"settings), wrk 2 threads / 16 connections, {rounds} x {seconds} s per page and view")
    if "seed_s" in facts:
        phases = ", ".join(f"{name} {sec:.0f} s" for name, sec in facts["seed_phases"].items())
        print(
            f"Seeded {facts['articles']} articles in {facts['editions']} editions in "
            f"{facts['seed_s']:.1f} s, with migrations and VACUUM ANALYZE ({phases})"
        )
    problems = "; ".join(facts["tree_problems"]) or "no problems"
    print(
        f"Page tree (paths, depths, numchild, orphans, url_paths; {facts['tree_check_s']:.1f} s): "
        f"{problems}"
    )
    print(f"PostgreSQL random_page_cost = {random_page_cost} (SSD; set it in production too)")
    print("SQL: queries of one request the page cache cannot answer (Django test client);")
    print("r/s: requests per second; trivial: a Django view returning as many bytes, same run;")
    print("each run starts once the server has drained what the previous run left queued")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"Load average (1, 5, 15 min) at the end, on {os.cpu_count()} cores: {load}")


def print_table(counts: dict, runs: dict, labels: list) -> None:
    print(LINE)
    heads = "".join(f" | {label:>14}{'trivial':>8}{'ratio':>7}" for label, *_ in labels)
    print(f"{'page':<12}{'bytes':>7}{'SQL':>5}{heads}")
    print(LINE)
    for name in counts:
        size = runs[labels[0][0]][name][2]
        cells = "".join(
            f" | {_rate(runs[label][name][0], 14, 1)}{_rate(runs[label][name][1], 8, 0)}"
            f"{_share(share(runs[label], name))}"
            for label, *_ in labels
        )
        print(f"{name:<12}{size:>7}{counts[name]:>5}{cells}")
    print(LINE)
    for label, meaning, _ in labels:
        print(f"{label}: {meaning}")
    print(LINE)


def checks(counts: dict, runs: dict, latency: dict | None, labels: list) -> list:
    """(what, measured, met) for every target the measured pages allow."""
    pages = list(counts)
    found = []
    cached = [share(runs[labels[0][0]], name) for name in pages]
    worst = None if None in cached else min(cached)
    found.append(("cached pages >= 80 % of trivial (worst page)", worst, CACHED_TARGET))
    uncached = runs[labels[1][0]]
    for name, target in UNCACHED_TARGETS.items():
        if name in pages:
            found.append(
                (
                    f"uncached {name} >= {target * 100:.0f} % of trivial",
                    share(uncached, name),
                    target,
                )
            )
    # The "no cache at all" column has no target: issue 2's "uncached article >= 4 %" was
    # met and closed on the page-cache-off column, which issue 13 raised to 8 %.
    lines = [
        (what, "failed" if value is None else f"{value:.1%}", value is not None and value >= target)
        for what, value, target in found
    ]
    if "article" in pages:
        queries = counts["article"]
        lines.append(
            (
                f"article <= {ARTICLE_MAX_QUERIES} SQL queries",
                str(queries),
                queries <= ARTICLE_MAX_QUERIES,
            )
        )
    if "search" in pages and latency is not None:
        p50, p95 = latency["p50"], latency["p95"]
        lines.append(
            (
                f"search p95 < {SEARCH_P95_MS} ms (p50 {p50:.0f} ms; 200 queries, "
                f"{latency['second_pages']} of them second pages; page cache off)",
                f"{p95:.0f} ms",
                p95 < SEARCH_P95_MS,
            )
        )
        for word, slowest in latency["words"].items():
            lines.append(
                (
                    f"search “{word}” < {SEARCH_P95_MS} ms (slowest of 5)",
                    f"{slowest:.0f} ms",
                    slowest < SEARCH_P95_MS,
                )
            )
    return lines


def report(facts, counts, runs, latency, seconds, labels, rounds, random_page_cost) -> None:
    print_header(facts, seconds, rounds, random_page_cost)
    print_table(counts, runs, labels)
    lines = checks(counts, runs, latency, labels)
    problems = facts["tree_problems"]
    lines.append(("page tree consistent", f"{len(problems)} problems", not problems))
    if "seed_s" in facts:
        seeded = facts["seed_s"]
        what = f"seed {facts['articles']} articles (with migrations, VACUUM) < {SEED_MAX_S} s"
        lines.append((what, f"{seeded:.0f} s", seeded < SEED_MAX_S))
    for what, value, met in lines:
        print(f"{what:<72}{value:>12}   {'met' if met else 'NOT MET'}")
    print(LINE)
    if latency is not None:
        print(
            "Slowest searches: " + "; ".join(f"{url} {ms:.0f} ms" for ms, url in latency["slowest"])
        )
        print(LINE)
