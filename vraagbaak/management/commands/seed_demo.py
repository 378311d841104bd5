from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from tqdm import tqdm

from community.demo import MEMBERS


def demo_modules():
    return [import_module(f"{config.name}.demo") for config in apps.get_app_configs()
            if find_spec(f"{config.name}.demo") is not None]


def demo_steps():
    """Every app's `demo.STEPS`, [(order, label, callable)], sorted by order so that members
    and pages exist before the content that refers to them. Each step is idempotent."""
    steps = [step for module in demo_modules() for step in module.STEPS]
    return sorted(steps, key=lambda step: step[0])


class Command(BaseCommand):
    help = "Create demo members and content. Safe to run again: what exists is kept."

    def handle(self, *args, **options):
        # The demo tickets and questions send their mails as real ones do; to demo addresses
        # nobody reads, and on the console backend they would bury the logins printed below.
        with (override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
              tqdm(demo_steps(), desc="Demo content", unit="step", file=self.stderr) as steps):
            for _order, label, step in steps:
                steps.set_postfix_str(label)
                with transaction.atomic():
                    step()
        self._print_logins()

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS("Demo logins (e-mail or username / password):"))
        for member in MEMBERS:
            self.stdout.write(f"  {member.role:<10} {member.email:<32} {member.password}")
        # Apps with logins of their own (support's desk) list them as LOGINS.
        for module in demo_modules():
            for role, email, password in getattr(module, "LOGINS", []):
                self.stdout.write(f"  {role:<10} {email:<32} {password}")
        self.stdout.write("Back office: http://127.0.0.1:8000/admin/")
