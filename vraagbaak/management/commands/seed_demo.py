from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from community.demo import MEMBERS


def demo_steps():
    """Every app's `demo.STEPS`, [(order, label, callable)], sorted by order so that members
    and pages exist before the content that refers to them. Each step is idempotent."""
    steps = []
    for config in apps.get_app_configs():
        if find_spec(f"{config.name}.demo") is not None:
            steps.extend(import_module(f"{config.name}.demo").STEPS)
    return sorted(steps, key=lambda step: step[0])


class Command(BaseCommand):
    help = "Create demo members and content. Safe to run again: what exists is kept."

    def handle(self, *args, **options):
        with tqdm(demo_steps(), desc="Demo content", unit="step", file=self.stderr) as steps:
            for _order, label, step in steps:
                steps.set_postfix_str(label)
                with transaction.atomic():
                    step()
        self._print_logins()

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS("Demo logins (e-mail or username / password):"))
        for member in MEMBERS:
            self.stdout.write(f"  {member.role:<10} {member.email:<32} {member.password}")
        self.stdout.write("Back office: http://127.0.0.1:8000/admin/")
