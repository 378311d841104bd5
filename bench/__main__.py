"""`make bench`: run every benchmark module in bench/ and print its figures."""

import importlib
import os
import pkgutil
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vraagbaak.settings.test")


def main() -> int:
    import django

    django.setup()
    import bench

    names = [m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")]
    only = set(sys.argv[1:])
    for name in sorted(names):
        if only and name not in only:
            continue
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"bench.{name}").run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
