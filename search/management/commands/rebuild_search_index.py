"""Rebuild the whole index into a new folder while the old one keeps serving, swap it in
atomically, then replay the changes made during the build."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from search import indexing, vectors
from search.backends import get_backend
from search.registry import registry


class Command(BaseCommand):
    help = "Rebuild the search index from the database (search keeps working meanwhile)."

    def handle(self, *args, **options):
        started = timezone.now()
        total = sum(t.get_queryset().count() for t in registry)
        backend = get_backend()
        with tqdm(total=total, unit="item", desc="Indexing", disable=options["verbosity"] == 0,
                  file=self.stderr) as progress:
            backend.rebuild(vectors.storing(registry.iter_groups()), progress=progress)
        replayed = indexing.replay_since(started)
        if replayed and not backend.worker_present():
            indexing.drain(blocking=True)
        self.stdout.write(self.style.SUCCESS(
            f"Rebuilt the search index ({total} items); replayed {replayed} changes made meanwhile."
        ))
