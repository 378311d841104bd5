"""Attachments are downloads for customer service and the ticket's own shopper (signed in, or
through the ticket's signed link) only; anyone else gets a 404, and no public media address
leads to them."""

import pytest
from django.core.files.base import ContentFile

from support import links
from support.checks import attachments_are_private
from support.services.tickets import Upload
from tests.factories import UserFactory

from .factories import ticket

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 kassabon"


def _pdf(name="bon.pdf"):
    return Upload(ContentFile(PDF, name=name), name, "application/pdf")


@pytest.fixture
def made(shopper):
    return ticket(requester=shopper, uploads=[_pdf()])


@pytest.fixture
def item(made):
    return made.messages.get().attachments.get()


def _url(item):
    return f"/nl/contact/bijlage/{item.pk}/"


def _assert_download(response):
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="bon.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


class TestWhoMayDownload:
    def test_support_staff_in_the_queue(self, client, agent, item):
        client.force_login(agent)
        _assert_download(client.get(_url(item)))

    def test_the_tickets_own_shopper_when_signed_in(self, client, shopper, item):
        client.force_login(shopper)
        _assert_download(client.get(_url(item)))

    def test_another_member_gets_a_404(self, client, item):
        client.force_login(UserFactory())
        assert client.get(_url(item)).status_code == 404

    def test_an_anonymous_visitor_gets_a_404_not_a_login_page(self, client, item):
        assert client.get(_url(item)).status_code == 404

    def test_a_staff_member_outside_customer_service_gets_a_404(self, client, item):
        client.force_login(UserFactory(is_staff=True))
        assert client.get(_url(item)).status_code == 404

    def test_a_picture_is_a_download_too(self, client, agent, shopper):
        from support.forms import checked_upload
        from tests.community.images import picture

        made = ticket(requester=shopper, uploads=[checked_upload(picture())])
        client.force_login(agent)
        response = client.get(_url(made.messages.get().attachments.get()))
        assert response["Content-Type"] == "image/webp"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"


class TestThroughTheSignedLink:
    def test_the_link_lists_the_attachment_and_downloads_it(self, client, made, item):
        # One path: the token holds a timestamp, so two calls a second apart differ.
        path = links.ticket_path(made)
        page = client.get(path).content.decode()
        url = f"{path}bijlage/{item.pk}/"
        assert f'href="{url}"' in page
        _assert_download(client.get(url))

    def test_another_tickets_link_gets_a_404(self, client, item):
        other = ticket(email="iemand@example.nl")
        assert client.get(f"{links.ticket_path(other)}bijlage/{item.pk}/").status_code == 404

    def test_a_tampered_link_gets_a_404(self, client, made, item):
        path = links.ticket_path(made)
        assert client.get(f"{path[:-5]}xyz/bijlage/{item.pk}/").status_code == 404

    def test_an_expired_link_gets_a_404(self, client, settings, made, item):
        url = f"{links.ticket_path(made)}bijlage/{item.pk}/"
        settings.SUPPORT_LINK_MAX_AGE_DAYS = -1
        assert client.get(url).status_code == 404


class TestNotPublicMedia:
    def test_the_file_lives_outside_media_and_no_media_address_serves_it(
            self, client, settings, item):
        assert not item.file.path.startswith(str(settings.MEDIA_ROOT))
        assert client.get(f"{settings.MEDIA_URL}{item.file.name}").status_code == 404

    def test_a_folder_inside_media_root_fails_the_system_check(self, settings, tmp_path):
        settings.MEDIA_ROOT = str(tmp_path)
        settings.SUPPORT_ATTACHMENTS_ROOT = str(tmp_path / "attachments")
        assert [e.id for e in attachments_are_private()] == ["support.E001"]
