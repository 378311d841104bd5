"""Every user-facing string ships in Dutch: no Dutch catalogue has untranslated or fuzzy entries."""

import subprocess
from pathlib import Path

import pytest

from vraagbaak.settings.base import BASE_DIR

CATALOGUES = sorted(
    p for p in BASE_DIR.glob("**/locale/nl/LC_MESSAGES/*.po") if ".venv" not in p.parts
)


def test_there_is_a_dutch_catalogue():
    assert BASE_DIR / "locale/nl/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_dutch_catalogue_is_complete(catalogue: Path):
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    )
    stats = result.stderr.strip()
    assert "untranslated" not in stats and "fuzzy" not in stats, stats
