"""Factories for the core app. They build state through the services, as the platform does."""

import factory

from coop import services
from coop.models import Cooperative, User
from coop.roles import Role

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.coop")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")

    @classmethod
    def _create(cls, model_class, *args, roles=(), verified=True, password=PASSWORD, **kwargs):
        user = services.account_create(
            password=password, verified=verified, actor=None, reason="test setup", **kwargs
        )
        for role in roles:
            services.role_grant(user=user, role=Role(role), actor=None, reason="test setup")
        return user


def cooperative_create(**overrides) -> Cooperative:
    fields = {"name": "Test Cooperative", "jurisdiction": "Oregon, USA", "unit": Cooperative.Unit.POINTS}
    fields.update(overrides)
    return services.cooperative_create(actor=None, reason="test setup", **fields)
