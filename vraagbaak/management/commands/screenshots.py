"""`make screenshots`: the main pages at 1,280 and 360 px, for a person to look at in a minute.

Seeds the demo into a temporary folder (or reuses `--var`), serves it with `runserver` on a
free port, and lets Playwright drive Debian's Chromium. The images land in
`var/screenshots/<page>-<width>.png`; nothing here touches the developer's own database.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

CHROMIUM = "/usr/bin/chromium"
WIDTHS = {"desktop": (1280, 900), "phone": (360, 800)}

# (name, path, who is logged in): who is None for an anonymous shopper.
PAGES = [
    ("home", "/nl/", None),
    ("home-en", "/en/", None),
    ("category", "/nl/bestellen/", None),
    ("article-video", "/nl/productonderhoud/koffiezetapparaat-ontkalken/", None),
    ("article-table", "/nl/verzending-en-levering/bezorgopties-en-kosten/", None),
    ("faq", "/nl/veelgestelde-vragen/", None),
    ("video", "/nl/productonderhoud/je-koffiemachine-ontkalken/", None),
    ("search", "/nl/zoeken/?q=retour", None),
    ("search-empty", "/nl/zoeken/", None),
    ("questions", "/nl/vragen/", None),
    ("question", "/nl/vragen/45/", None),
    ("product", "/nl/producten/aroma-300/", None),
    ("profile", "/nl/leden/sanne/", None),
    ("contact", "/nl/contact/", None),
    ("login", "/nl/accounts/login/", None),
    ("ask", "/nl/vragen/stellen/", "sanne"),
    ("privacy", "/nl/privacy/", None),
    ("cookies", "/nl/cookies/", None),
    ("badges", "/nl/badges/", None),
    ("leaderboard", "/nl/ranglijst/", None),
    ("question-close-votes", "/nl/vragen/45/", "moderator"),
    ("review-queue", "/nl/vragen/beoordelen/", "moderator"),
    ("reverify-queue", "/nl/vragen/opnieuw-controleren/", "moderator"),
    ("suggested-edits", "/nl/vragen/voorgestelde-bewerkingen/", "moderator"),
    ("moderation-log", "/nl/vragen/moderatielogboek/", "moderator"),
    ("admin-home", "/admin/", "admin"),
]
PASSWORDS = {
    "sanne": "vraagbaak-shopper",
    "moderator": "vraagbaak-moderator",
    "admin": "vraagbaak-admin",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own local server)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the server at {url} did not answer")


class Command(BaseCommand):
    help = "Seed a temporary demo, serve it and write screenshots into var/screenshots/."

    def add_arguments(self, parser):
        parser.add_argument("--var", help="reuse this seeded var folder instead of a new one")
        parser.add_argument("--only", nargs="*", help="page names to shoot (default: all)")
        parser.add_argument("--port", type=int, help="serve on this port (default: a free one)")

    def handle(self, *args, **options):
        out = Path(settings.BASE_DIR) / "var" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="vraagbaak-shots-") as tmp:
            var_dir = Path(options["var"] or tmp)
            var_dir.mkdir(parents=True, exist_ok=True)
            env = {
                **os.environ,
                "VRAAGBAAK_VAR_DIR": str(var_dir),
                "DJANGO_SETTINGS_MODULE": "vraagbaak.settings.dev",
                "DATABASE_URL": "",
                "REDIS_URL": "",
            }
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            if not (var_dir / "vraagbaak.sqlite3").exists():
                self.stdout.write("Seeding the demo into a temporary database…")
                # Our own manage.py with fixed arguments: nothing here comes from a user.
                subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)  # noqa: S603
                subprocess.run(  # noqa: S603
                    [*manage, "seed_demo"], env=env, check=True, stdout=subprocess.DEVNULL
                )
            port = options["port"] or _free_port()
            server = subprocess.Popen(  # noqa: S603
                [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                base = f"http://127.0.0.1:{port}"
                _wait_for(base + "/healthz")
                self._shoot(base, out, options["only"])
            finally:
                server.terminate()
                server.wait(10)
        self.stdout.write(self.style.SUCCESS(f"Screenshots in {out}"))

    def _shoot(self, base: str, out: Path, only: list[str] | None) -> None:
        from playwright.sync_api import sync_playwright

        pages = [p for p in PAGES if not only or p[0] in only]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            contexts = {}
            for label, (width, height) in WIDTHS.items():
                for name, path, who in pages:
                    key = (label, who)
                    if key not in contexts:
                        contexts[key] = self._context(browser, base, width, height, who)
                    page = contexts[key].new_page()
                    page.goto(base + path, wait_until="networkidle")
                    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
                    self.stdout.write(f"  {name}-{width}.png")
                    page.close()
            browser.close()

    @staticmethod
    def _context(browser, base, width, height, who):
        context = browser.new_context(
            base_url=base, locale="nl-NL", viewport={"width": width, "height": height}
        )
        if who:
            page = context.new_page()
            page.goto(base + "/nl/accounts/login/")
            page.fill("input[name=login]", who)
            page.fill("input[name=password]", PASSWORDS[who])
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state("networkidle")
            page.close()
        return context
