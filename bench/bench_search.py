"""Search and suggestion latency of both backends on a generated corpus, through the code the
site runs: `search.selectors.search` (what the search page calls: backend search, the
"did you mean" retry, promotions, announcements) and `search.selectors.suggest` (what the
suggest API calls: the backend's lexical candidates mixed with the dense pass of
`search.ranking.blend`, i.e. embedding the query and a matrix product over every document
vector of the language). Next to SQLite FTS5 on the same corpus and queries in the same run,
at 10,000 and 100,000 documents, with the figures from before issue 10's speed work beside
them (bench/results/search-before.md and search-postgres.md, labelled "before").

Per size and backend it prints: search (also narrowed by one facet filter) and suggest
p50/p95 uncached (every timed query is distinct, so the result cache never answers), the ratio
to FTS5's p50, the dense pass alone, indexing documents/s and the full rebuild time (through
`vectors.storing`, as `manage.py rebuild_search_index` runs it), the warm result cache, and a
new answer's time to searchable.

Document vectors: embedding 100,000 documents costs several CPU-ms each (tens of CPU-minutes:
each vector is the mean of its title, first sentences, category and tags), so the bench embeds
a sample of `EMBED_SAMPLE` documents to measure the rate and stores seeded random unit
vectors for the rest (the cost of the dense pass does not depend on the values). The rebuild then
reuses every stored vector, as a rebuild of unchanged content must: it prints how many it
embedded (0).

Environment: BENCH_SEARCH_SIZES (default "10000,100000"; BENCH_SEARCH_DOCUMENTS=N still
runs one size), BENCH_SEARCH_BACKENDS (default "whoosh,postgres"; PostgreSQL only when
DATABASE_URL is PostgreSQL), BENCH_SEARCH_REPEAT (timed calls per figure, default 100, at most
`len(queries) - WARMUP - 1` so that no query repeats). Only `make bench` runs this; no test
imports it.
"""

import itertools
import os
import random
import sqlite3
import tempfile
import time

import numpy as np

from bench.harness import compare, measure

SIZES = [int(n) for n in os.environ.get(
    "BENCH_SEARCH_SIZES", os.environ.get("BENCH_SEARCH_DOCUMENTS", "10000,100000")).split(",")]
BACKENDS = os.environ.get("BENCH_SEARCH_BACKENDS", "whoosh,postgres").split(",")
REPEAT = int(os.environ.get("BENCH_SEARCH_REPEAT", "100"))
WARMUP = 10
QUERIES = 300
EMBED_SAMPLE = 300
SEED = 20261123
VOCABULARY = (
    "bestelling pakket retour retourneren bezorging bezorgen levering zaterdag betalen ideal  "
    "creditcard achteraf factuur garantie reparatie wasmachine droger koelkast stofzuiger  "
    "televisie laptop telefoon oplader kabel afstandsbediening installatie monteren beugel  "
    "muur annuleren wijzigen adres account wachtwoord inloggen cadeaubon kortingscode actie  "
    "prijs terugbetaling geld rekening klantenservice chat openingstijden winkel afhalen  "
    "voorraad beschadigd kapot defect lekt geluid storing update software handleiding  "
    "onderdeel filter pompfilter deur lamp batterij scherm pixel ruis bluetooth wifi  "
    "verbinding app melding order delivery return refund payment invoice warranty repair  "
    "washing machine fridge vacuum cleaner charger cable remote install mount bracket cancel  "
    "change address account password login voucher discount price money store pickup stock  "
    "damaged broken noise update"
)
WORDS = VOCABULARY.split()
CATEGORIES = ["Bestellen", "Bezorging", "Betalen", "Retourneren", "Garantie", "Account"]
PRODUCTS = ["Wasmachine W500", "Koelkast K300", "Stofzuiger S9", "Laptop L14", "Telefoon T2"]
TYPES = ["article", "faq", "video", "question"]
FACET_FILTERS = ([{"category": c} for c in CATEGORIES] + [{"type": t} for t in TYPES]
                 + [{"product": p} for p in PRODUCTS] + [{"tag": w} for w in WORDS[:5]])

