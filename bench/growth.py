"""Growth curves: page and search latency at 1k, 10k and 100k generated documents.

    make bench-growth        (.venv/bin/python -m bench.growth)

One deterministic corpus (bench/bench_search.py's generator and seed) grows in steps: at each
size every document is both a community question in a scratch database and an entry in a
Whoosh index, and the same figures are measured with bench/harness.measure: the question
list (newest and unanswered), a question page, the search page and the suggest API through the test
client (page cache off: uncached renders), and the backend's own search and suggest beside
SQLite FTS5 on the same documents. The help-centre page tree stays the demo's.

Writes bench/results/<date>-growth.md (a Markdown table with the machine's cores, load
average and versions) and bench/results/<date>-growth.png (p95 against corpus size; matplotlib,
Agg backend). BENCH_GROWTH_SIZES (default 1000,10000,100000) and BENCH_GROWTH_REPEAT (timed
calls per figure, default 50) bound a run; BENCH_GROWTH_RESULTS names another folder for
the files; progress bars go to stderr.
"""

import datetime
import itertools
import os
import platform
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vraagbaak.settings.test")

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(n) for n in os.environ.get("BENCH_GROWTH_SIZES", "1000,10000,100000").split(",")]
REPEAT = int(os.environ.get("BENCH_GROWTH_REPEAT", "50"))
RESULTS = ROOT / "bench" / "results"


def _progress(iterable, total: int, label: str):
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=label, file=sys.stderr, unit="doc", leave=False)


def _author():
    from community.models import User

    user, _ = User.objects.get_or_create(
        username="growth-author", defaults={"email": "growth-author@example.nl"}
    )
    return user


def _add_questions(documents, author) -> None:
    """The documents as published questions, in bulk (no services: nothing but the rows
    matters here, and a hundred thousand posts through the services would take hours)."""
    from django.utils.html import escape
    from django.utils.text import slugify

    from community.models import Question

    batch = []
    for _key, docs in _progress(documents, len(documents), "questions"):
        doc = docs[0]
        batch.append(
            Question(
                title=doc.title[:150],
                slug=slugify(doc.title)[:80] or "vraag",
                body=doc.body,
                body_html=f"<p>{escape(doc.body)}</p>",
                author=author,
                locale=doc.language,
            )
        )
        if len(batch) == 2000:
            Question.objects.bulk_create(batch)
            batch = []
    Question.objects.bulk_create(batch)


def _index(folder: str, documents):
    from django.conf import settings

    from search.backends import get_backend

    settings.SEARCH = {
        "BACKEND": "search.backends.whoosh.WhooshBackend",
        "OPTIONS": {"path": folder},
    }
    backend = get_backend()
    backend.rebuild(_progress(iter(documents), len(documents), "index"), procs=os.cpu_count() or 1)
    return backend


def _page_figures(size: int, texts: list[str]) -> list[dict]:
    from django.test import Client

    from bench.harness import measure
    from community.models import Question

    client = Client()
    question = Question.objects.filter(locale="nl").order_by("pk").first()
    searches = itertools.cycle(texts)
    partial = itertools.cycle([t[: max(3, len(t) - 3)] for t in texts])
    calls = {
        "question list": lambda: client.get("/nl/vragen/"),
        "unanswered list": lambda: client.get("/nl/vragen/?sort=unanswered"),
        "question page": lambda: client.get(question.get_absolute_url()),
        "search page": lambda: client.get("/nl/zoeken/", {"q": next(searches)}),
        "suggest API": lambda: client.get("/api/v1/suggest", {"q": next(partial), "lang": "nl"}),
    }
    return [
        dict(measure(f"{name} @ {size:,}", call, repeat=REPEAT), figure=name, size=size)
        for name, call in calls.items()
    ]


def _search_figures(size: int, backend, documents, texts: list[str]) -> list[dict]:
    from bench.bench_search import fts5, fts5_search
    from bench.harness import measure
    from search.backends.base import SearchRequest

    db = fts5(documents)
    cycle = itertools.cycle(texts)
    baseline = measure(
        f"FTS5 search @ {size:,}", lambda: fts5_search(db, next(cycle)), repeat=REPEAT
    )
    cycle = itertools.cycle(texts)
    search = measure(
        f"Whoosh search @ {size:,}",
        lambda: backend.search(SearchRequest(text=next(cycle), language="nl")),
        repeat=REPEAT,
    )
    partial = itertools.cycle([t[: max(3, len(t) - 3)] for t in texts])
    suggest = measure(
        f"Whoosh suggest @ {size:,}", lambda: backend.suggest(next(partial), "nl", 5), repeat=REPEAT
    )
    rows = [
        dict(baseline, figure="FTS5 search", size=size),
        dict(search, figure="Whoosh search", size=size),
        dict(suggest, figure="Whoosh suggest", size=size),
    ]
    for row in rows:
        row["vs_fts5"] = row["p50"] / baseline["p50"] if baseline["p50"] else float("inf")
    return rows


