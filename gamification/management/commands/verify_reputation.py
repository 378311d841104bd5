"""Check that every member's cached total equals their ledger, and repair it if not."""

from django.core.management.base import BaseCommand
from django.db.models import Q

from gamification import services
from gamification.models import Reputation, ReputationEvent


class Command(BaseCommand):
    help = "Re-derive every member's reputation from the ledger; repair and report differences."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only report; change nothing.")

    def handle(self, *args, check: bool = False, **options):
        user_ids = set(Reputation.objects.values_list("user_id", flat=True))
        user_ids |= set(
            ReputationEvent.objects.filter(~Q(user_id__in=user_ids))
            .values_list("user_id", flat=True)
            .distinct()
        )
        wrong = 0
        for user_id in sorted(user_ids):
            stored, true, fixed_events = services.replay_user(user_id, repair=not check)
            if stored != true or fixed_events:
                wrong += 1
                verb = "would fix" if check else "fixed"
                self.stdout.write(
                    f"member {user_id}: total {stored} -> {true}, {verb} {fixed_events} events"
                )
        summary = f"{len(user_ids)} members checked, {wrong} {'wrong' if check else 'repaired'}."
        self.stdout.write(self.style.SUCCESS(summary) if not wrong else summary)
        if check and wrong:
            raise SystemExit(1)
