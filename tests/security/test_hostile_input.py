"""Hostile text through every place a visitor can type: no 500, nothing executable in any page
we render, and what we accept is stored exactly as typed.

Every payload goes through the Markdown renderer and the search backend directly (cheap); a
rotating sample (seed `HOSTILE_SEED`, default the day of the year, printed on failure) goes
through each HTTP form. A form that refuses a payload must say why and keep the text.
"""

import json
import os
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community import markdown
from community.models import Answer, Comment, Flag, Question, User
from kb.models.feedback import PageFeedback
from search.backends import SearchRequest, get_backend

from .payloads import MARK, PAYLOADS, executable_markup, findings, sample
from .world import build

SEED = int(os.environ.get("HOSTILE_SEED", date.today().timetuple().tm_yday))
PER_FORM = int(os.environ.get("HOSTILE_PER_FORM", "14"))


def test_corpus_has_at_least_300_payloads_of_every_family():
    assert len(set(PAYLOADS)) >= 300
    assert any(len(p) >= 100_000 for p in PAYLOADS) and any("\x00" in p for p in PAYLOADS)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_markdown_renders_every_payload_without_executable_markup(db, language):
    unsafe = {}
    for payload in PAYLOADS:
        html = markdown.render(payload, known_usernames={"nieuweling"}, language=language).html
        if found := findings(html):
            unsafe[payload[:60]] = found
    assert not unsafe


@given(st.text(max_size=400))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_markdown_of_any_text_has_no_executable_markup(text):
    assert findings(markdown.render(text).html) == []


_MARKUP = st.sampled_from(["<", ">", "\"", "'", "=", "/", "(", ")", "[", "]", "`", "*", "\n",
                           " ", "script", "img", "svg", "onerror", "onload", "javascript:",
                           "data:", "href", "src", "alert(1)", "&#x6a;", "\t", "\x00", "!"])


@given(st.lists(_MARKUP, max_size=40).map("".join))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_markdown_of_markup_soup_has_no_executable_markup(text):
    assert findings(markdown.render(text).html) == []


@pytest.fixture
def indexed(db, home_pages):
    from search.indexing import drain

    world = build()
    drain(blocking=True)
    return world


def test_search_backend_answers_every_payload(indexed):
    backend = get_backend()
    for n, payload in enumerate(PAYLOADS):
        text, language = payload[:200], ("nl", "en")[n % 2]
        backend.search(SearchRequest(text=text, language=language, filters={}, page=1,
                                     per_page=10))
        for hit in backend.suggest(text, language, 8):
            assert findings(hit.snippet or "") == [], payload


@given(st.text(max_size=200))
@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_search_query_parser_accepts_any_text(indexed, text):
    response = get_backend().search(
        SearchRequest(text=text, language="nl", filters={}, page=1, per_page=10)
    )
    assert response.total >= 0


_QUERY_SYNTAX = st.sampled_from(["AND", "OR", "NOT", "*", "?", "~", "^", ":", "(", ")", "\"",
                                 "pakket", "title:", "[", "]", "{", "}", "TO", "-", "+", " ",
                                 "\\", "2", "'", "ø", "\u202e"])


@given(st.lists(_QUERY_SYNTAX, max_size=30).map("".join))
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_search_query_parser_accepts_any_operator_soup(indexed, text):
    assert get_backend().search(
        SearchRequest(text=text, language="nl", filters={}, page=1, per_page=10)
    ).total >= 0


# -- through HTTP ---------------------------------------------------------------------------


