"""The shop owner reads the insights, downloads a table and turns a content gap into a draft
that an editor then finds waiting in the review workflow."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from insights import services
from kb.services import EDITORS_GROUP, set_up_review_workflow
from search import services as search_services
from tests.browser.conftest import wait_until
from tests.factories import UserFactory
from tests.kb.factories import category


def log_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])


def failing_searches(query, times):
    for n in range(times):
        search_services.log_search(query=query, language="nl", result_count=0, took_ms=4,
                                   visitor=f"{query}-{n}")
    today = timezone.localdate()
    services.roll_up_range(today - dt.timedelta(days=1), today)


def test_owner_reads_the_dashboard_and_writes_the_missing_article(
    browser, live_server, site_pages, tmp_path
):
    category(site_pages, title="Bezorging", slug="bezorging")
    set_up_review_workflow(pages=[site_pages])
    owner = UserFactory(is_superuser=True, is_staff=True)
    editor = UserFactory(username="redacteur")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    failing_searches("storm", 6)

    context = browser.new_context(base_url=live_server.url, locale="nl-NL",
                                  viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15_000)
    log_in(context, live_server, owner)
    page = context.new_page()
    page.goto("/admin/")
    page.get_by_role("link", name="Inzichten").first.click()
    page.wait_for_url("**/admin/insights/**")
    assert page.locator("#figure-self_service_score").is_visible()
    # Chart.js (from npm, served as a static file) drew the charts.
    wait_until(page, "!!(window.Chart && Chart.getChart(document.querySelector('canvas')))")

    page.select_option("#id_range", "90")
    page.get_by_role("button", name="Toon", exact=True).click()
    page.wait_for_url("**range=90**")
    assert "Afgelopen 90 dagen" in page.locator("#id_range option:checked").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Ontbrekende content downloaden (CSV)").click()
    saved = tmp_path / "gaps.csv"
    download.value.save_as(saved)
    assert "storm" in saved.read_text()

    row = page.locator("table.insights-gaps tr", has_text="storm")
    row.locator("select").select_option(label="Bezorging")
    row.get_by_role("button", name="Schrijf een artikel").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert page.locator("#id_title").input_value() == "Storm"

    editor_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    log_in(editor_context, live_server, editor)
    editor_page = editor_context.new_page()
    editor_page.goto("/admin/")
    assert editor_page.get_by_text("Storm").first.is_visible()
    editor_context.close()
    context.close()


def test_moderator_on_a_phone_asks_the_community_about_a_failing_search(
    browser, live_server, site_pages
):
    from community.roles import MODERATORS_GROUP

    moderator = UserFactory(is_staff=True, username="moderator")
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"),
                                   Permission.objects.get(codename="view_dailyfigure"))
    failing_searches("bezorgen op zondag", 5)

    context = browser.new_context(base_url=live_server.url, locale="nl-NL",
                                  viewport={"width": 360, "height": 740})
    context.set_default_timeout(15_000)
    log_in(context, live_server, moderator)
    page = context.new_page()
    page.goto("/admin/insights/")
    section = page.locator("section", has=page.locator("#insights-failing"))
    button = section.get_by_role("button", name="Maak er een communityvraag van")
    button.scroll_into_view_if_needed()
    # The wide table scrolls inside its box; the page itself does not get wider.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    button.click()
    page.wait_for_url("**/admin/insights/**")
    link = page.get_by_role("link", name="Gezocht maar niet gevonden: bezorgen op zondag").first
    assert link.is_visible()
    assert not section.get_by_role("button", name="Maak er een communityvraag van").count()
    context.close()
