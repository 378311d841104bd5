"""One result per form, however often it is submitted. Imports nothing of ours but the model.

A form carries a random token (`new_token()`, a hidden field). The write service calls
`claim(scope, token)` inside its transaction before it creates anything:

- the first submission inserts the (scope, token) row and gets None: go on, then `settle()`
  the row with the id of what was created;
- any later or concurrent submission finds the row (on PostgreSQL its insert waits for the
  first transaction and then hits the unique constraint; SQLite writers queue) and gets the id
  of the first submission's result, to show instead of creating a second one.

The row commits with the result or not at all, so a submission refused by validation leaves
the token free for the corrected form.
"""

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import SubmittedForm

KEEP = timedelta(days=2)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def claim(*, scope: str, token: str) -> int | None:
    """None when this submission is the first with `token`; else the earlier result's id."""
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(scope=scope, token=token)
    except IntegrityError:
        return (
            SubmittedForm.objects.filter(scope=scope, token=token)
            .values_list("object_id", flat=True)
            .first()
        )
    return None


def settle(*, scope: str, token: str, object_id: int) -> None:
    SubmittedForm.objects.filter(scope=scope, token=token).update(object_id=object_id)


def forget_old() -> int:
    """Drop tokens older than KEEP (a form is not resubmitted days later); for the scheduler."""
    deleted, _ = SubmittedForm.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return deleted
