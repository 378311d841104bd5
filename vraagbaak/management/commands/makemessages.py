"""`manage.py makemessages` that keeps every string in its owner's catalogue.

Each app with a `locale/` folder owns the strings of its Python code and of `templates/<app>/`
(reached through a temporary `_templates` link inside the app); `locale/` at the top owns the
rest (the layout, error pages, `vraagbaak/`). Django's own command, run once from the top,
would pull every template into `locale/` and, with --no-obsolete, drop the apps' template
entries; run from inside an app it also rewrites LOCALE_PATHS' catalogue without translations.
`--plain` gives Django's behaviour unchanged.
"""

import os
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages
from django.test.utils import override_settings

NEVER_SCANNED = [".venv/*", "var/*", "node_modules/*", "staticfiles/*", "media/*", "tests/*"]


class Command(makemessages.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--plain", action="store_true",
                            help="Django's makemessages, without routing strings per app.")

    def handle(self, *args, **options):
        if options.pop("plain"):
            return super().handle(*args, **options)
        root = Path(settings.BASE_DIR)
        apps = sorted(path.parent.name for path in root.glob("*/locale")
                      if (path.parent / "apps.py").exists())
        base_ignores = list(options["ignore_patterns"]) + NEVER_SCANNED
        for app in apps:
            # No LOCALE_PATHS inside an app: its own locale/ is the only catalogue written.
            with (_inside(root / app, templates=root / "templates" / app),
                  override_settings(LOCALE_PATHS=[])):
                super().handle(*args, **{**options, "symlinks": True,
                                         "ignore_patterns": [*base_ignores, "locale/*"]})
        owned = [pattern for app in apps for pattern in (f"{app}/*", f"templates/{app}/*")]
        with _inside(root):
            super().handle(*args, **{**options, "ignore_patterns": [*base_ignores, *owned]})


@contextmanager
def _inside(folder: Path, *, templates: Path | None = None):
    """Run in `folder`; link `templates` in as `_templates` meanwhile, if it exists."""
    previous = os.getcwd()
    link = folder / "_templates"
    os.chdir(folder)
    try:
        if templates is not None and templates.is_dir() and not link.exists():
            link.symlink_to(os.path.relpath(templates, folder))
        yield
    finally:
        if link.is_symlink():
            link.unlink()
        os.chdir(previous)
