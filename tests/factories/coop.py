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
        user = services.account_create(password=password, verified=verified, actor=None, reason="test setup", **kwargs)
        for role in roles:
            services.role_grant(user=user, role=Role(role), actor=None, reason="test setup")
        return user


def role_officer(role: Role = Role.BOARD) -> User:
    """Return the test officer holding `role` (one per role and database), who acts in factories
    where a person of that role would: services check who acts."""
    email = f"{role.value.lower()}-officer@example.coop"
    return User.objects.filter(email=email).first() or UserFactory(
        email=email, first_name=role.value, last_name="Officer", roles=[role]
    )


def cooperative_create(**overrides) -> Cooperative:
    fields = {"name": "Test Cooperative", "jurisdiction": "Oregon, USA", "unit": Cooperative.Unit.POINTS}
    fields.update(overrides)
    return services.cooperative_create(actor=None, reason="test setup", **fields)


def document_create(slug: str = "house-rules", title: str = "House rules", text: str | None = None, **overrides):
    """Create a policy document; with `text`, also its version 1, adopted."""
    from coop.models import GoverningDocument

    fields = {"kind": GoverningDocument.Kind.POLICY, "adoption_threshold": GoverningDocument.Threshold.MAJORITY}
    fields.update(overrides)
    document = services.document_create(slug=slug, title=title, actor=None, reason="test setup", **fields)
    if text is not None:
        version = version_propose(document, text)
        services.document_version_adopt(version=version, basis="Motion #1", actor=None, reason="test setup")
    return document


def version_propose(document, text: str, summary: str = "A change", actor=None):
    return services.document_version_propose(
        document=document, text=text, summary=summary, actor=actor, reason="test setup"
    )


def version_adopt(version, basis: str = "Motion #2"):
    return services.document_version_adopt(version=version, basis=basis, actor=None, reason="test setup")
