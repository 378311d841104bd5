from django.core.management.base import BaseCommand

from search import consistency, indexing
from search.backends import get_backend


class Command(BaseCommand):
    help = "Report documents missing from or stale in the search index; --repair queues fixes."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true",
                            help="Queue the wrong groups and apply them (unless a worker runs).")

    def handle(self, *args, repair=False, **options):
        report = consistency.compare()
        self.stdout.write(
            f"{report.documents} documents indexable; {len(report.missing)} missing, "
            f"{len(report.stale)} stale, {len(report.orphaned)} orphaned in the index."
        )
        for label, keys in (("missing", report.missing), ("stale", report.stale),
                            ("orphaned", report.orphaned)):
            for key in keys[:50]:
                self.stdout.write(f"  {label}: {key}")
        if report.ok:
            self.stdout.write(self.style.SUCCESS("The index matches the database."))
            return
        if not repair:
            self.stdout.write("Run with --repair to fix.")
            return
        groups = consistency.repair(report)
        if not get_backend().worker_present():
            indexing.drain(blocking=True)
        self.stdout.write(self.style.SUCCESS(f"Repaired {groups} groups."))
