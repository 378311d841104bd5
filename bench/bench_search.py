"""Search and suggestion latency (p50/p95) of our Whoosh backend on a generated corpus of
100,000 documents, next to SQLite FTS5 on the same corpus and queries, in the same run.

Only `make bench` runs this (building the corpus takes a few minutes); no test imports it.
"""

import itertools
import os
import random
import sqlite3
import tempfile
import time

from bench.harness import compare, measure

# BENCH_SEARCH_DOCUMENTS overrides the size for a quick look; the figure that counts is 100k.
DOCUMENTS = int(os.environ.get("BENCH_SEARCH_DOCUMENTS", "100000"))
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


def corpus(rng: random.Random):
    from search.registry import Document

    words, weights = vocabulary(rng)
    for n in range(DOCUMENTS):
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
    for n in range(300):
        words = rng.sample(WORDS, rng.choice([1, 2, 3]))
        if n % 5 == 0:  # a typo: one letter dropped
            word = words[0]
            cut = rng.randrange(1, len(word))
            words[0] = word[:cut] + word[cut + 1:]
        result.append(" ".join(words))
    return result


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


def run():
    from search.backends.base import SearchRequest
    from search.backends.whoosh import WhooshBackend

    rng = random.Random(SEED)
    documents = list(corpus(rng))
    texts = queries(rng)
    with tempfile.TemporaryDirectory(prefix="vraagbaak-bench-") as folder:
        backend = WhooshBackend(folder)
        started = time.perf_counter()
        backend.rebuild(iter(documents), procs=os.cpu_count() or 1)
        print(f"Whoosh: indexed {DOCUMENTS:,} documents in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        db = fts5(documents)
        print(f"FTS5:   indexed {DOCUMENTS:,} documents in {time.perf_counter() - started:.1f} s")

        cycle = itertools.cycle(texts)
        fts_search = measure("FTS5 search (bm25, snippet)", lambda: fts5_search(db, next(cycle)))
        cycle = itertools.cycle(texts)
        whoosh_search = measure(
            "Whoosh search (facets, highlights)",
            lambda: backend.search(SearchRequest(text=next(cycle), language="nl")),
        )
        compare(whoosh_search, fts_search)
        partial = itertools.cycle([t[: max(3, len(t) - 3)] for t in texts])
        fts_suggest = measure("FTS5 suggest (prefix)",
                              lambda: fts5_search(db, next(partial), prefix=True))
        partial = itertools.cycle([t[: max(3, len(t) - 3)] for t in texts])
        whoosh_suggest = measure("Whoosh suggest (prefix, fuzzy)",
                                 lambda: backend.suggest(next(partial), "nl", 5))
        compare(whoosh_suggest, fts_suggest)
