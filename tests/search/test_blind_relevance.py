"""The blind relevance set (blind_set.py: shopper queries written from the topic list alone,
labelled afterwards) through the suggestions API as the ask form calls it (`context=ask`, 8
results), demo content seeded as distractors, on each backend.

Only the held-out half is measured here (`bench.eval_relevance.half_of`); the mixing weights
were chosen on the other half. The bars are the figures we reached minus 0.03; the issue's
target (recall@5 0.90, MRR 0.75) is reached in both languages on both backends, with little
room in Dutch, see README "Quality on a blind set". The same queries are also sent as the
header box sends them while the last word is typed (`context=header`, three letters short):
the prefix matching there must not lose what it reached.
"""

import pytest
from django.core.management import call_command

from bench.eval_relevance import answerable, half_of, score, suggest_titles
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


@pytest.mark.django_db
@pytest.mark.parametrize("typing", [False, True], ids=["ask", "typing"])
def test_blind_set_held_out_half(client, settings, index_now, search_backend, typing):
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
    figures = score(held_out, suggest_titles(client, typing=typing))
    report = {lang: tuple(round(x, 3) for x in f[:3]) for lang, f in figures.items()}
    print(f"{name}{' typing' if typing else ''}: hit@1/recall@5/MRR {report}")
    for language, (hit1, recall, mrr, _n, _misses) in figures.items():
        bar_hit1, bar_recall, bar_mrr = (REACHED_TYPING if typing else REACHED)[name][language]
        assert hit1 >= bar_hit1 - MARGIN, (language, report)
        assert recall >= bar_recall - MARGIN, (language, report)
        assert mrr >= bar_mrr - MARGIN, (language, report)
