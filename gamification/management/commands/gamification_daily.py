"""The daily job: reverse serial voting and grant last month's top-helper rewards."""

from django.core.management.base import BaseCommand

from gamification.tasks import daily_sweep


class Command(BaseCommand):
    help = "Detect and reverse serial voting; grant last month's top-helper rewards."

    def handle(self, *args, **options):
        reports, codes = daily_sweep()
        for report in reports:
            self.stdout.write(f"{report.get_kind_display()}: {report.detail}")
        for code in codes:
            self.stdout.write(f"Reward {code.reward} granted to member {code.granted_to_id}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(reports)} voting reports, {len(codes)} rewards granted.")
        )
