"""Relevance figures through the suggestions API (`context=ask`, 8 results), demo content
seeded as distractors: hit@1, recall@5 and MRR per query set, language and backend.

    .venv/bin/python -m bench.eval_relevance [--backend whoosh|postgres] [--set blind|regression]
                                             [--half dev|test|all] [--misses] [--typing]
                                             [--page [--page-floor F ...]]

`--typing` measures the header box instead: each query is sent as it stands while its last
word is still being typed (its last three letters missing, at least three letters kept), with
`context=header`, so the unfinished word is matched as a prefix. `--page` measures the results
page instead (`search.selectors.search`, its first hits); `--page-floor` tries similarity
floors for the documents meaning adds there (a negative floor: the lexical order alone).

The database (SQLite in /tmp, or DATABASE_URL) is migrated and seeded once and reused; the
index is rebuilt on every run, so analysis changes are measured. The blind set is split by a
stable hash of the query: "dev" is what we tuned on, "test" the held-out half we report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import zlib

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vraagbaak.settings.test")
EVAL_DIR = os.environ.get("EVAL_DIR", "/tmp/vraagbaak-eval")  # noqa: S108


def half_of(query: str) -> str:
    return "dev" if zlib.crc32(query.encode()) % 2 == 0 else "test"


def load_set(name: str) -> list[tuple[str, str, list[str]]]:
    if name == "blind":
        from tests.search.blind_set import QUERIES
    else:
        from tests.search.relevance_set import QUERIES
    return [(lang, query, list(expected)) for lang, query, expected in QUERIES]


def answerable(queries):
    """The queries with at least one label in the index, and how many were left out. Four
    titles of the topic list are community questions without an answer, which are never
    indexed (README "Search"); the 34 queries labelled only with them cannot be found."""
    from search.models import DocumentVector

    indexed = set(DocumentVector.objects.values_list("title", flat=True))
    kept = [q for q in queries if indexed & set(q[2])]
    return kept, len(queries) - len(kept)


def score(queries, run_query, *, k: int = 5):
    """{language: (hit@1, recall@k, MRR, n, misses)} with run_query(lang, text) -> titles."""
    by_language: dict[str, list] = {}
    for language, text, expected in queries:
        titles = run_query(language, text)
        rank = next((n for n, title in enumerate(titles, 1) if title in expected), None)
        by_language.setdefault(language, []).append((text, expected, rank, titles))
    figures = {}
    for language, rows in sorted(by_language.items()):
        n = len(rows)
        hit1 = sum(1 for r in rows if r[2] == 1) / n
        recall = sum(1 for r in rows if r[2] and r[2] <= k) / n
        mrr = sum(1 / r[2] for r in rows if r[2]) / n
        misses = [r for r in rows if not r[2] or r[2] > k]
        figures[language] = (hit1, recall, mrr, n, misses)
    return figures


def typed_so_far(text: str) -> str:
    """The header box's text while the last word is being typed: three letters short."""
    return text[: max(3, len(text) - 3)]


def suggest_titles(client, *, typing: bool = False):
    def run(language: str, text: str) -> list[str]:
        sent = typed_so_far(text) if typing else text
        response = client.get(
            "/api/v1/suggest",
            {"q": sent[:200], "lang": language, "context": "header" if typing else "ask",
             "limit": 8},
        )
        return [row["title"] for row in response.json().get("results", [])]

    return run


def page_titles():
    """The search page's first hits (`search.selectors.search`, as the results page shows
    them after Enter) instead of the suggestions."""
    from search import selectors

    def run(language: str, text: str) -> list[str]:
        page = selectors.search(query=text[:200], language=language)
        return [hit.title for hit in page.response.hits]

    return run


