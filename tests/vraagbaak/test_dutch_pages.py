"""Dutch pages speak Dutch: every public and staff page, rendered in Dutch, shows none of the
common English UI words below and no English msgid our catalogues translate; plural forms
agree with their number."""

import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.html import strip_tags

from community import services
from tests.community.factories import answer, ask, member_with, moderator
from tests.factories import PASSWORD, UserFactory
from tests.kb import factories as kb
from vraagbaak.settings.base import BASE_DIR

pytestmark = pytest.mark.django_db

# Words a Dutch UI never shows (whole words, case-sensitive as UI labels are written).
ENGLISH = [
    "Search", "Sign up", "Log out", "Submit", "Cancel", "Save", "Delete", "Previous",
    "Next", "Answer", "Answers", "Question", "Questions", "votes", "vote", "Read more",
    "Settings", "Notifications", "Help centre", "results", "Reply", "Password", "Flags",
    "Review", "Asked", "Edit", "Follow", "Upload", "Choose", "Login:", "Media files",
    "This password", "Did you mean", "Waiting", "Flagged", "Member since", "Posts",
]
ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])")


def _po_entries(path: Path):
    msgid = msgstr = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            msgid, msgstr = line[7:-1], None
        elif line.startswith("msgstr "):
            msgstr = line[8:-1]
            yield msgid, msgstr


def translated_msgids() -> set[str]:
    """English source strings of three words or more that Dutch translates differently."""
    found = set()
    for po in BASE_DIR.glob("**/locale/nl/LC_MESSAGES/django.po"):
        if ".venv" in po.parts:
            continue
        for msgid, msgstr in _po_entries(po):
            if (msgid and msgstr and msgid != msgstr and "%" not in msgid and "{" not in msgid
                    and "\\" not in msgid and "<" not in msgid and len(msgid.split()) >= 3):
                found.add(msgid)
    return found


def visible_text(html: str) -> str:
    html = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", html)
    html = re.sub(r"(?is)<span class=\"visually-hidden\">", " ", html)
    return re.sub(r"\s+", " ", strip_tags(html))


@pytest.fixture
def site(home_pages, settings, tmp_path):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    care = kb.category(title="Productonderhoud", slug="productonderhoud")
    article = kb.article(care, title="Koffiezetapparaat ontkalken", slug="ontkalken")
    faq = kb.faq_page(home_pages)
    aroma = kb.product()
    sanne = UserFactory(username="sanne")
    question = ask(author=sanne, title="Hoe lang duurt een terugbetaling?", product=aroma)
    reply = answer(question)
    services.raise_flag(post=reply, by=member_with(15), reason="spam")
    moderator(username="mila")
    UserFactory(username="beheer", is_staff=True, is_superuser=True)
    return {
        "public": [
            "/nl/", care.url, article.url, faq.url, "/nl/zoeken/?q=ontkalken", "/nl/zoeken/",
            "/nl/vragen/", question.get_absolute_url(), "/nl/leden/sanne/", "/nl/contact/",
            "/nl/accounts/login/", "/nl/accounts/signup/", "/nl/accounts/password/reset/",
            "/nl/privacy/", "/nl/cookies/", "/nl/ranglijst/", "/nl/badges/",
            f"/nl/producten/{aroma.slug}/",
        ],
        "member": ["/nl/vragen/stellen/", "/nl/meldingen/", "/nl/instellingen/profiel/",
                   "/nl/accounts/password/change/", "/nl/accounts/email/"],
        "moderator": ["/nl/vragen/beoordelen/", "/nl/vragen/moderatielogboek/",
                      "/nl/vragen/opnieuw-controleren/", "/nl/vragen/voorgestelde-bewerkingen/",
                      question.get_absolute_url()],
        "admin": [
            "/admin/", "/admin/community/flags/", "/admin/community/moderation-log/",
            "/admin/pages/", f"/admin/pages/{article.pk}/edit/", "/admin/workflows/list/",
        ],
    }


# The site says "je": no formal "u"/"uw"/"a.u.b." from a vendor's Dutch catalogue.
FORMAL_RE = re.compile(r"(?<![\w.-])(Uw|uw|U|u|a\.u\.b\.)(?![\w-])")
# "1 stemmen": a count of one with a plural noun (ngettext missing).
PLURAL_BUG_RE = re.compile(
    r"(?<![\d.,])1 (stemmen|antwoorden|vragen|meldingen|punten|resultaten|weergaven|berichten|"
    r"reacties|dagen|leden|badges|zoekopdrachten)\b"
)
# Template syntax Django printed instead of reading (a {# #} comment over two lines).
RAW_TEMPLATE_RE = re.compile(r"\{#|#\}|\{%|%\}|\{\{|\}\}")
# Abbreviated English month names ("27 Nov"); Dutch writes "27 nov".
ENGLISH_MONTH_RE = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