# Before issue 10's speed work, same bench (backend calls only, no dense pass), load 8-20.
BEFORE = {
    (10_000, "whoosh"): {"search": (388, 1921), "suggest": (834, 9034), "docs/s": 233},
    (10_000, "postgres"): {"search": (1527, 2503), "suggest": (382, 757), "docs/s": 367},
    (100_000, "whoosh"): {"search": (1852, 8151), "suggest": (902, 6651), "docs/s": 144},
    (100_000, "postgres"): {"search": (4461, 6106), "suggest": (880, 1079), "docs/s": 1142},
}
BUDGETS = {"whoosh": {"search": 100, "suggest": 30, "rebuild": 300, "docs/s": 1000},
           "postgres": {"search": 50, "suggest": 30, "rebuild": 120}}

SYLLABLE_TEXT = (
    "be zor ging re tour pak ket la der van ont kal ken stof zui ger was ma chi ne "
    "ko el kast fiets band slot lamp kabel op la der scherm knop deur fil ter"
)
SYLLABLES = SYLLABLE_TEXT.split()


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """20,000 made-up Dutch-sounding words plus the shop vocabulary at ranks 200-350, with
    Zipf weights, so a shopper's word occurs in about 1% of documents as in real help text."""
    made_up = list({"".join(rng.choices(SYLLABLES, k=rng.choice([2, 3, 4])))
                    for _ in range(24_000)} - set(WORDS))[:20_000]
    words = made_up[:200] + WORDS + made_up[200:]
    return words, [1 / (rank + 1) for rank in range(len(words))]


def corpus(rng: random.Random, size: int):
    from search.registry import Document

    words, weights = vocabulary(rng)
    for n in range(size):
        title = " ".join(rng.choices(words, weights, k=3) + [rng.choice(WORDS)]).capitalize()
        body = " ".join(rng.choices(words, weights, k=40))
        key = f"bench:{n}"
        yield key, [Document(
            key=key, group=key, type=TYPES[n % 4], language="nl" if n % 5 else "en",
            title=title, url=f"/nl/bench/{n}/", body=body, tags=(rng.choice(WORDS),),
            category=rng.choice(CATEGORIES), product=rng.choice(PRODUCTS),
            boost=1 + (n % 7) / 10,
        )]


def queries(rng: random.Random) -> list[str]:
    result = []
    for n in range(QUERIES):
        words = rng.sample(WORDS, rng.choice([1, 2, 3]))
        if n % 5 == 0:  # a typo: one letter dropped
            word = words[0]
            cut = rng.randrange(1, len(word))
            words[0] = word[:cut] + word[cut + 1:]
        result.append(" ".join(words))
    return result


def partial(text: str) -> str:
    """What the header box holds while the last word is being typed."""
    return text[: max(3, len(text) - 3)]


def fts5(documents: list) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, title, body, "
               "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')")
    db.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                   [(d.key, d.title, d.body) for _g, docs in documents for d in docs])
    db.commit()
    return db


def fts5_search(db, text: str, *, prefix: bool = False) -> list:
    terms = [w for w in text.lower().split() if w.isalnum()]
    if prefix and terms:
        terms[-1] += "*"
    match = " OR ".join(terms)
    return db.execute("SELECT key, snippet(docs, 2, '<mark>', '</mark>', '…', 12) FROM docs "
                      "WHERE docs MATCH ? ORDER BY bm25(docs, 4.0, 1.0) LIMIT 10",
                      [match]).fetchall()


def timed(label: str, texts: list[str], call) -> dict:
    """`call(text)` over distinct texts: warm-up, one counted call, then REPEAT timed ones."""
    if len(texts) < REPEAT + WARMUP + 1:
        raise SystemExit(f"BENCH_SEARCH_REPEAT must be at most {len(texts) - WARMUP - 1}")
    cycle = iter(texts)
    return measure(label, lambda: call(next(cycle)), repeat=REPEAT, warmup=WARMUP)


