"""Latency and SQL cost of the layout's pages, against /healthz (one trivial query) as the
baseline measured in the same run."""

from django.test import Client

from bench.harness import compare, measure, scratch_database


def run():
    from community.models import User
    from kb.demo import seed_home_pages

    with scratch_database():
        seed_home_pages()
        for n in range(200):
            User.objects.create_user(
                f"bench{n}", f"bench{n}@example.nl", "x", display_name=f"Lid {n}"
            )
        client = Client()
        baseline = measure("GET /healthz (baseline)", lambda: client.get("/healthz"))
        for label, url in [
            ("GET /nl/ (home page)", "/nl/"),
            ("GET /nl/leden/ (30 members)", "/nl/leden/"),
            ("GET /nl/leden/bench7/ (profile)", "/nl/leden/bench7/"),
            ("GET /nl/zoeken/?q=klantenservice", "/nl/zoeken/?q=klantenservice"),
        ]:
            compare(measure(label, lambda url=url: client.get(url)), baseline)