class Site:
    """A browser-like client per member, with CSRF, that checks every page it gets."""

    def __init__(self, world):
        self.world = world
        self.clients = {}
        self.baselines = {}

    def client(self, user):
        if user.pk not in self.clients:
            client = Client(enforce_csrf_checks=True)
            client.force_login(user)
            client.cookies["csrftoken"] = "a" * 32
            self.clients[user.pk] = client
        return self.clients[user.pk]

    def prime(self, viewer, url):
        """Remember what the clean page at `url` contains (our own scripts)."""
        self.page(viewer, url, "")

    def form_baseline(self, user, url):
        """Findings of the form page itself (our own scripts), before any hostile input."""
        key = ("form", url)
        if key not in self.baselines:
            self.baselines[key] = findings(self.client(user).get(url).content.decode())
        return self.baselines[key]

    def post(self, user, url, data):
        from django.core.cache import cache

        cache.clear()
        _backdate_posts()
        baseline = self.form_baseline(user, url)
        response = self.client(user).post(url, {**data, "csrfmiddlewaretoken": "a" * 32})
        assert response.status_code < 500, (url, str(data)[:200])
        response.baseline = baseline
        return response

    def page(self, user, url, payload, like=None):
        """GET `url` as `user` (None: anonymous); fail on executable markup the clean page
        (the first GET of the same URL name) did not have."""
        client = self.client(user) if user else Client()
        response = client.get(url)
        assert response.status_code < 500, url
        html = response.content.decode()
        key = like or url.split("?")[0]
        assert key in self.baselines or not payload, f"prime {key} before posting"
        baseline = self.baselines.setdefault(key, findings(html))
        extra = executable_markup(html, baseline)
        assert not extra, f"seed {SEED}: {payload[:80]!r} made {url} contain {extra}"
        return html


def _backdate_posts():
    """Posting limits count recent posts; these tests post many, so age them."""
    old = timezone.now() - timedelta(days=3)
    for model in (Question, Answer, Comment):
        model.objects.update(created_at=old)


def _kept(payload: str, stored: str) -> bool:
    return stored == payload.strip() or stored == payload.strip().replace("\r\n", "\n")


def _refused_with_message(response) -> bool:
    return response.status_code in (200, 400, 429) and (
        b"errorlist" in response.content or b"error" in response.content
    )


@pytest.fixture
def site(indexed):
    translation.activate("nl")
    yield Site(indexed)
    translation.deactivate()


def _check(site, response, payload, model_text, shown_at, viewer=None, like=None):
    """Accepted: stored text is the payload and the page that shows it is safe. Refused:
    the form said why."""
    if model_text is not None and _kept(payload, model_text):
        site.page(viewer, shown_at, payload, like=like)
        return True
    assert _refused_with_message(response) or response.status_code == 302, payload[:80]
    if response.status_code != 302:
        allowed = response.baseline + site.baselines.get(like or shown_at.split("?")[0], [])
        extra = executable_markup(response.content.decode(), allowed)
        assert not extra, f"seed {SEED}: refusal page for {payload[:80]!r} contains {extra}"
    return False


def test_ask_form(site):
    author = site.world.users["high"]
    url = reverse("community:ask")
    site.prime(None, site.world.question.get_absolute_url())
    accepted = 0
    for n, payload in enumerate(sample(PER_FORM, SEED)):
        title = payload[:150] if len(payload.strip()) >= 15 else f"Vraag {n}: {payload}"
        body = f"Mijn vraag, uitgebreid genoeg om te plaatsen:\n\n{payload}"
        response = site.post(author, url, {"title": title, "body": body, "tags": "levering"})
        question = Question.objects.filter(author=author).order_by("-pk").first()
        stored = question.body if question and question.title == title.strip() else None
        if _check(site, response, body, stored, question.get_absolute_url() if stored else "",
                  like=site.world.question.get_absolute_url()):
            accepted += 1
            question.delete()
    assert accepted, "no payload was accepted at all: the test would prove nothing"


def test_answer_and_comment_forms(site):
    world, author = site.world, site.world.users["high"]
    shown_at = world.question.get_absolute_url()
    site.prime(None, shown_at)
    for payload in sample(PER_FORM, SEED + 1):
        body = f"Een antwoord dat lang genoeg is om te plaatsen.\n\n{payload}"
        response = site.post(author, reverse("community:answer", args=[world.question.pk]),
                             {"body": body})
        answer = Answer.objects.filter(author=author).order_by("-pk").first()
        _check(site, response, body, answer.body if answer else None, shown_at)
        Answer.objects.filter(author=author).delete()
        response = site.post(author, reverse("community:comment", args=["question",
                                                                         world.question.pk]),
                             {"body": payload})
        comment = Comment.objects.filter(author=author).order_by("-pk").first()
        _check(site, response, payload, comment.body if comment else None, shown_at)
        Comment.objects.filter(author=author).delete()