def run():
    from django.db import connection

    from bench.harness import scratch_database

    summary = []
    for size in SIZES:
        rng = random.Random(SEED)
        documents = list(corpus(rng, size))
        texts = queries(rng)
        print(f"\n--- {size:,} documents, {len(texts)} distinct queries, {REPEAT} timed calls "
              f"per figure, load average {os.getloadavg()[0]:.1f} ---", flush=True)
        started = time.perf_counter()
        db = fts5(documents)
        fts_rate = size / (time.perf_counter() - started)
        print(f"FTS5: indexed {size:,} documents ({fts_rate:,.0f} documents/s)")
        fts = {
            "search": timed("FTS5 search (bm25, snippet)", texts,
                            lambda t, db=db: fts5_search(db, t)),
            "suggest": timed("FTS5 suggest (prefix)", [partial(t) for t in texts],
                             lambda t, db=db: fts5_search(db, t, prefix=True)),
        }
        with scratch_database():
            embed_rate = seed_vectors(documents)
            for name in BACKENDS:
                if name == "postgres" and connection.vendor != "postgresql":
                    print("PostgreSQL: skipped (DATABASE_URL is not PostgreSQL)", flush=True)
                    continue
                figures = run_backend(name, documents, texts, fts)
                summary.append((size, name, figures, embed_rate))
    print_summary(summary)


def seed_vectors(documents: list) -> float:
    """Stored vectors for every document (see the module docstring); returns the measured
    embedding rate in documents/s."""
    from django.db import connection

    from search import semantic, vectors
    from search.models import DocumentVector

    sample = [docs[0] for _g, docs in documents[:EMBED_SAMPLE]]
    semantic.document_vectors(sample[:2])  # the model loads once per process
    started = time.perf_counter()
    semantic.document_vectors(sample)  # the parts indexing embeds: title, first sentences, ...
    rate = len(sample) / (time.perf_counter() - started)
    print(f"Embedding documents: {rate:,.0f} documents/s on one core (sample of "
          f"{len(sample)}); {len(documents):,} documents would take "
          f"{len(documents) / rate / 60:.1f} min on first indexing", flush=True)
    rng = np.random.default_rng(SEED)
    rows = []
    for _group, docs in documents:
        for doc in docs:
            vector = rng.standard_normal(semantic.DIMENSIONS).astype(np.float32)
            rows.append(vectors._row(doc, vectors._bytes(vector / np.linalg.norm(vector))))
    DocumentVector.objects.bulk_create(rows, batch_size=2000)
    # Statistics, as autovacuum keeps them on a table that has been in use: on a table filled
    # a moment ago PostgreSQL plans every group lookup of the rebuild as a sequential scan
    # (30 ms each, 500 of them at 100,000 documents, a quarter of the Whoosh rebuild).
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {DocumentVector._meta.db_table}")
    vectors.bump_generation()
    return rate


def run_backend(name: str, documents: list, texts: list[str], fts: dict) -> dict:
    from django.test.utils import override_settings

    from search import vectors

    label = {"whoosh": "Whoosh", "postgres": "PostgreSQL"}[name]
    with tempfile.TemporaryDirectory(prefix="vraagbaak-bench-") as folder:
        config = ({"BACKEND": "search.backends.whoosh.WhooshBackend",
                   "OPTIONS": {"path": folder}} if name == "whoosh" else
                  {"BACKEND": "search.backends.postgres.PostgresBackend", "OPTIONS": {}})
        with override_settings(SEARCH=config):
            from search.backends import get_backend
            from search.selectors import search, suggest

            backend = get_backend()
            embedded = []
            original_store = vectors.store
            vectors.store = lambda groups: embedded.append(original_store(groups)) or 0
            try:
                started = time.perf_counter()
                options = {"procs": os.cpu_count() or 1} if name == "whoosh" else {}
                backend.rebuild(vectors.storing(iter(documents)), **options)
                took = time.perf_counter() - started
            finally:
                vectors.store = original_store
            rate = len(documents) / took
            print(f"{label}: full rebuild of {len(documents):,} documents in {took:.0f} s "
                  f"({rate:,.0f} documents/s), {sum(embedded)} documents re-embedded",
                  flush=True)
            started = time.perf_counter()
            vectors.memory.matrix("nl")  # loaded once per process, then on vector writes
            print(f"{label}: document vectors loaded into memory in "
                  f"{time.perf_counter() - started:.1f} s", flush=True)
            figures = {"rebuild": took, "docs/s": rate}
            # The texts are rotated per backend so no backend meets another's cached answers.
            figures["search"] = timed(f"{label} search page (selectors.search)", texts,
                                      lambda t: search(query=t, language="nl"))
            compare(figures["search"], fts["search"])
            # The same queries narrowed by one facet (a category, type, product or tag), as a
            # click in the search page's sidebar sends them; FTS5 is shown unfiltered.
            facets = itertools.cycle(FACET_FILTERS)
            figures["filtered"] = timed(
                f"{label} search page, one facet filter", texts,
                lambda t: search(query=t, language="nl", filters=next(facets)))
            compare(figures["filtered"], fts["search"])
            figures["suggest"] = timed(f"{label} suggest API (selectors.suggest)",
                                       [partial(t) for t in texts],
                                       lambda t: suggest(query=t, language="nl"))
            compare(figures["suggest"], fts["suggest"])
            figures["lexical"] = timed(
                f"{label} suggest, lexical part only", [partial(t) for t in texts],
                lambda t: backend.suggest(t, "nl", 30))
            figures["dense"] = timed("dense pass alone (embed + matrix)", texts,
                                     lambda t: vectors.similar(t, "nl"))
            figures["fts"] = fts
            cycle = itertools.cycle(texts[:20])
            measure(f"{label} search, result cache warm",
                    lambda: search(query=next(cycle), language="nl"), repeat=REPEAT)
            figures["searchable"] = time_to_searchable(backend)
            print(f"{label}: a new answer is searchable after {figures['searchable']:.0f} ms "
                  "(write, commit, find through the search page)", flush=True)
            if name == "postgres":
                backend.clear()
    return figures


