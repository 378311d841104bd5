"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS

DEBUG = True
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
