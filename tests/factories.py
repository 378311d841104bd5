"""Factories for the models every app's tests need. App-specific factories live beside
their tests (tests/<app>/factories.py)."""

import factory
import faker
from allauth.account.models import EmailAddress

from community.models import User

PASSWORD = "correct-horse-battery"
_DUTCH_NAMES = faker.Faker("nl_NL")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"shopper{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    # Faker's Dutch names with titles and double surnames can pass the column's 60
    # characters; SQLite would not notice, PostgreSQL refuses the row.
    display_name = factory.LazyFunction(
        lambda: _DUTCH_NAMES.name()[: User._meta.get_field("display_name").max_length]
    )
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        """allauth refuses logins until the address is verified; factories' users are."""
        user.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
