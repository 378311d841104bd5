"""Public profiles and the profile settings page, including avatar uploads."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from community import services
from tests.factories import UserFactory

from .images import corrupt_picture, picture

pytestmark = pytest.mark.django_db


def settings_url():
    with translation.override("en"):
        return reverse("community:settings")


class TestPublicProfile:
    def test_shows_name_join_date_and_placeholders(self, client, home_pages):
        UserFactory(display_name="Sanne de Vries", username="sanne")
        html = client.get("/nl/leden/sanne/").content.decode()
        assert "Sanne de Vries" in html
        assert "@sanne" in html
        assert "Lid sinds" in html
        assert "Reputatie" in html and "Badges" in html

    def test_unknown_or_inactive_member_is_not_found(self, client, home_pages):
        gone = UserFactory(is_active=False)
        assert client.get(gone.get_absolute_url()).status_code == 404
        assert client.get("/nl/leden/niemand/").status_code == 404

    def test_profile_page_costs_a_fixed_number_of_queries(
        self, client, home_pages, django_assert_max_num_queries
    ):
        member = UserFactory()
        client.get(member.get_absolute_url())  # the layout's brand and desk settings, cached
        # Member, post counts, a page of posts, and the reputation section (total, badges,
        # progress, history, latest changes): tests/gamification/test_profile.py pins it exactly.
        with django_assert_max_num_queries(10):
            client.get(member.get_absolute_url())

    def test_member_list_paginates_newest_first(self, client, home_pages):
        UserFactory.create_batch(31)
        with translation.override("en"):
            url = reverse("community:members")
        first = client.get(url)
        assert len(first.context["members"]) == 30
        assert "Page 1 of 2" in first.content.decode()
        assert len(client.get(url, {"page": 2}).context["members"]) == 1


class TestProfileSettings:
    def test_requires_login(self, client, home_pages):
        response = client.get(settings_url())
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_saves_display_name_and_bio(self, client, home_pages):
        member = UserFactory()
        client.force_login(member)
        response = client.post(
            settings_url(), {"display_name": "  Bram J. ", "bio": "Fietsfanaat"}, follow=True
        )
        assert "Your profile has been saved." in response.content.decode()
        member.refresh_from_db()
        assert (member.display_name, member.bio) == ("Bram J.", "Fietsfanaat")

    def test_avatar_is_reencoded_as_a_square_webp_without_exif(self, client, home_pages):
        member = UserFactory()
        client.force_login(member)
        upload = picture("JPEG", size=(800, 500), exif_gps=True)
        client.post(settings_url(), {"display_name": "A", "bio": "", "avatar": upload})
        member.refresh_from_db()
        stored = Image.open(io.BytesIO(member.avatar.read()))
        assert stored.format == "WEBP"
        assert stored.size == (256, 256)
        assert not stored.getexif()
        assert member.avatar.name.startswith("avatars/") and "photo" not in member.avatar.name

    @pytest.mark.parametrize("fmt", ["PNG", "GIF", "WEBP"])
    def test_accepts_png_gif_and_webp(self, client, home_pages, fmt):
        member = UserFactory()
        client.force_login(member)
        client.post(settings_url(), {"display_name": "A", "bio": "", "avatar": picture(fmt)})
        member.refresh_from_db()
        assert member.avatar

    def test_corrupt_image_rerenders_the_form_with_the_text_intact(self, client, home_pages):
        member = UserFactory(display_name="Oud")
        client.force_login(member)
        response = client.post(
            settings_url(),
            {"display_name": "Nieuwe naam", "bio": "Mijn verhaal", "avatar": corrupt_picture()},
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "This file is not a picture we can read." in html
        assert 'value="Nieuwe naam"' in html
        assert "Mijn verhaal</textarea>" in html
        member.refresh_from_db()
        assert member.display_name == "Oud"
        assert not member.avatar

    def test_other_formats_are_refused(self, client, home_pages):
        member = UserFactory()
        client.force_login(member)
        bmp = picture("BMP", name="sneaky.png")
        response = client.post(settings_url(), {"display_name": "A", "bio": "", "avatar": bmp})
        assert "Upload a JPEG, PNG, WebP or GIF image." in response.content.decode()

    def test_files_over_the_size_limit_are_refused(self, client, home_pages, settings):
        settings.IMAGE_UPLOAD_MAX_BYTES = 1000
        member = UserFactory()
        client.force_login(member)
        response = client.post(
            settings_url(), {"display_name": "A", "bio": "", "avatar": picture(size=(300, 300))}
        )
        assert "pictures can be at most 1000" in response.content.decode()

    def test_pictures_over_the_pixel_limit_are_refused(self, client, home_pages, settings):
        settings.IMAGE_UPLOAD_MAX_PIXELS = 100 * 100
        member = UserFactory()
        client.force_login(member)
        response = client.post(
            settings_url(), {"display_name": "A", "bio": "", "avatar": picture(size=(101, 100))}
        )
        assert "101 × 100 pixels" in response.content.decode()

    def test_remove_avatar_deletes_the_file_after_commit(
        self, home_pages, django_capture_on_commit_callbacks
    ):
        member = UserFactory()
        from community.images import square_avatar

        services.update_profile(
            user=member, display_name="", bio="", avatar=square_avatar(picture())
        )
        old = member.avatar.name
        storage = member.avatar.storage
        with django_capture_on_commit_callbacks(execute=True):
            services.update_profile(user=member, display_name="", bio="", remove_avatar=True)
        member.refresh_from_db()
        assert not member.avatar
        assert not storage.exists(old)
