"""FAQ pages: an accordion with linkable questions and schema.org FAQPage data."""

import json
import re

import pytest

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def faq(home_pages):
    return factories.faq_page(
        home_pages,
        questions=[
            ("Kan ik achteraf betalen?", "<p>Ja, met <b>Klarna</b>.</p>"),
            ("Wat kost verzending?", "<p>€ 3,95 &amp; gratis vanaf <i>€ 25</i></p>"),
        ],
    )


def structured_data(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_emits_faqpage_json_ld_with_every_question_and_answer(client, faq):
    data = structured_data(client.get(faq.url).content.decode())
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == [
        "Kan ik achteraf betalen?",
        "Wat kost verzending?",
    ]
    first = data["mainEntity"][0]
    assert first["@type"] == "Question"
    assert first["acceptedAnswer"] == {"@type": "Answer", "text": "<p>Ja, met <b>Klarna</b>.</p>"}


def test_answers_markup_is_escaped_inside_the_json_ld_script(client, faq):
    html = client.get(faq.url).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in script.group(1) and "\\u003C/i\\u003E" in script.group(1)
    answer = structured_data(html)["mainEntity"][1]["acceptedAnswer"]["text"]
    assert answer == "<p>€ 3,95 &amp; gratis vanaf <i>€ 25</i></p>"


def test_questions_are_an_accordion_with_anchor_links(client, faq):
    html = client.get(faq.url).content.decode()
    assert '<details class="kb-faq-item" id="kan-ik-achteraf-betalen">' in html
    assert 'href="#kan-ik-achteraf-betalen"' in html
    assert "<summary>" in html


def test_faq_page_can_hang_under_a_category_with_breadcrumbs(client, home_pages):
    category = factories.category(home_pages, title="Retourneren")
    page = factories.faq_page(category, title="Vragen over retour")
    html = client.get(page.url).content.decode()
    assert 'href="/nl/retourneren/"' in html
