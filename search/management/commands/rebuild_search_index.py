"""Rebuild the whole index into a new folder while the old one keeps serving, swap it in
atomically, then replay the changes made during the build."""

import os

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from search import indexing, vectors
from search.backends import get_backend
from search.registry import registry

# Below this many items starting worker processes costs more than it saves.
PARALLEL_FROM = 2000


class Command(BaseCommand):
    help = "Rebuild the search index from the database (search keeps working meanwhile)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--processes", type=int, default=0,
            help=f"Processes that analyse documents (Whoosh); default: one per core from "
                 f"{PARALLEL_FROM} items, else one.")

    def handle(self, *args, processes=0, **options):
        started = timezone.now()
        total = sum(t.get_queryset().count() for t in registry)
        if processes < 1:
            processes = (os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
        backend = get_backend()
        with tqdm(total=total, unit="item", desc="Indexing", disable=options["verbosity"] == 0,
                  file=self.stderr) as progress:
            backend.rebuild(vectors.storing(registry.iter_groups()), progress=progress,
                            procs=processes)
        replayed = indexing.replay_since(started)
        if replayed and not backend.worker_present():
            indexing.drain(blocking=True)
        self.stdout.write(self.style.SUCCESS(
            f"Rebuilt the search index ({total} items); replayed {replayed} changes made meanwhile."
        ))
