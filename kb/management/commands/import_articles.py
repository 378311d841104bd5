"""`manage.py import_articles FILE`: articles from another help desk (see kb/importing.py)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kb import importing


class Command(BaseCommand):
    help = (
        "Import help articles from a CSV or JSON file (external_id, title, body, format, "
        "category, tags, locale). Running it again updates the articles it imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv or .json file")

    def handle(self, *args, file, **options):
        try:
            rows = importing.read_rows(file)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        progress = tqdm(rows, desc="Articles", unit="article", file=self.stderr,
                        disable=options["verbosity"] == 0)
        report = importing.import_rows(progress)
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.failed} failed."
        )
        for line in importing.iter_report_lines(report):
            self.stderr.write(self.style.ERROR(line))
        if report.failed:
            raise CommandError(f"{report.failed} of {len(rows)} rows were not imported.")