def prepare(backend: str) -> None:
    import django
    from django.conf import settings

    if backend == "whoosh":
        settings.SEARCH = {
            "BACKEND": "search.backends.whoosh.WhooshBackend",
            "OPTIONS": {"path": f"{EVAL_DIR}/whoosh-{os.getpid()}"},
        }
    else:
        settings.SEARCH = {"BACKEND": "search.backends.postgres.PostgresBackend", "OPTIONS": {}}
    settings.SEARCH_SUGGEST_RATE = 10**9
    settings.MEDIA_ROOT = f"{EVAL_DIR}/media"
    django.setup()
    from django.core.management import call_command

    from kb.models import ArticlePage

    call_command("migrate", verbosity=0)
    if not ArticlePage.objects.exists():
        call_command("seed_demo", verbosity=0)
    call_command("rebuild_search_index", verbosity=0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="whoosh", choices=["whoosh", "postgres"])
    parser.add_argument("--set", dest="sets", action="append", choices=["blind", "regression"])
    parser.add_argument("--half", default="all", choices=["dev", "test", "all"])
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--typing", action="store_true",
                        help="the header box while the last word is typed (prefix matching)")
    parser.add_argument("--page", action="store_true",
                        help="the search page's first results instead of the suggestions")
    parser.add_argument("--page-floor", type=float, action="append",
                        help="with --page: try these similarity floors for documents found by "
                             "meaning alone (negative: the lexical order alone)")
    parser.add_argument(
        "--grid",
        action="store_true",
        help="try mixing weights (lexical and dense results memoised)",
    )
    args = parser.parse_args(argv)
    os.makedirs(EVAL_DIR, exist_ok=True)
    if args.backend == "whoosh":
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{EVAL_DIR}/db.sqlite3")
    else:
        os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vb_searchq")
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    prepare(args.backend)
    from django.test import Client

    run = page_titles() if args.page else suggest_titles(Client(), typing=args.typing)
    if args.grid:
        return grid(args, run)
    if args.page_floor:
        from django.core.cache import cache

        from search import selectors

        blended_places = selectors.BLENDED_PLACES
        for floor in args.page_floor:
            # A negative floor: the backend's lexical order alone, as before the blend.
            selectors.BLENDED_PLACES = 0 if floor < 0 else blended_places
            selectors.PAGE_DENSE_MIN = floor
            cache.clear()  # the result cache would answer with the previous floor's ranking
            print(f"search page, floor {floor}:")
            report(args, run)
    else:
        report(args, run)
    shutil.rmtree(f"{EVAL_DIR}/whoosh-{os.getpid()}", ignore_errors=True)
    return 0


def report(args, run) -> None:
    for name in args.sets or ["blind", "regression"]:
        try:
            queries = load_set(name)
        except ImportError:
            print(f"{name}: not present")
            continue
        halves = ["dev", "test"] if name == "blind" and args.half == "all" else [args.half]
        for half in halves:
            chosen, left_out = answerable(
                [q for q in queries if half == "all" or half_of(q[1]) == half]
            )
            if left_out:
                print(f"{name} {half}: {left_out} queries left out (no label is indexed)")
            for language, (hit1, recall, mrr, n, misses) in score(chosen, run).items():
                print(
                    f"{args.backend:8} {name:10} {half:4} {language} n={n:4} "
                    f"{'typing ' if args.typing else ''}"
                    f"hit@1 {hit1:.3f}  recall@5 {recall:.3f}  MRR {mrr:.3f}",
                    flush=True,
                )
                if args.misses:
                    for text, expected, _rank, titles in misses:
                        print(f"    MISS {text!r} want {expected[0]!r} got {titles[:3]}")


def grid(args, run) -> int:
    from search import ranking, selectors, vectors

    similar, backend_suggest = vectors.similar, selectors.get_backend().__class__.suggest
    memo_similar, memo_suggest = {}, {}

    def cached_similar(text, language):
        if (text, language) not in memo_similar:
            memo_similar[text, language] = similar(text, language)
        return memo_similar[text, language]

    def cached_suggest(self, text, language, limit, **options):
        key = (text, language, limit, tuple(sorted(options.items())))
        if key not in memo_suggest:
            memo_suggest[key] = backend_suggest(self, text, language, limit, **options)
        return memo_suggest[key]

    vectors.similar = cached_similar
    selectors.get_backend().__class__.suggest = cached_suggest
    queries = [q for q in load_set("blind") if args.half == "all" or half_of(q[1]) == args.half]
    for lexical in (0.2, 0.3, 0.45, 100.0):
        for floor in (0.0, 0.2, 0.3):
            ranking.LEXICAL_WEIGHT, ranking.DENSE_MIN = lexical, floor
            figures = score(queries, run)
            row = "  ".join(
                f"{lang} {h:.3f}/{r:.3f}/{m:.3f}" for lang, (h, r, m, _n, _x) in figures.items()
            )
            print(f"lexical weight {lexical:6} dense floor {floor}: {row}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
