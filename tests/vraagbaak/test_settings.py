"""Configuration: environment variables with embedded defaults; production is locked down."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.db.backends.sqlite3.base import DatabaseWrapper

from vraagbaak.settings.base import BASE_DIR, _database


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh interpreter with exactly these settings variables."""
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**extra: str) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "vraagbaak.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "vraagbaak.example",
        **extra,
    }


class TestProductionSettings:
    def test_deploy_check_passes_without_warnings(self):
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout

    def test_refuses_to_start_without_a_secret_key(self):
        env = production_env()
        del env["SECRET_KEY"]
        result = run_manage("check", **env)
        assert result.returncode != 0
        assert "Set SECRET_KEY" in result.stderr

    def test_refuses_to_start_without_allowed_hosts(self):
        env = production_env()
        del env["ALLOWED_HOSTS"]
        result = run_manage("check", **env)
        assert result.returncode != 0
        assert "Set ALLOWED_HOSTS" in result.stderr


class TestDatabaseDefaults:
    def test_default_is_a_sqlite_file_under_var(self):
        config = _database(None)
        assert config["ENGINE"] == "django.db.backends.sqlite3"
        assert Path(config["NAME"]).parent.name == "var"

    def test_sqlite_runs_in_wal_mode_with_immediate_transactions(self, tmp_path, django_db_blocker):
        config = _database(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
        assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert config["OPTIONS"]["timeout"] >= 5
        wrapper = DatabaseWrapper(
            {**config, "TIME_ZONE": None, "TEST": {}, "AUTOCOMMIT": True}, alias="wal-probe"
        )
        try:
            with django_db_blocker.unblock(), wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
        finally:
            wrapper.close()

    def test_database_url_selects_postgresql(self):
        config = _database("postgres://postgres@127.0.0.1:5432/vraagbaak")
        assert config["ENGINE"] == "django.db.backends.postgresql"
        assert config["NAME"] == "vraagbaak"
