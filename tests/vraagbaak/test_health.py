"""/healthz tells a load balancer whether this instance can reach its database."""

import pytest

from .test_settings import run_manage

PROBE = "from django.test import Client; r = Client().get('/healthz'); print(r.status_code)"


@pytest.mark.django_db
def test_healthy_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_unavailable_when_the_database_cannot_be_reached(tmp_path):
    missing = tmp_path / "no-such-folder" / "db.sqlite3"
    result = run_manage(
        "shell",
        "-c",
        PROBE,
        DJANGO_SETTINGS_MODULE="vraagbaak.settings.test",
        DATABASE_URL=f"sqlite:///{missing}",
    )
    assert result.stdout.strip().splitlines()[-1] == "503", result.stderr
