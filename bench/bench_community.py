"""Question page latency and SQL cost with 1 answer against 100 answers (300 comments, the
viewer's votes), measured in the same run; the question list as a third figure. The query
counts must be equal: the page reads a fixed number of times however long the thread."""

from django.test import Client

from bench.harness import compare, measure, scratch_database


def _thread(question, authors, viewer, count):
    from community.models import Answer, Comment, Vote

    answers = Answer.objects.bulk_create(
        Answer(
            question=question,
            author=authors[i % len(authors)],
            body=f"Antwoord {i}",
            body_html=f"<p>Antwoord {i}: probeer het eerst zo.</p>",
        )
        for i in range(count)
    )
    Comment.objects.bulk_create(
        Comment(
            answer=a,
            author=authors[(j + 1) % len(authors)],
            body="Dank je!",
            body_html="<p>Dank je!</p>",
        )
        for a in answers
        for j in range(3)
    )
    Vote.objects.bulk_create(Vote(user=viewer, answer=a, value=1) for a in answers)


def run():
    from django.conf import settings

    from community import services
    from community.models import User
    from gamification import services as gamification
    from kb.demo import seed_home_pages

    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    with scratch_database():
        seed_home_pages()
        staff = User.objects.create_user("bench-staff", "s@example.nl", "x", is_staff=True)
        authors = [
            User.objects.create_user(f"lid{n}", f"lid{n}@example.nl", "x") for n in range(20)
        ]
        viewer = User.objects.create_user("kijker", "kijker@example.nl", "x")
        gamification.grant_points(user=viewer, points=200, by=staff, why="bench")
        body = "Mijn pakket is al vijf dagen onderweg volgens de track-and-trace. Wat nu?"
        small = services.ask_question(
            author=authors[0],
            title="Vraag met één antwoord",
            body=body,
            tags=["levering"],
            locale="nl",
        )
        large = services.ask_question(
            author=authors[1],
            title="Vraag met honderd antwoorden",
            body=body,
            tags=["levering"],
            locale="nl",
        )
        _thread(small, authors, viewer, 1)
        _thread(large, authors, viewer, 100)
        client = Client()
        client.force_login(viewer)
        one = measure("GET question page (1 answer)", lambda: client.get(small.get_absolute_url()))
        hundred = measure(
            "GET question page (100 answers)", lambda: client.get(large.get_absolute_url())
        )
        compare(hundred, one)
        if hundred["queries"] != one["queries"]:
            raise RuntimeError(
                f"query count grows with answers: {one['queries']} vs {hundred['queries']}"
            )
        compare(measure("GET /nl/vragen/ (list)", lambda: client.get("/nl/vragen/")), one)
