"""Relevance over the demo content: at least 100 realistic shopper queries (relevance_set.py);
recall@5 must stay at or above 0.9 and the mean reciprocal rank above 0.75, per backend."""

import pytest
from django.core.management import call_command

from search import selectors

from .relevance_set import QUERIES

RECALL_AT_5 = 0.9
MRR = 0.75


@pytest.mark.django_db
def test_recall_at_5_and_mrr_over_the_demo_content(index_now):
    call_command("seed_demo")
    index_now()
    call_command("check_search_index", "--repair")  # demo pages created without publishing
    found, reciprocal, misses = 0, 0.0, []
    for language, query, expected in QUERIES:
        hits = selectors.search(query=query, language=language).response.hits[:5]
        rank = next((n for n, hit in enumerate(hits, 1) if hit.title in expected), None)
        if rank:
            found += 1
            reciprocal += 1 / rank
        else:
            misses.append(query)
    recall, mrr = found / len(QUERIES), reciprocal / len(QUERIES)
    print(f"recall@5 {recall:.3f}, MRR {mrr:.3f}; missed: {misses}")
    assert len(QUERIES) >= 100
    assert recall >= RECALL_AT_5, misses
    assert mrr >= MRR
