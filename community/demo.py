"""Demo members for `manage.py seed_demo`: one of each role and a few shoppers."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import User
from .roles import MODERATORS_GROUP

WAGTAIL_EDITORS_GROUP = "Editors"


@dataclass(frozen=True)
class DemoMember:
    username: str
    display_name: str
    role: str
    password: str
    is_superuser: bool = False
    groups: tuple[str, ...] = ()

    @property
    def email(self) -> str:
        return f"{self.username}@vraagbaak.example"


MEMBERS = [
    DemoMember("admin", "Beheerder", "admin", "vraagbaak-admin", is_superuser=True),
    DemoMember(
        "moderator",
        "Mila de Moderator",
        "moderator",
        "vraagbaak-moderator",
        groups=(MODERATORS_GROUP,),
    ),
    DemoMember(
        "redacteur",
        "Ruben Redacteur",
        "editor",
        "vraagbaak-redacteur",
        groups=(WAGTAIL_EDITORS_GROUP,),
    ),
    DemoMember("sanne", "Sanne de Vries", "shopper", "vraagbaak-shopper"),
    DemoMember("bram", "Bram Jansen", "shopper", "vraagbaak-shopper"),
    DemoMember("fatima", "Fatima El Amrani", "shopper", "vraagbaak-shopper"),
    DemoMember("joost", "Joost Bakker", "shopper", "vraagbaak-shopper"),
]


def seed_members() -> list[DemoMember]:
    """Create the demo members that are missing, each with a verified e-mail address.

    Existing members are left as they are (their passwords too), so running it twice is safe.
    """
    for member in MEMBERS:
        user, created = User.objects.get_or_create(
            username=member.username,
            defaults={
                "email": member.email,
                "display_name": member.display_name,
                "is_staff": member.is_superuser or member.role == "editor",
                "is_superuser": member.is_superuser,
            },
        )
        if created:
            user.set_password(member.password)
            user.save(update_fields=["password"])
        for name in member.groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return MEMBERS


# (order, label, step) for `manage.py seed_demo`; lower orders run first.
STEPS = [(10, "members", seed_members)]