def english_on(client, url: str, msgids: set[str]) -> list[str]:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200, url
    text = visible_text(response.content.decode())
    words = sorted(set(ENGLISH_RE.findall(text)))
    leaked = sorted(m for m in msgids if m in text)
    # Wagtail's own Dutch addresses editors with "u" throughout its admin; the shoppers' and
    # members' pages are ours and say "je".
    formal = set() if url.startswith("/admin/") else set(FORMAL_RE.findall(text))
    wrong = sorted({f"formal: {m}" for m in formal}
                   | {f"plural: {m.group(0)}" for m in PLURAL_BUG_RE.finditer(text)}
                   | {f"month: {m.group(0)}" for m in ENGLISH_MONTH_RE.finditer(text)}
                   | {f"template: {m.group(0)}" for m in RAW_TEMPLATE_RE.finditer(text)})
    return words + leaked + wrong


def test_every_page_in_dutch_has_no_english_ui_words(client, site):
    msgids = translated_msgids()
    problems = {}
    who = {"member": "sanne", "moderator": "mila", "admin": "beheer"}
    for role, urls in site.items():
        if role in who:
            client.login(username=who[role], password=PASSWORD)
        for url in urls:
            found = english_on(client, url, msgids)
            if found:
                problems[f"{role} {url}"] = found
    assert problems == {}


@pytest.mark.parametrize(
    ("singular", "plural", "n", "expected"),
    [
        ("%(counter)s flag", "%(counter)s flags", 1, "1 melding"),
        ("%(counter)s flag", "%(counter)s flags", 2, "2 meldingen"),
        ("unread notification", "unread notifications", 1, "ongelezen melding"),
        ("post to review", "posts to review", 3, "berichten om te beoordelen"),
    ],
)
def test_plural_forms_agree_with_their_number(singular, plural, n, expected):
    with translation.override("nl"):
        assert translation.ngettext(singular, plural, n) % {"counter": n} == expected


def test_vote_counts_use_plural_forms(client, site):
    html = visible_text(client.get("/nl/vragen/").content.decode())
    assert not re.search(r"(?<!\d)1 stemmen", html)
    assert not re.search(r"(?<!\d)1 antwoorden", html)


def test_password_rules_are_explained_in_dutch(client, home_pages):
    response = client.post(
        "/nl/accounts/signup/",
        {"email": "nieuw@example.nl", "username": "nieuwlid", "password1": "abc",
         "password2": "abc"},
    )
    text = visible_text(response.content.decode())
    assert "Dit wachtwoord is te kort. Het moet minstens 8 tekens bevatten." in text
    assert "This password" not in text


def test_dates_use_dutch_month_names_on_dutch_pages(client, home_pages, settings):
    import datetime

    from django.utils import timezone

    from community.models import Question

    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    dutch_question = ask(title="Wanneer komt mijn bestelling?")
    english_question = ask(title="When will my order arrive?", locale="en",
                           body="I ordered a kettle on Monday and it has not arrived yet.")
    moment = timezone.make_aware(datetime.datetime(2026, 11, 27, 10, 0))
    Question.objects.filter(pk__in=[dutch_question.pk, english_question.pk]).update(
        created_at=moment)
    dutch = visible_text(client.get("/nl/vragen/").content.decode())
    assert "27 nov 2026" in dutch and "27 Nov" not in dutch
    english = visible_text(client.get("/en/questions/").content.decode())
    assert "27 Nov 2026" in english


def test_django_and_allauth_speak_informally(client, home_pages):
    text = visible_text(client.get("/nl/accounts/signup/").content.decode())
    assert "Je wachtwoord mag niet alleen uit cijfers bestaan." in text
    assert not FORMAL_RE.search(text)
    reset = visible_text(client.get("/nl/accounts/password/reset/").content.decode())
    assert "Neem dan contact met ons op" in reset and "a.u.b." not in reset


@pytest.mark.parametrize(
    ("msgid", "context", "expected"),
    [("answered", None, "beantwoord"), ("answered", "post date", "beantwoord op")],
)
def test_a_status_and_a_post_date_are_worded_apart(msgid, context, expected):
    with translation.override("nl"):
        found = (translation.pgettext(context, msgid) if context
                 else translation.gettext(msgid))
    assert found == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "1 meer"), (7, "7 meer")])
def test_facet_more_has_plural_forms(n, expected):
    with translation.override("nl"):
        assert translation.ngettext("%(counter)s more", "%(counter)s more", n) % {
            "counter": n} == expected
