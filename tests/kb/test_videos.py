"""Product video pages: real files checked with PyAV, seekable streaming, chapters, captions."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtailmedia.models import Media

from kb.media import probe_video, validate_webvtt
from kb.models import ArticlePage, CategoryPage, HomePage, VideoChapter, VideoPage
from kb.models.video import TimestampFormField, format_timestamp, parse_timestamp
from tests.factories import UserFactory

from . import factories
from .videos import clip_files, video_page

pytestmark = pytest.mark.django_db

CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:04.000\nWat heb je nodig?\n"


@pytest.fixture
def category(home_pages):
    return factories.category(title="Productonderhoud", slug="productonderhoud")


class TestProbeVideo:
    def test_reads_duration_and_size_from_the_file(self):
        facts = probe_video(str(clip_files()[0]))
        assert facts.duration == pytest.approx(12, abs=0.2)
        assert (facts.width, facts.height, facts.codec) == (640, 360, "h264")

    def test_a_renamed_picture_is_not_a_video(self):
        upload = SimpleUploadedFile("film.mp4", clip_files()[1].read_bytes())
        with pytest.raises(ValidationError) as error:
            probe_video(upload)
        assert error.value.code == "not_video"

    def test_random_bytes_are_not_a_video(self):
        upload = SimpleUploadedFile("film.mp4", b"\x00\x00\x00\x18ftypmp42" + b"x" * 4000)
        with pytest.raises(ValidationError):
            probe_video(upload)


class TestMediaLibraryUpload:
    """Editors add videos through wagtailmedia's own admin, with our checks plugged in."""

    def test_duration_comes_from_the_file_not_the_form(self, client, home_pages):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        mp4 = clip_files()[0]
        response = client.post("/admin/media/video/add/", {
            "title": "Ontkalken", "duration": "999", "width": "1", "height": "1",
            "file": SimpleUploadedFile("ontkalken.mp4", mp4.read_bytes(), "video/mp4"),
            "collection": "1",
        })
        assert response.status_code == 302, response.content[:2000]
        media = Media.objects.get(title="Ontkalken")
        assert media.duration == pytest.approx(12, abs=0.2)
        assert (media.width, media.height) == (640, 360)

    def test_a_file_that_is_not_a_video_is_refused(self, client, home_pages):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = client.post("/admin/media/video/add/", {
            "title": "Nep", "collection": "1",
            "file": SimpleUploadedFile("nep.mp4", b"this is not a video" * 100, "video/mp4"),
        })
        assert response.status_code == 200
        assert "Dit bestand is geen video die we kunnen lezen." in response.content.decode()
        assert not Media.objects.exists()


class TestPageTree:
    def test_video_pages_live_under_categories_only(self):
        assert VideoPage.allowed_parent_page_models() == [CategoryPage]
        assert VideoPage in CategoryPage.allowed_subpage_models()
        assert VideoPage not in HomePage.allowed_subpage_models()
        assert VideoPage not in ArticlePage.allowed_subpage_models()
        assert VideoPage.allowed_subpage_models() == []


class TestEditingInTheAdmin:
    def post_new_video_page(self, client, category, chapters):
        media = video_page(category, slug="bron").video
        data = nested_form_data({
            "title": "Je koffiemachine ontkalken (kort)",
            "slug": "ontkalken-kort",
            "intro": "",
            "video": media.pk,
            "transcript": "Vul het reservoir.",
            "chapters": inline_formset([{"start": start, "title": title}
                                        for start, title in chapters]),
            "products": [],
            "action-publish": "publish",
        })
        return client.post(f"/admin/pages/add/kb/videopage/{category.pk}/", data)

    def test_an_editor_adds_a_video_page_with_chapters_typed_as_minutes(self, client, category):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        assert client.get(f"/admin/pages/add/kb/videopage/{category.pk}/").status_code == 200
        response = self.post_new_video_page(client, category, [("0:00", "Begin"),
                                                               ("0:09", "Naspoelen")])
        assert response.status_code == 302, response.content.decode()[:3000]
        page = VideoPage.objects.get(slug="ontkalken-kort")
        assert page.live
        assert [(c.start, c.title) for c in page.ordered_chapters()] == [(0, "Begin"),
                                                                          (9, "Naspoelen")]

    def test_a_chapter_after_the_end_of_the_video_is_refused(self, client, category):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = self.post_new_video_page(client, category, [("0:30", "Te laat")])
        assert response.status_code == 200
        assert "Een hoofdstuk begint na het einde van deze video (0:12)." in (
            response.content.decode()
        )
        assert not VideoPage.objects.filter(slug="ontkalken-kort").exists()


