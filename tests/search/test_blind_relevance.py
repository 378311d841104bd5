"""The blind relevance set (blind_set.py: shopper queries written from the topic list alone,
labelled afterwards) through the suggestions API as the ask form calls it (`context=ask`, 8
results), demo content seeded as distractors, on each backend.

Only the held-out half is measured here (`bench.eval_relevance.half_of`); the mixing weights
were chosen on the other half. The bars are the figures we reached minus 0.03; the issue's
target (recall@5 0.90, MRR 0.75) is reached in both languages on both backends, with little
room in Dutch, see README "Quality on a blind set". The same queries are also sent as the
header box sends them while the last word is typed (`context=header`, three letters short):
the prefix matching there must not lose what it reached. And they are searched as the
results page ranks them after Enter (`search.selectors.search`, lexical and meaning mixed in
the first places; the words alone, before, reached nl 0.49 / 0.84 / 0.63 and en 0.68 / 0.92 /
0.79 on Whoosh).
"""

import pytest
from django.core.management import call_command

from bench.eval_relevance import answerable, half_of, page_titles, score, suggest_titles
from search.backends.postgres import PostgresBackend

from .blind_set import QUERIES

MARGIN = 0.03
# (hit@1, recall@5, MRR) reached on the held-out half, per backend and language.
REACHED = {
    "whoosh": {"nl": (0.658, 0.918, 0.770), "en": (0.786, 0.991, 0.869)},
    "postgres": {"nl": (0.684, 0.914, 0.782), "en": (0.812, 0.991, 0.883)},
}
REACHED_TYPING = {
    "whoosh": {"nl": (0.582, 0.862, 0.700), "en": (0.795, 0.957, 0.858)},
    "postgres": {"nl": (0.592, 0.859, 0.708), "en": (0.803, 0.957, 0.866)},
}
REACHED_PAGE = {
    "whoosh": {"nl": (0.635, 0.891, 0.747), "en": (0.769, 0.966, 0.849)},
    "postgres": {"nl": (0.658, 0.878, 0.754), "en": (0.795, 0.974, 0.866)},
}


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["ask", "typing", "page"])
def test_blind_set_held_out_half(client, settings, index_now, search_backend, how):
    settings.SEARCH_SUGGEST_RATE = 10**6
    call_command("seed_demo", verbosity=0)
    index_now()
    call_command("check_search_index", "--repair", verbosity=0)
    index_now()
    held_out, left_out = answerable(
        [(lang, q, list(expected)) for lang, q, expected in QUERIES if half_of(q) == "test"]
    )
    assert left_out < 25  # labelled only with unanswered (never indexed) questions
    assert sum(1 for q in QUERIES if q[0] == "nl") >= 400
    assert sum(1 for q in QUERIES if q[0] == "en") >= 200
    name = "postgres" if isinstance(search_backend, PostgresBackend) else "whoosh"
    run = page_titles() if how == "page" else suggest_titles(client, typing=how == "typing")
    figures = score(held_out, run)
    report = {lang: tuple(round(x, 3) for x in f[:3]) for lang, f in figures.items()}
    print(f"{name} {how}: hit@1/recall@5/MRR {report}")
    reached = {"ask": REACHED, "typing": REACHED_TYPING, "page": REACHED_PAGE}[how]
    for language, (hit1, recall, mrr, _n, _misses) in figures.items():
        bar_hit1, bar_recall, bar_mrr = reached[name][language]
        assert hit1 >= bar_hit1 - MARGIN, (language, report)
        assert recall >= bar_recall - MARGIN, (language, report)
        assert mrr >= bar_mrr - MARGIN, (language, report)
