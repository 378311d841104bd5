"""The seeded site the page benchmark loads, prepared in a process with production settings.

`python -m bench.pages_site` (run by bench_pages with the environment the gunicorn servers get)
migrates the database named by DATABASE_URL, seeds the demo, adds one question with 100 answers
and 300 comments plus voters with sessions, collects static files, counts the SQL queries of
every page with the test client, and prints one JSON object on the last line of stdout.
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vraagbaak.settings.production")

VOTERS = 8


def _seed() -> None:
    from django.core.management import call_command

    from community.models import Question

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    if not Question.objects.filter(slug="bench-100-answers").exists():
        call_command("seed_demo", verbosity=0)


def big_question():
    """A question with 100 answers and 300 comments, written through the services."""
    from community import services
    from community.models import Question
    from community.services import notifications

    existing = Question.objects.filter(slug__startswith="bench-100-answers").first()
    if existing:
        return existing
    # Moderators: the posting limits of new accounts would stop a hundred answers an hour.
    authors = [_member(f"bench-author-{n}", moderator=True) for n in range(10)]
    with notifications.quiet():
        question = services.ask_question(
            author=authors[0], title="Bench: hoe sluit ik de wasmachine aan op de kraan?",
            body="Ik heb een nieuwe wasmachine en weet niet welke slang waar moet.",
            tags=["wasmachine"], locale="nl",
        )
        Question.objects.filter(pk=question.pk).update(slug="bench-100-answers")
        question.refresh_from_db()
        answers = [
            services.post_answer(
                author=authors[1 + n % 9], question=question,
                body=f"Antwoord {n}: draai eerst de **kraan** dicht, dan de slang aan de "
                     f"[achterkant](https://example.nl/{n}) vastdraaien.",
            )
            for n in range(100)
        ]
        for n in range(300):
            services.post_comment(
                author=authors[n % 10], post=answers[n % 100],
                body=f"Opmerking {n}: bij mij werkte dat ook.",
            )
    return question


def _member(username: str, *, moderator: bool = False):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from community.models import User
    from community.roles import MODERATORS_GROUP
    from gamification import services as gamification

    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.nl",
                                     "display_name": username.replace("-", " ").title()},
    )
    if created:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        staff = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
            "bench-staff", "bench-staff@example.nl", None
        )
        gamification.grant_points(user=user, points=5000, by=staff, why="bench")
        if moderator:
            user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    return user


def _session(user) -> dict:
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": _get_new_csrf_string()}


def _urls(question) -> dict:
    from community.models import User
    from kb.models import ArticlePage, CategoryPage, FaqPage, VideoPage

    nl = {"locale__language_code": "nl"}
    profile = User.objects.filter(username__startswith="bench-author").first()
    article = ArticlePage.objects.live().filter(**nl).first()
    return {
        "home": "/nl/",
        "category": CategoryPage.objects.live().filter(**nl).first().url,
        "article": article.url,
        "article with video": VideoPage.objects.live().filter(**nl).first().url,
        "FAQ": FaqPage.objects.live().filter(**nl).first().url,
        "question, 100 answers": question.get_absolute_url(),
        "question list": "/nl/vragen/",
        "profile": profile.get_absolute_url(),
        "search": "/nl/zoeken/?q=bezorging",
        "suggest API": "/api/v1/suggest?q=bezor&lang=nl",
    }


def _query_counts(urls: dict, session: dict) -> dict:
    from django.db import connection
    from django.test import Client, override_settings

    counts = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for mode, cookies in (("logged out", {}), ("logged in", session)):
            client = Client(HTTP_HOST="127.0.0.1")
            client.cookies.load(cookies)
            for name, url in urls.items():
                client.get(url)  # warm: first-request caches are not the steady state
                # Django clears its query log when a request starts: count at the cursor.
                queries = []
                with connection.execute_wrapper(
                    lambda run, sql, *a, queries=queries: queries.append(sql) or run(sql, *a)
                ):
                    status = client.get(url).status_code
                counts[f"{mode}|{name}"] = {"queries": len(queries), "status": status}
    return counts


def main() -> int:
    import django

    django.setup()
    _seed()
    question = big_question()
    voters = [_member(f"bench-voter-{n}") for n in range(VOTERS)]
    urls = _urls(question)
    sessions = [_session(user) for user in voters]
    answer_ids = list(question.answers.order_by("pk").values_list("pk", flat=True))
    print(json.dumps({
        "urls": urls, "sessions": sessions, "answers": answer_ids,
        "queries": _query_counts(urls, sessions[0]),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