class TestBackOfficeScreens:
    """wagtailmedia 0.19 on Wagtail 8: the library, its chooser and our page editor open."""

    def test_media_library_chooser_and_video_page_editor_open(self, client, category):
        page = video_page(category, captions=CAPTIONS)
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        for url in [
            "/admin/media/",
            "/admin/media/chooser/?media_type=video",
            f"/admin/media/edit/{page.video.pk}/",
            f"/admin/pages/{page.pk}/edit/",
            "/admin/snippets/kb/announcement/",
            "/admin/snippets/kb/announcement/add/",
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
        editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert "Naspoelen" in editor and 'value="0:08"' in editor


class TestVideoPage:
    def test_renders_player_poster_chapters_transcript_and_feedback(self, client, category):
        page = video_page(category, captions=CAPTIONS)
        response = client.get(page.url)
        html = response.content.decode()
        assert response.status_code == 200
        assert f'/videos/{page.video.pk}/ontkalken.mp4"' in html
        assert 'type="video/mp4"' in html
        assert 'poster="/media/images/' in html and ".webp" in html
        assert '<track kind="captions"' in html and 'srclang="nl"' in html
        assert [c.title for c in response.context["chapter_list"]] == [
            "Wat heb je nodig", "Ontkalker erin", "Naspoelen"
        ]
        assert 'href="?t=4#player" data-kb-seek="4"' in html
        assert "0:12" in html  # duration read from the file
        assert "Spoel daarna twee keer na." in html
        assert 'id="feedback-page"' in html
        script = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
        data = json.loads(script)
        assert data["@type"] == "VideoObject" and data["duration"] == "PT12S"
        assert data["thumbnailUrl"].endswith(".webp")
        assert [(c["name"], c["startOffset"], c["endOffset"]) for c in data["hasPart"]] == [
            ("Wat heb je nodig", 0, 4), ("Ontkalker erin", 4, 8), ("Naspoelen", 8, 12)
        ]

    def test_a_chapter_link_without_javascript_starts_the_player_there(self, client, category):
        page = video_page(category)
        html = client.get(page.url + "?t=8").content.decode()
        assert 'ontkalken.mp4#t=8"' in html

    def test_costs_a_fixed_number_of_queries_however_many_chapters(self, client, category):
        short = video_page(category, slug="kort")
        long = video_page(category, slug="lang")
        for second in range(1, 9):
            long.chapters.add(VideoChapter(start=second, title=f"Stap {second}"))
        long.save_revision().publish()

        def count(page):
            client.get(page.url)  # warm the site and rendition caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(page.url).status_code == 200
            return len(queries)

        assert count(short) == count(long) <= 17  # 16, plus the helpfulness count

    def test_transcript_and_chapters_are_searchable(self, category):
        video_page(category, transcript="Vul het reservoir met azijnvrije ontkalker.")
        assert list(VideoPage.objects.live().search("azijnvrije")) != []
        assert list(VideoPage.objects.live().search("Naspoelen")) != []


class TestVideoFile:
    def test_answers_byte_ranges_so_the_player_can_seek(self, client, category):
        page = video_page(category)
        url = f"/nl/videos/{page.video.pk}/ontkalken.mp4"
        data = clip_files()[0].read_bytes()
        whole = client.get(url)
        assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
        assert b"".join(whole.streaming_content) == data
        part = client.get(url, HTTP_RANGE="bytes=100-199")
        assert part.status_code == 206
        assert part["Content-Range"] == f"bytes 100-199/{len(data)}"
        assert part.content == data[100:200]
        tail = client.get(url, HTTP_RANGE="bytes=-10")
        assert tail.content == data[-10:]
        assert client.get(url, HTTP_RANGE=f"bytes={len(data)}-").status_code == 416

    def test_files_of_unpublished_pages_are_not_served(self, client, category):
        page = video_page(category, live=False)
        assert client.get(f"/nl/videos/{page.video.pk}/ontkalken.mp4").status_code == 404


class TestCaptionsAndTimestamps:
    def test_webvtt_captions_are_accepted(self):
        validate_webvtt(SimpleUploadedFile("nl.vtt", CAPTIONS.encode()))

    @pytest.mark.parametrize("content", [b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n", b"WEBVTT\n",
                                         b"\xff\xfe\x00W"])
    def test_other_files_are_refused_as_captions(self, content):
        with pytest.raises(ValidationError):
            validate_webvtt(SimpleUploadedFile("nl.vtt", content))

    def test_timestamps_read_and_print_as_minutes_and_seconds(self):
        assert parse_timestamp("1:05") == 65
        assert parse_timestamp("1:02:05") == 3725
        assert parse_timestamp("75") == 75
        assert format_timestamp(65) == "1:05" and format_timestamp(3725) == "1:02:05"
        field = TimestampFormField()
        assert field.clean("0:30") == 30
        with pytest.raises(ValidationError):
            field.clean("half een")


def test_demo_clip_is_an_h264_mp4_a_browser_plays():
    data = clip_files()[0].read_bytes()
    assert data[4:8] == b"ftyp"
    # faststart: the index (moov) comes before the media data, so playback starts at once.
    assert data.index(b"moov") < data.index(b"mdat")
    assert probe_video(str(clip_files()[0])).codec == "h264"
    assert io.BytesIO(data).getbuffer().nbytes < 400_000


def test_the_demo_has_three_playable_videos_the_storm_notice_and_feedback():
    from kb import demo
    from kb.announcements import active_announcements
    from kb.models import PageFeedback

    steps = [step for order, _label, step in sorted(demo.STEPS) if 20 <= order <= 29]
    for _ in range(2):  # a second run adds nothing
        for step in steps:
            step()
    videos = VideoPage.objects.live().filter(locale__language_code="nl")
    assert {v.title for v in videos} == {
        "Zo meet je je fietsmaat", "Je pakket retourneren in 3 stappen",
        "Je koffiemachine ontkalken",
    }
    for video in videos:
        assert video.duration == pytest.approx(24, abs=0.2)
        assert video.poster_id and video.transcript and video.captions
        assert len(video.chapters.all()) >= 3
        assert probe_video(video.video.file).codec == "h264"
    assert [a.title for a in active_announcements(language_code="nl")] == [
        "Door stormschade vertraagde leveringen in Friesland"
    ]
    assert PageFeedback.objects.filter(helpful=False).exclude(comment="").exists()
