"""Following questions, tags and products."""

from django.db import transaction

from ..models import Subscription
from ._common import require_active_member


@transaction.atomic
def follow(*, user, question=None, tag: str = "", product: str = "", on: bool = True) -> bool:
    """Follow (or with on=False, unfollow) exactly one of a question, a tag slug or a product
    slug. Idempotent; returns whether the member follows it afterwards."""
    if not getattr(user, "is_authenticated", False):
        require_active_member(user)
    if question is not None:
        lookup = {"target": Subscription.Target.QUESTION, "question": question}
    elif tag:
        lookup = {"target": Subscription.Target.TAG, "key": tag}
    else:
        lookup = {"target": Subscription.Target.PRODUCT, "key": product}
    if on:
        Subscription.objects.get_or_create(user=user, **lookup)
    else:
        Subscription.objects.filter(user=user, **lookup).delete()
    return on
