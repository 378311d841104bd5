"""The daily job: reverse serial voting and grant last month's top-helper rewards."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from gamification import abuse, rewards


class Command(BaseCommand):
    help = "Detect and reverse serial voting; grant last month's top-helper rewards."

    def handle(self, *args, **options):
        reports = abuse.detect_serial_voting()
        for report in reports:
            self.stdout.write(f"{report.get_kind_display()}: {report.detail}")
        last_month = timezone.localdate().replace(day=1) - timezone.timedelta(days=1)
        codes = rewards.grant_monthly_rewards(month=last_month)
        for code in codes:
            self.stdout.write(f"Reward {code.reward} granted to member {code.granted_to_id}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(reports)} voting reports, {len(codes)} rewards granted.")
        )