def test_edit_form(site):
    world, owner = site.world, site.world.owner
    url = reverse("community:edit_question", args=[world.question.pk])
    site.prime(None, world.question.get_absolute_url())
    for payload in sample(PER_FORM, SEED + 2):
        body = f"Aangepaste vraag met genoeg tekst om op te slaan.\n\n{payload}"
        response = site.post(owner, url, {"title": "Waar blijft mijn pakket nu?", "body": body,
                                          "tags": "levering", "summary": payload[:200]})
        stored = Question.objects.get(pk=world.question.pk).body
        _check(site, response, body, stored if stored == body.strip() else None,
               world.question.get_absolute_url())


def test_flag_reason(site):
    world, flagger = site.world, site.world.users["shopper"]
    url = reverse("community:flag", args=["question", world.question.pk])
    site.prime(world.users["moderator"], reverse("community:review"))
    for payload in sample(PER_FORM, SEED + 3):
        Flag.objects.all().delete()
        response = site.post(flagger, url, {"reason": "other", "note": payload})
        flag = Flag.objects.first()
        stored = getattr(flag, "note", None) if flag else None
        _check(site, response, payload, stored, reverse("community:review"),
               viewer=world.users["moderator"])


def test_profile_fields(site):
    member = site.world.users["shopper"]
    url = reverse("community:settings")
    site.prime(None, reverse("community:profile", args=[member.username]))
    site.prime(None, site.world.question.get_absolute_url())
    for payload in sample(PER_FORM, SEED + 4):
        response = site.post(member, url, {"display_name": payload[:50], "bio": payload})
        member_now = User.objects.get(pk=member.pk)
        stored = member_now.bio if member_now.display_name == payload[:50].strip() else None
        _check(site, response, payload, stored,
               reverse("community:profile", args=[member.username]))
        site.page(None, site.world.question.get_absolute_url(), payload)


def test_search_page_and_suggest_api(site):
    site.prime(None, reverse("search:search"))
    for payload in sample(PER_FORM * 2, SEED + 5):
        site.page(None, f"{reverse('search:search')}?{_q(payload)}", payload)
        response = Client().get(f"/api/v1/suggest?{_q(payload)}&lang=nl")
        assert response.status_code in (200, 400, 429), payload[:80]
        for result in response.json().get("results", []):
            for value in result.values():
                assert findings(str(value)) in ([], ["<mark>"]) or MARK not in str(value)
        response = Client().post("/api/v1/suggest/confirm",
                                 json.dumps({"suggestion": payload, "key": payload,
                                             "url": payload}),
                                 content_type="application/json")
        assert response.status_code < 500, payload[:80]


def _q(payload):
    from urllib.parse import urlencode

    return urlencode({"q": payload[:300]})


def test_article_feedback_comment(site):
    from tests.kb import factories as kb

    page = kb.article(kb.category())
    url = reverse("kb:page_feedback", args=[page.pk])
    clean = Client().post(url, {"helpful": "no", "comment": "Niet duidelijk genoeg"},
                          headers={"X-Requested-With": "fetch"})
    assert clean.status_code == 200
    baseline, accepted = findings(clean.content.decode()), 0
    for payload in sample(PER_FORM, SEED + 6):
        from django.core.cache import cache

        cache.clear()
        response = Client().post(url, {"helpful": "no", "comment": payload},
                                 headers={"X-Requested-With": "fetch"})
        assert response.status_code < 500, payload[:80]
        assert not executable_markup(response.content.decode(), baseline), payload[:80]
        stored = PageFeedback.objects.order_by("-pk").values_list("comment", flat=True).first()
        if response.status_code == 200:
            accepted += 1
            assert _kept(payload, stored or ""), payload[:80]
    assert accepted
