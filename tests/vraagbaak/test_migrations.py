"""Every model change comes with its migration: a model edited without one fails here, not on
the first deploy."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as missing:
        pytest.fail(f"makemigrations would create migrations ({missing}):\n{out.getvalue()}")