def time_to_searchable(backend) -> float:
    from search.registry import Document
    from search.selectors import search

    search(query="zzqvraagbaak", language="nl")  # cached: nothing found
    started = time.perf_counter()
    doc = Document(key="bench:new", group="bench:new", type="question", language="nl",
                   title="Zzqvraagbaak nieuw antwoord", url="/nl/bench/new/", body="Nieuw.")
    with backend.writer_lock(blocking=True):
        backend.replace_groups({"bench:new": [doc]})
    while not search(query="zzqvraagbaak", language="nl").response.total:
        time.sleep(0.01)
    return (time.perf_counter() - started) * 1000


def print_summary(summary: list) -> None:
    print(f"\n=== summary (ms; load average now {os.getloadavg()[0]:.1f}) ===")
    print("| size | backend | what | before p50 / p95 | now p50 / p95 | × FTS5 p50 | budget |")
    print("| ---: | --- | --- | ---: | ---: | ---: | --- |")
    for size, name, figures, embed_rate in summary:
        before = BEFORE.get((size, name), {})
        budget = BUDGETS[name]
        for what, label in (("search", "search"), ("filtered", "search, one facet filter"),
                            ("suggest", "suggest")):
            kind = "suggest" if what == "suggest" else "search"
            now, fts = figures[what], figures["fts"][kind]
            old = before.get(what)
            old_text = f"{old[0]:,} / {old[1]:,}" if old else "n/a"
            verdict = "met" if now["p95"] <= budget[kind] else "missed"
            print(f"| {size:,} | {name} | {label} | {old_text} | {now['p50']:.0f} / "
                  f"{now['p95']:.0f} | {now['p50'] / fts['p50']:.1f}× | p95 ≤ {budget[kind]}: "
                  f"{verdict} |")
        print(f"| {size:,} | {name} | dense pass (embed + matrix) | n/a | "
              f"{figures['dense']['p50']:.0f} / {figures['dense']['p95']:.0f} | | |")
        old_rate = before.get("docs/s")
        rate_budget = f"≥ {budget['docs/s']:,}/s" if "docs/s" in budget else ""
        print(f"| {size:,} | {name} | indexing documents/s | {old_rate or 'n/a'} | "
              f"{figures['docs/s']:,.0f} | | {rate_budget} |")
        print(f"| {size:,} | {name} | full rebuild | | {figures['rebuild']:.0f} s | | "
              f"≤ {budget['rebuild']} s at 100k |")
        print(f"| {size:,} | {name} | new answer searchable | | "
              f"{figures['searchable']:.0f} ms | | ≤ 2,000 ms |")
        print(f"| {size:,} | {name} | embedding documents (first indexing) | | "
              f"{embed_rate:,.0f} documents/s | | |")
