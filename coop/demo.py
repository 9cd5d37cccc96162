"""The demo cooperative's core: the cooperative, its people and their roles.

Idempotent: every record is found by its natural key before it is created, so running the
seed twice duplicates nothing. Domain apps add their own demo data in `<app>/demo.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import demo_documents, services
from .models import Cooperative, User
from .roles import Role

# Every label below is written in the language the seed runs in (`seed_demo --language`).
REASON = gettext_lazy("Demo cooperative")


@dataclass(frozen=True)
class DemoPerson:
    email: str
    first_name: str
    last_name: str
    roles: tuple[Role, ...] = (Role.MEMBER,)


# The four logins the README names, then the officers and the rest of the membership.
PEOPLE: list[DemoPerson] = [
    DemoPerson("president@demo.coop", "Rosa", "Alvarez", (Role.BOARD, Role.MEMBER)),
    DemoPerson("ceo@demo.coop", "Kwame", "Mensah", (Role.OPERATIONS, Role.MEMBER)),
    DemoPerson("member@demo.coop", "Mei", "Tanaka", (Role.MEMBER,)),
    DemoPerson("auditor@demo.coop", "Ingrid", "Larsen", (Role.AUDITOR,)),
    DemoPerson("secretary@demo.coop", "Samuel", "Okafor", (Role.BOARD, Role.MEMBER)),
    DemoPerson("treasurer@demo.coop", "Aisha", "Rahman", (Role.BOARD, Role.MEMBER)),
    DemoPerson("director@demo.coop", "Tomas", "Novak", (Role.BOARD, Role.MEMBER)),
    DemoPerson("manager@demo.coop", "Lucia", "Ferreira", (Role.OPERATIONS, Role.MEMBER)),
] + [
    DemoPerson(f"{first.lower()}.{last.lower()}@demo.coop", first, last)
    for first, last in [
        ("Amara", "Diallo"),
        ("Ben", "Carter"),
        ("Chen", "Wei"),
        ("Dana", "Kowalski"),
        ("Elif", "Yilmaz"),
        ("Felix", "Schmidt"),
        ("Grace", "Owusu"),
        ("Hugo", "Martin"),
        ("Ines", "Costa"),
        ("Jonas", "Berg"),
        ("Kiri", "Walker"),
        ("Leila", "Haddad"),
        ("Marco", "Rossi"),
        ("Nadia", "Petrova"),
        ("Omar", "Farouk"),
        ("Priya", "Nair"),
        ("Quinn", "Murphy"),
        ("Ravi", "Shah"),
        ("Sofia", "Lindqvist"),
        ("Tariq", "Aziz"),
        ("Uma", "Patel"),
        ("Victor", "Dubois"),
    ]
]


@dataclass
class DemoContext:
    """What the core seed made, handed to each domain app's seed."""

    cooperative: Cooperative
    users: dict[str, User] = field(default_factory=dict)
    actor: User | None = None
    # The language the demo's labels are written in: the active language while the seed runs.
    language: str = settings.LANGUAGE_CODE


def seed(password: str, language: str | None = None) -> DemoContext:
    """Seed the core in `language` (the active language when None). The caller runs the whole seed
    under `translation.override(language)`, so every label the apps write is in that language."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    cooperative = Cooperative.objects.first() or services.cooperative_create(
        actor=None,
        reason=str(REASON),
        name=_("Demo Builders Cooperative"),
        mission=_("We design and build sustainable homes, owned and governed by the people who build them."),
        jurisdiction=_("Oregon, USA"),
        unit=Cooperative.Unit.POINTS,
        default_language=language,
    )
    services.policy_numbers_initialize(actor=None, reason=str(REASON))
    users = {}
    for person in PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = services.account_create(
                email=person.email,
                password=password,
                first_name=person.first_name,
                last_name=person.last_name,
                verified=True,
                actor=None,
                reason=str(REASON),
            )
        held = set(user.groups.values_list("name", flat=True))
        for role in person.roles:
            if role.value not in held:
                services.role_grant(user=user, role=role, actor=None, reason=str(REASON))
        users[person.email] = user
    assert Group.objects.filter(name__in=[r.value for r in Role]).count() == len(Role)
    context = DemoContext(cooperative=cooperative, users=users, actor=users["president@demo.coop"], language=language)
    demo_documents.seed(context)
    return context
