"""Cost of recording reputation events and of the badge, leaderboard and profile pages,
against /healthz (one trivial query) as the baseline measured in the same run."""

from itertools import count

from django.core.cache import cache
from django.test import Client

from bench.harness import compare, measure, scratch_database


def run():
    from community.models import User
    from gamification import rules, services
    from kb.demo import seed_home_pages

    with scratch_database():
        seed_home_pages()
        members = [
            User.objects.create_user(
                f"bench{n}", f"bench{n}@example.nl", "x", display_name=f"Lid {n}"
            )
            for n in range(200)
        ]
        for n, member in enumerate(members):
            for i in range(n % 20):
                services.record(
                    user=member, reason=rules.ANSWER_ACCEPTED, source_key=f"seed:{n}:{i}",
                    actor=members[(n + 1) % 200],
                    facts={"tags": ["bezorging"], "product": "airfryer-xl", "language": "nl"},
                )  # fmt: skip
        keys = count()
        author, voter = members[7], members[8]

        def upvote():
            n = next(keys)
            return services.record(
                user=author, reason=rules.ANSWER_UPVOTED, source_key=f"bench:{n}", actor=voter,
                facts={"post": "answer:1", "score": n, "tags": ["bezorging"]},
            )  # fmt: skip

        def upvote_and_retract():
            event = upvote()
            services.revert(source_key=event.source_key, why="bench")

        client = Client()
        baseline = measure("GET /healthz (baseline)", lambda: client.get("/healthz"))
        compare(measure("record(): an up-vote", upvote), baseline)
        compare(measure("record() + revert(): retracted vote", upvote_and_retract), baseline)

        def uncached(url):
            cache.clear()
            return client.get(url)

        for label, url in [
            ("GET /nl/ranglijst/ (cached)", "/nl/ranglijst/"),
            ("GET /nl/ranglijst/?period=all", "/nl/ranglijst/?period=all"),
            ("GET /nl/ranglijst/?tag=bezorging", "/nl/ranglijst/?tag=bezorging"),
            ("GET /nl/badges/", "/nl/badges/"),
            ("GET /nl/leden/bench7/ (profile)", "/nl/leden/bench7/"),
        ]:
            compare(measure(label, lambda url=url: client.get(url)), baseline)
        compare(
            measure("GET /nl/ranglijst/ (uncached)", lambda: uncached("/nl/ranglijst/")), baseline
        )
