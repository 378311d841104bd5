"""The Content-Security-Policy breaks nothing: the main pages and the Wagtail editor (page
editor, image chooser, workflows) load and work with no CSP violation in the console."""

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def watch(page) -> list[str]:
    """Console messages and page errors that report a CSP violation."""
    seen = []
    page.on("console", lambda msg: seen.append(msg.text))
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


def violations(messages) -> list[str]:
    words = ("Content Security Policy", "Content-Security-Policy", "Refused to")
    return [m for m in messages if any(w in m for w in words)]


def test_main_pages_load_without_csp_violations(new_page):
    page = new_page()
    seen = watch(page)
    for path in ("/nl/", "/nl/vragen/", "/nl/zoeken/?q=pakket", "/nl/accounts/login/",
                 "/nl/badges/", "/en/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.goto("/nl/")
    page.fill("header input[type=search]", "pakk")
    page.wait_for_timeout(600)  # the debounced suggestion request runs through fetch()
    found = violations(seen)
    assert found == [], "\n".join([page.url, *found])


def test_the_wagtail_editor_works_without_csp_violations(new_page, site_pages):
    from wagtail.models import Collection

    from kb.models import HomePage

    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    UserFactory(username="beheer", is_staff=True, is_superuser=True)
    home = HomePage.objects.filter(locale__language_code="nl").first()
    page = new_page()
    seen = watch(page)
    page.goto("/admin/login/")
    page.fill("input[name=username]", "beheer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/pages/{home.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("form#page-edit-form").count() == 1
    chooser = page.goto("/admin/images/chooser/")  # the modal's content (JSON for the modal)
    assert chooser.status == 200
    page.goto("/admin/workflows/list/")
    page.wait_for_load_state("networkidle")
    assert "Workflow" in page.content() or "Werkstroom" in page.content()
    found = violations(seen)
    assert found == [], "\n".join([page.url, *found])