def run(done_size=None) -> list[dict]:
    """Every figure at every size; `done_size(rows so far)` after each size, so that a run
    stopped at the largest still leaves the smaller ones written."""
    import django
    from django.conf import settings
    from django.core.cache import cache

    django.setup()
    # One client is one visitor here: measure the endpoint, not its per-visitor limit.
    settings.SEARCH_SUGGEST_RATE = 100_000_000
    from bench import bench_search
    from bench.harness import scratch_database
    from kb.demo import seed_home_pages

    sizes = sorted(SIZES)
    if sizes[-1] > bench_search.DOCUMENTS:
        raise SystemExit(
            f"BENCH_SEARCH_DOCUMENTS={bench_search.DOCUMENTS} is below the "
            f"largest growth size {sizes[-1]}: unset it for bench-growth."
        )
    rng = random.Random(bench_search.SEED)
    corpus = bench_search.corpus(rng)
    documents = list(_progress(itertools.islice(corpus, sizes[-1]), sizes[-1], "corpus"))
    texts = bench_search.queries(rng)
    rows = []
    with scratch_database(), tempfile.TemporaryDirectory(prefix="vraagbaak-growth-") as folder:
        seed_home_pages()
        author = _author()
        done = 0
        for size in sizes:
            print(f"--- {size:,} documents", flush=True)
            _add_questions(documents[done:size], author)
            done = size
            backend = _index(folder, documents[:size])
            cache.clear()  # no search answer cached at a smaller size
            rows += _search_figures(size, backend, documents[:size], texts)
            rows += _page_figures(size, texts)
            if done_size is not None:
                done_size(rows)
    return rows


def _versions() -> str:
    import sqlite3

    import django
    import matplotlib
    import wagtail
    import whoosh

    return (
        f"Python {platform.python_version()}, Django {django.__version__}, "
        f"Wagtail {wagtail.__version__}, Whoosh {whoosh.versionstring()}, "
        f"SQLite {sqlite3.sqlite_version}, matplotlib {matplotlib.__version__}"
    )


def write(rows: list[dict], stem: Path) -> None:
    """The Markdown table (stem.md) and the plot of p95 against corpus size (stem.png)."""
    load = os.getloadavg()
    sizes = sorted({r["size"] for r in rows})
    lines = [
        f"# Growth: pages and search at {', '.join(f'{s:,}' for s in sizes)} documents",
        "",
        f"{os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
        f"(1/5/15 min) at the end; {_versions()}. In process (test client, test settings, "
        f"SQLite, page cache off), {REPEAT} timed calls per figure after 10 warm-up calls. "
        "Every document is a question row and a Whoosh entry (seed "
        "bench_search.SEED); the help-centre tree is the demo's. Plot: "
        f"[{stem.name}.png]({stem.name}.png).",
        "",
        "| documents | figure | p50 ms | p95 ms | p99 ms | SQL | × FTS5 p50 |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        ratio = f"{r['vs_fts5']:.1f}" if "vs_fts5" in r else "-"
        lines.append(
            f"| {r['size']:,} | {r['figure']} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['p99']:.1f} | {r['queries']} | {ratio} |"
        )
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n")
    _plot(rows, stem.with_suffix(".png"))
    print(f"wrote {stem.with_suffix('.md')} and {stem.with_suffix('.png')}", flush=True)


def _plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(10, 5), dpi=100)
    for name in dict.fromkeys(r["figure"] for r in rows):
        points = sorted((r["size"], r["p95"]) for r in rows if r["figure"] == name)
        axes.plot(*zip(*points, strict=True), marker="o", label=name)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("documents")
    axes.set_ylabel("p95 latency (ms)")
    axes.set_title("Vraagbaak: latency against corpus size")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    pyplot.close(figure)


def main() -> int:
    folder = Path(os.environ.get("BENCH_GROWTH_RESULTS", RESULTS))
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{datetime.date.today().isoformat()}-growth"
    run(done_size=lambda rows: write(rows, stem))
    return 0


if __name__ == "__main__":
    sys.exit(main())
