"""Pictures on posts: decoded and re-encoded like avatars, at most 1200 px wide, counted
against new-account limits."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import PostImage, Question
from tests.factories import PASSWORD, UserFactory

from .factories import BODY

pytestmark = pytest.mark.django_db


def picture(width=3000, height=1500, fmt="JPEG"):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 40)).save(out, format=fmt)
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


def test_question_picture_is_stored_as_webp_at_most_1200_wide(client):
    user = UserFactory()
    client.login(username=user.username, password=PASSWORD)
    response = client.post(
        "/nl/vragen/stellen/",
        {
            "title": "Deuk in mijn waterkoker bij levering",
            "body": BODY,
            "tags": "levering",
            "image": picture(),
        },
    )
    assert response.status_code == 302
    stored = PostImage.objects.get(question=Question.objects.get())
    assert stored.image.name.endswith(".webp") and (stored.width, stored.height) == (1200, 600)
    text = client.get(response["Location"]).content.decode()
    assert f'src="{stored.image.url}" width="1200" height="600"' in text


def test_a_file_that_is_not_a_picture_keeps_the_form(client):
    user = UserFactory()
    client.login(username=user.username, password=PASSWORD)
    fake = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff" + b"nep" * 100, content_type="image/jpeg")
    response = client.post(
        "/nl/vragen/stellen/",
        {
            "title": "Deuk in mijn waterkoker bij levering",
            "body": BODY,
            "image": fake,
        },
    )
    text = response.content.decode()
    assert response.status_code == 200 and "geen afbeelding die we kunnen lezen" in text
    assert "Deuk in mijn waterkoker" in text and not Question.objects.exists()


def test_new_accounts_may_attach_one_picture_per_post():
    from django.core.exceptions import ValidationError

    from community import images

    from .factories import ask

    two = [images.post_image(picture(400, 300)), images.post_image(picture(400, 300))]
    with pytest.raises(ValidationError):
        ask(images=two)
