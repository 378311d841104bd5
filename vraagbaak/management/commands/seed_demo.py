from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from community.demo import MEMBERS, seed_members
from kb.demo import seed_home_pages

# Each app contributes its own steps, in dependency order; every step is idempotent.
STEPS = [
    ("members", seed_members),
    ("help centre", seed_home_pages),
]


class Command(BaseCommand):
    help = "Create demo members and content. Safe to run again: what exists is kept."

    def handle(self, *args, **options):
        with tqdm(STEPS, desc="Demo content", unit="step", file=self.stderr) as steps:
            for label, step in steps:
                steps.set_postfix_str(label)
                with transaction.atomic():
                    step()
        self._print_logins()

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS("Demo logins (e-mail or username / password):"))
        for member in MEMBERS:
            self.stdout.write(f"  {member.role:<10} {member.email:<32} {member.password}")
        self.stdout.write("Back office: http://127.0.0.1:8000/admin/")
