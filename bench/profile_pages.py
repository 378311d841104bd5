"""Where a page's time goes: pyinstrument over 5 uncached renders of a page of the seeded
bench site (`make bench-pages` seeds var/bench-pages first).

    .venv/bin/python -m bench.profile_pages [home|article|question|editor] [username]

Prints the CPU time per render (median, fragments cached and, with the local-memory cache,
rendered afresh), then the profile. With a username, renders as that member (logged in).

Runs with production settings against var/bench-pages, page cache off, the test client as a
logged-out visitor (a superuser for `editor`, the Wagtail page editor of an article).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / "var" / "bench-pages"
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "vraagbaak.settings.production",
        "SECRET_KEY": "bench-throwaway-key-for-one-run",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "VRAAGBAAK_VAR_DIR": str(WORKDIR),
        "DATABASE_URL": f"sqlite:///{WORKDIR / 'bench.sqlite3'}",
        "PAGE_CACHE_ENABLED": "0",
    }
)
RENDERS = int(os.environ.get("BENCH_PROFILE_RENDERS", "5"))


def _url(name: str) -> tuple[str, bool]:
    from community.models import Question
    from kb.models import ArticlePage

    article = ArticlePage.objects.live().filter(locale__language_code="nl").first()
    return {
        "home": ("/nl/", False),
        "article": (article.url, False),
        "question": (Question.objects.get(slug="bench-100-answers").get_absolute_url(), False),
        "editor": (f"/admin/pages/{article.pk}/edit/", True),
    }[name]


def _cpu_ms(client, url: str, *, before=None) -> float:
    """Median CPU time of this process per render (not wall time: the machine is shared)."""
    times = []
    for _ in range(RENDERS):
        if before is not None:
            before()
        start = time.process_time()
        client.get(url)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def _cpu_figures(client, url: str) -> str:
    """CPU per render with the shared fragments cached, and (local-memory cache only, which
    this process may clear) with every fragment rendered afresh."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    cache = caches["default"]

    warm = _cpu_ms(client, url)
    text = f"CPU per render (median of {RENDERS}): {warm:.1f} ms, fragments cached"
    if isinstance(cache, LocMemCache):
        cold = _cpu_ms(client, url, before=cache.clear)
        text += f"; {cold:.1f} ms, fragments rendered afresh"
    return text


def main() -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from pyinstrument import Profiler

    from community.models import User

    url, staff = _url(sys.argv[1] if len(sys.argv) > 1 else "question")
    client = Client(HTTP_HOST="127.0.0.1")
    if staff:
        client.force_login(User.objects.filter(is_superuser=True).first())
    elif len(sys.argv) > 2:
        client.force_login(User.objects.get(username=sys.argv[2]))
    assert client.get(url).status_code == 200, url
    # Django clears its query log when a request starts, so count at the cursor instead.
    queries = []
    with connection.execute_wrapper(lambda run, sql, *a: queries.append(sql) or run(sql, *a)):
        client.get(url)
    print(_cpu_figures(client, url))
    profiler = Profiler()
    profiler.start()
    for _ in range(RENDERS):
        client.get(url)
    session = profiler.stop()
    print(
        f"{url}: {len(queries)} queries per render; {RENDERS} renders, "
        f"{session.duration / RENDERS * 1000:.1f} ms each (wall, in process)"
    )
    print(profiler.output_text(unicode=False, color=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
