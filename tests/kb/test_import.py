"""`manage.py import_articles`: CSV and JSON from another help desk, idempotent, row by row."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from kb.importing import body_blocks, clean_html, markdown_to_html
from kb.models import ArticlePage, CategoryPage

pytestmark = pytest.mark.django_db

FIELDS = ["external_id", "title", "body", "format", "category", "tags", "locale"]
ROWS = [
    {
        "external_id": "zd-101",
        "title": "Je geld terugkrijgen na een retour",
        "body": (
            "## Wanneer\n\nBinnen **14 dagen** na ontvangst.\n\n## Hoe\n\n1. Meld aan\n2. Verstuur"
        ),
        "format": "markdown",
        "category": "Retourneren en ruilen/Terugbetaling",
        "tags": "retour, geld terug",
        "locale": "nl",
    },
    {
        "external_id": "zd-102",
        "title": "Ruilen voor een andere maat",
        "body": "<p>Kies <em>ruilen</em> in je account.</p><script>alert(1)</script>",
        "format": "html",
        "category": "Retourneren en ruilen",
        "tags": "",
        "locale": "",
    },
    {
        "external_id": "zd-201",
        "title": "Getting your money back",
        "body": "<p>Within 14 days.</p>",
        "format": "html",
        "category": "Returns and exchanges/Refunds",
        "tags": "refund",
        "locale": "en",
    },
]


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(path):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", str(path), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


class TestImportingAFile:
    def test_a_csv_creates_published_articles_in_their_categories(self, home_pages, tmp_path):
        out, err, failure = run(write_csv(tmp_path / "export.csv", ROWS))
        assert failure is None, err
        assert "3 created, 0 updated, 0 unchanged, 0 failed." in out
        refund = ArticlePage.objects.get(external_id="zd-101")
        assert refund.live and refund.locale.language_code == "nl"
        assert [p.title for p in refund.get_ancestors().filter(depth__gt=2)] == [
            "Retourneren en ruilen", "Terugbetaling"
        ]
        assert sorted(t.name for t in refund.tags.all()) == ["geld terug", "retour"]
        assert [b.block_type for b in refund.body] == [
            "heading", "rich_text", "heading", "rich_text"
        ]
        assert "<strong>14 dagen</strong>" in refund.body[1].value.source
        swap = ArticlePage.objects.get(external_id="zd-102")
        assert swap.get_parent().title == "Retourneren en ruilen"
        assert "<script>" not in swap.body[0].value.source
        english = ArticlePage.objects.get(external_id="zd-201")
        assert english.locale.language_code == "en"
        assert english.get_parent().get_parent().specific.locale.language_code == "en"

    def test_the_articles_render(self, client, home_pages, tmp_path):
        run(write_csv(tmp_path / "export.csv", ROWS))
        response = client.get(ArticlePage.objects.get(external_id="zd-101").url)
        assert response.status_code == 200
        assert "Binnen <strong>14 dagen</strong> na ontvangst." in response.content.decode()

    def test_json_works_the_same(self, home_pages, tmp_path):
        path = tmp_path / "export.json"
        rows = [{**ROWS[0], "tags": ["retour", "geld terug"]}]
        path.write_text(json.dumps({"articles": rows}), encoding="utf-8")
        out, _, failure = run(path)
        assert failure is None and "1 created" in out
        assert ArticlePage.objects.get(external_id="zd-101").tags.count() == 2

    def test_other_file_types_are_refused(self, home_pages, tmp_path):
        path = tmp_path / "export.xml"
        path.write_text("<articles/>")
        with pytest.raises(CommandError, match="csv or .json"):
            call_command("import_articles", str(path), stdout=io.StringIO(),
                         stderr=io.StringIO())


class TestImportingAgain:
    def test_re_import_updates_and_leaves_unchanged_rows_alone(self, home_pages, tmp_path):
        path = write_csv(tmp_path / "export.csv", ROWS)
        run(path)
        first = ArticlePage.objects.get(external_id="zd-102")
        revisions = first.revisions.count()

        changed = [dict(row) for row in ROWS]
        changed[1]["title"] = "Ruilen voor een andere maat of kleur"
        changed[1]["category"] = "Retourneren en ruilen/Ruilen"
        out, _, failure = run(write_csv(tmp_path / "export.csv", changed))

        assert failure is None
        assert "0 created, 1 updated, 2 unchanged, 0 failed." in out
        assert ArticlePage.objects.count() == 3
        again = ArticlePage.objects.get(external_id="zd-102")
        assert again.pk == first.pk and again.title == "Ruilen voor een andere maat of kleur"
        assert again.get_parent().title == "Ruilen"
        assert again.revisions.count() == revisions + 1
        assert ArticlePage.objects.get(external_id="zd-101").revisions.count() == 1
        assert CategoryPage.objects.filter(title="Retourneren en ruilen").count() == 1


class TestBrokenRows:
    def test_bad_rows_are_reported_and_leave_nothing_while_the_others_import(
        self, home_pages, tmp_path
    ):
        pages_before = Page.objects.count()
        broken = [
            ROWS[0],
            {**ROWS[1], "external_id": ""},                           # line 3: no id
            {**ROWS[1], "external_id": "zd-9", "locale": "de"},        # line 4: unknown locale
            {**ROWS[1], "external_id": "zd-10", "body": "<script>x</script>",
             "category": "Nieuwe categorie"},                 # line 5: no text after cleaning
            {**ROWS[1], "external_id": "zd-11", "format": "bbcode"},   # line 6
            ROWS[2],
        ]
        out, err, failure = run(write_csv(tmp_path / "export.csv", broken))
        assert "2 created, 0 updated, 0 unchanged, 4 failed." in out
        assert "line 3: external_id is empty." in err
        assert "line 4 (zd-9): Unknown locale 'de'." in err
        assert "line 5 (zd-10): The article has no text." in err
        assert "line 6 (zd-11): Unknown body format 'bbcode'" in err
        assert isinstance(failure, CommandError)
        # Row 5 would have created "Nieuwe categorie" before failing: rolled back with it.
        assert not CategoryPage.objects.filter(title="Nieuwe categorie").exists()
        assert set(ArticlePage.objects.values_list("external_id", flat=True)) == {
            "zd-101", "zd-201"
        }
        # Two articles and the four categories they needed (two per language), nothing else.
        assert Page.objects.count() == pages_before + 6

    def test_a_json_item_that_is_not_an_object_is_one_error(self, home_pages, tmp_path):
        path = tmp_path / "export.json"
        path.write_text(json.dumps(["just text", ROWS[1]]), encoding="utf-8")
        out, err, _ = run(path)
        assert "1 created" in out and "line 1: Each article must be an object" in err


class TestCleaning:
    def test_html_keeps_only_what_rich_text_holds(self):
        html = clean_html(
            '<h1>Titel</h1><p style="color:red" onclick="x()">Tekst <a href="javascript:x()">'
            'link</a> <a href="https://example.nl/">goed</a><img src="x.png"></p>'
        )
        assert html == (
            '<h2>Titel</h2><p>Tekst <a>link</a> <a href="https://example.nl/">goed</a></p>'
        )

    def test_markdown_becomes_clean_html(self):
        assert markdown_to_html("Hallo *wereld*\n\n<script>x</script>") == (
            "<p>Hallo <em>wereld</em></p>"
        )

    def test_headings_become_heading_blocks(self):
        assert body_blocks("<p>Intro</p><h2>Stap 1</h2><p>Doe dit</p>") == [
            ("rich_text", "<p>Intro</p>"),
            ("heading", {"text": "Stap 1", "level": "h2"}),
            ("rich_text", "<p>Doe dit</p>"),
        ]
