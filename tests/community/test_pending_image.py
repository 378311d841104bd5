"""A picture chosen on the ask or answer form is not lost when the form comes back with an
error: the re-encoded picture is kept server-side and the form carries a signed token for it,
so the next submit attaches it without choosing the file again."""

import io
import re
from pathlib import Path

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from community import images
from community.models import Answer, PostImage, Question
from tests.factories import UserFactory

from .factories import BODY, ask

pytestmark = pytest.mark.django_db
KEPT = "Je foto blijft bewaard en wordt geplaatst."


def picture(colour=(200, 80, 40)):
    out = io.BytesIO()
    Image.new("RGB", (800, 400), colour).save(out, format="JPEG")
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


def token_in(html: str) -> str:
    match = re.search(r'name="pending_image" value="([^"]+)"', html)
    return match.group(1) if match else ""


def ask_url():
    with translation.override("nl"):
        return reverse("community:ask")


def answer_url(question):
    with translation.override("nl"):
        return reverse("community:answer", args=[question.pk])


QUESTION = {"title": "Deuk in mijn waterkoker bij levering", "tags": "levering"}


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def pending_files(media) -> list[Path]:
    folder = Path(media) / images.PENDING_DIR
    return list(folder.iterdir()) if folder.exists() else []


class TestAskForm:
    def test_the_picture_survives_a_validation_error(self, client, member, _isolated_media):
        first = client.post(ask_url(), {**QUESTION, "body": "", "image": picture()})
        html = first.content.decode()
        assert first.status_code == 200 and not Question.objects.exists()
        assert KEPT in html
        token = token_in(html)
        assert token and len(pending_files(_isolated_media)) == 1

        again = client.post(ask_url(), {**QUESTION, "body": BODY, "pending_image": token})

        assert again.status_code == 302
        stored = PostImage.objects.get(question=Question.objects.get())
        assert stored.image.name.endswith(".webp") and (stored.width, stored.height) == (800, 400)
        assert pending_files(_isolated_media) == []  # the kept copy is gone once posted

    def test_a_new_file_replaces_the_kept_one(self, client, member):
        token = token_in(client.post(
            ask_url(), {**QUESTION, "body": "", "image": picture()}).content.decode())
        client.post(ask_url(), {**QUESTION, "body": BODY, "pending_image": token,
                                "image": picture(colour=(10, 200, 10))})
        stored = PostImage.objects.get()
        with stored.image.open("rb") as file:
            assert Image.open(file).convert("RGB").getpixel((5, 5))[1] > 150

    def test_another_members_token_is_ignored(self, client, member):
        token = token_in(client.post(
            ask_url(), {**QUESTION, "body": "", "image": picture()}).content.decode())
        client.force_login(UserFactory())
        assert client.post(ask_url(), {**QUESTION, "body": BODY,
                                       "pending_image": token}).status_code == 302
        assert Question.objects.exists() and not PostImage.objects.exists()

    # Named ids: the signed token holds a timestamp, and pytest-xdist fails the run when two
    # workers collect a test under different names (the second changed between them).
    @pytest.mark.parametrize("forged", [
        "nonsense",
        signing.dumps({"n": "../../settings.py", "u": 1}, salt="wrong-salt"),
    ], ids=["nonsense", "signed-with-another-salt"])
    def test_a_forged_token_is_ignored(self, client, member, forged):
        response = client.post(ask_url(), {**QUESTION, "body": BODY, "pending_image": forged})
        assert response.status_code == 302 and not PostImage.objects.exists()

    def test_a_signed_path_outside_the_pending_folder_is_refused(self, member):
        token = signing.dumps({"n": "../avatars/x.webp", "u": member.pk},
                              salt=images.PENDING_SALT)
        assert images.pending(token, user_id=member.pk) is None


def test_an_answer_keeps_its_picture_after_an_error(client, member):
    question = ask()
    first = client.post(answer_url(question), {"body": "", "image": picture()})
    html = first.content.decode()
    assert first.status_code == 400 and KEPT in html
    again = client.post(answer_url(question), {"body": "Bel de vervoerder, die helpt je "
                                               "verder met een onderzoek.",
                                               "pending_image": token_in(html)})
    assert again.status_code == 302
    assert PostImage.objects.filter(answer=Answer.objects.get()).exists()


def test_kept_pictures_are_swept_once_their_token_expired(client, member, _isolated_media):
    import os
    import time

    from community import tasks
    from community.tasks import sweep_pending_images

    client.post(ask_url(), {**QUESTION, "body": "", "image": picture()})
    client.post(ask_url(), {**QUESTION, "body": "", "image": picture()})
    old, fresh = pending_files(_isolated_media)
    day_ago = time.time() - images.PENDING_MAX_AGE - 60
    os.utime(old, (day_ago, day_ago))
    assert sweep_pending_images() == 1
    assert pending_files(_isolated_media) == [fresh]
    assert any(func is sweep_pending_images for _name, _every, func in tasks.SCHEDULE)
