"""The door census: every route of the URL resolver and the admin registry, every HTTP method, as
every kind of person, against the rules of coop/access.py.

A route no rule declares fails `test_every_route_has_a_declared_rule`. Each refused write must
leave every table as it was (row counts and highest keys, history tables included), and no door
answers 500 to anyone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.management import call_command
from django.db import connection
from django.db.models import AutoField
from django.test import Client, RequestFactory
from django.urls import reverse

from coop import access
from coop.access import ANONYMOUS, METHODS, PEOPLE, STRANGER, Route
from coop.models import GoverningDocument, PolicyNumber, User
from coop.roles import Role
from tests.audit import world as w

LOGIN_URLS = ("/accounts/login/", "/admin/login/")
REFUSED_BODY = {"reason": "census", "change_reason": "census", "confirm": "yes"}


def _tables() -> list[tuple[str, str]]:
    """Every table a door could write to, with its key column: the domain's, their histories, accounts."""
    models = [m for app in settings.DOMAIN_APPS for m in apps.get_app_config(app).get_models()]
    models += [apps.get_model(label) for label in ("authtoken.Token", "account.EmailAddress", "mfa.Authenticator")]
    models += [User.groups.through]
    # The highest key only where keys grow (secret ballots take random ids): an insert after a delete shows.
    return [(m._meta.db_table, m._meta.pk.column if isinstance(m._meta.pk, AutoField) else None) for m in models]


def _fingerprint(tables) -> tuple:
    """Row count and highest key of every table, in one query: an insert, a delete or (through the
    history) a change anywhere shows."""
    quote = connection.ops.quote_name
    # The names come from the model registry, never from a request.
    parts = [
        f"(SELECT COUNT(*) FROM {quote(t)})" + (f", (SELECT MAX({quote(k)}) FROM {quote(t)})" if k else "")  # noqa: S608
        for t, k in tables
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(str(value) for value in cursor.fetchone())


@dataclass
class Census:
    clients: dict[str, Client]
    samples: dict[str, object]
    tables: list

    def login_again(self):
        for person, client in self.clients.items():
            if person not in (ANONYMOUS,):
                client.force_login(self.samples["users"][person])


@pytest.fixture
def census(db) -> Census:
    world = w.seed()
    stranger = User.objects.create_user(email="stranger@example.org", password="a-long-pass-phrase-123")
    stranger.emailaddress_set.create(email=stranger.email, verified=True, primary=True)
    users = {email: User.objects.get(email=email) for email in PEOPLE if "@" in email} | {STRANGER: stranger}
    clients = {ANONYMOUS: Client()}
    for person, user in users.items():
        clients[person] = Client()
        clients[person].force_login(user)
    return Census(clients=clients, samples={"users": users, "world": world}, tables=_tables())


# --- building an address for every route -----------------------------------------------------------


def _first(model):
    return model._default_manager.order_by("pk").first()


def _portal_samples() -> dict:
    from federation.models import Peer
    from finance.models import PayrollLine, Review, ReviewCycle
    from governance.models import AgendaItem, EncryptedElection, Meeting, MeetingPetition, Motion, Proxy
    from labor_contracts.models import TimesheetEntry
    from projects.models import Project

    member = User.objects.get(email="member@demo.coop")
    return {
        "labor_contracts_portal:timesheet_submit": _first(TimesheetEntry).pk,
        "finance_portal:payslip": PayrollLine.objects.filter(member=member).order_by("pk").first().pk,
        "finance_portal:dispute": _first(Review).pk,
        "finance_portal:review_write": ReviewCycle.objects.order_by("-pk").first().pk,
        "projects:detail": _first(Project).pk,
        "projects:staffing": _first(Project).pk,
        **dict.fromkeys(
            ["governance:motion", "governance:ballot", "governance:comment", "governance:nominate"],
            Motion.objects.filter(status=Motion.Status.OPEN).order_by("pk").first().pk,
        ),
        "governance:results": Motion.objects.exclude(status=Motion.Status.OPEN).order_by("pk").first().pk,
        **dict.fromkeys(
            ["governance:board", "governance:record", "governance:encrypted_ballot", "governance:encryption"],
            _first(EncryptedElection).motion_id,
        ),
        # A trustee's page takes the motion and the trustee's number: the first trustee, a user.
        **{
            name: {"pk": _first(EncryptedElection).motion_id, "index": 1}
            for name in ("governance:trustee", "governance:trustee_file")
        },
        "governance:proxy_revoke": _first(Proxy).pk if Proxy.objects.exists() else 1,
        **dict.fromkeys(
            [
                "governance:meeting",
                "governance:meeting_check_in",
                "governance:meeting_chair",
                "governance:meeting_minutes",
                "governance:meeting_minutes_draft",
                "governance:meeting_minutes_edit",
                "governance:meeting_minutes_propose",
                "governance:meeting_tellers",
            ],
            _first(Meeting).pk,
        ),
        **dict.fromkeys(
            ["governance:motion_paper", "governance:teller_entry"],
            (
                Motion.objects.filter(agenda_items__isnull=False).order_by("pk").first()
                or Motion.objects.order_by("pk").first()
            ).pk,
        ),
        "governance:petition": _first(MeetingPetition).pk if MeetingPetition.objects.exists() else 1,
        "governance:agenda_item_open": _first(AgendaItem).pk,
        "governance:agenda_speaker_add": _first(AgendaItem).pk,
        "alliance:sharing": _first(Peer).pk if Peer.objects.exists() else 1,
    }


def _model_of(route: Route):
    """The model a route's key belongs to: the admin's model, or the API viewset's."""
    found = re.match(r"admin/(\w+)/(\w+)/", route.route)
    if found:
        return apps.get_model(found[1], found[2])
    viewset = getattr(route.pattern.callback, "cls", None)
    queryset = getattr(viewset, "queryset", None)
    if queryset is not None:
        return queryset.model
    serializer = getattr(viewset, "serializer_class", None)
    return serializer.Meta.model if serializer is not None else None


def _value(route: Route, param: str, portal: dict, position: int):
    if route.name in portal:
        sample = portal[route.name]
        return sample[param] if isinstance(sample, dict) else sample
    if param == "slug":
        return _first(GoverningDocument).slug
    if param == "number":
        return 1
    if param == "key":
        return _first(PolicyNumber).key
    if param in ("token", "key", "uidb36"):
        return "not-a-real-token"
    if param == "content_type_id":
        from django.contrib.contenttypes.models import ContentType

        return ContentType.objects.get_for_model(GoverningDocument).pk
    if param == "url":
        return "no/such/page/"
    model = _model_of(route)
    record = _first(model) if model is not None else None
    if record is None:
        return 1
    if position == 1:  # the version of a history page
        return record.history.order_by("-history_date").first().history_id
    return record.pk


def _address(route: Route, portal: dict) -> str:
    """Fill the route's parameters with keys of real rows: path converters, named and plain groups."""
    position = iter(range(10))
    text = route.route

    def fill(match):
        param = match.group("conv_name") or match.group("group_name") or ""
        return str(_value(route, param, portal, next(position) if not param else 0))

    text = re.sub(
        r"<(?:\w+:)?(?P<conv_name>\w+)>|\(\?P<(?P<group_name>\w+)>[^)]*\)|\([^)?]*\)",
        fill,
        text,
    )
    return "/" + text.replace("^", "").replace("$", "").replace("\\", "")


# --- what each answer must be -------------------------------------------------------------------------


def _roles_of(person: str) -> tuple[str, ...]:
    return PEOPLE[person]


def _entry_refusals(surface: str, person: str) -> set[int]:
    """How a surface sends away someone it does not let in."""
    roles = _roles_of(person)
    if surface == "admin":
        # outside the admin: to the login page; logged in without an admin role: told so (403)
        return {403} if set(roles) & {Role.BOARD, Role.OPERATIONS, Role.AUDITOR} else {302, 403}
    if surface == "api":
        return {403}
    if person == ANONYMOUS:
        return {302}
    return {302, 403, 404}


def _check(route: Route, method: str, person: str, response) -> str | None:
    door, roles, status = route.door, _roles_of(person), response.status_code
    if status >= 500:
        return f"{status} (a server error)"
    if door.allows(method, roles):
        if status == 405:
            return "405, but the rule lets this person use the method"
        if status == 403 and not (door.checked_by_service or (door.surface == "portal" and method == "POST")):
            return "403, but the rule lets this person in"
        if status == 302 and response["Location"].startswith(LOGIN_URLS) and not door.sends_to_login:
            return "sent to the login page, but the rule lets this person in"
        return None
    expected = _entry_refusals(door.surface, person)
    if method not in door.methods:
        expected |= {405}
    else:
        if door.checked_by_service and method != "GET":
            expected |= {400} | ({200} if door.surface == "portal" else set())
        if door.own_rows:
            expected |= {404}
    if status not in expected:
        return f"{status}, expected one of {sorted(expected)}"
    if status == 302 and person in (ANONYMOUS, STRANGER) and not response["Location"].startswith(LOGIN_URLS):
        return f"302 to {response['Location']}, not a refusal"
    return None


def _send(client: Client, method: str, url: str, surface: str, body: dict):
    if surface == "api":
        return client.generic(method, url, json.dumps(body), content_type="application/json")
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, body)
    return client.generic(method, url, "")


def _walk(census: Census, surface: str) -> list[str]:
    portal = _portal_samples()
    wrong = []
    for route in access.routes():
        if route.door is None or route.door.surface != surface:
            continue
        url = _address(route, portal)
        for method in METHODS:
            before = _fingerprint(census.tables) if method != "GET" else None
            for person, client in census.clients.items():
                allowed = route.door.allows(method, _roles_of(person))
                # Those the rule lets in send an empty write, refused by its form or serializer, so that
                # the census changes nothing; everyone else sends a well-formed one.
                body = {} if allowed else REFUSED_BODY
                problem = _check(route, method, person, _send(client, method, url, surface, body))
                if problem:
                    wrong.append(f"{method} {url} ({route.name}) as {person}: {problem}")
            if before is not None and _fingerprint(census.tables) != before:
                refused = [p for p in census.clients if not route.door.allows(method, _roles_of(p))]
                if refused == list(census.clients):
                    wrong.append(f"{method} {url} ({route.name}): a refused write changed rows")
            if "logout" in route.name:
                census.login_again()
    return wrong


def test_every_route_has_a_declared_rule(db):
    # given every route of the resolver, when the census looks each up, then every one has a rule
    assert access.undeclared_routes() == []
    named = {r.name for r in access.routes()}
    # and no table declares a route that is gone
    stale = [name for name in [*access.PORTAL_ACCESS, *access.SITE_ACCESS, *access.API_VIEWS] if name not in named]
    stale += [name for name in access.ADMIN_VIEW_ACCESS if name not in named]
    assert stale == []


def test_admin_doors(census):
    wrong = _walk(census, "admin")
    assert not wrong, "\n".join(wrong)


def test_portal_doors(census):
    wrong = _walk(census, "portal")
    assert not wrong, "\n".join(wrong)


def test_api_doors(census):
    wrong = _walk(census, "api")
    assert not wrong, "\n".join(wrong)


def test_public_and_account_doors(census):
    wrong = _walk(census, "site")
    assert not wrong, "\n".join(wrong)


def test_every_admin_action_is_declared_and_refused_to_the_rest(census):
    """Every admin action names the permission it needs; a person without it is not offered it, and
    posting it anyway changes nothing."""
    wrong = []
    factory = RequestFactory()
    for model, model_admin in admin.site._registry.items():
        label, record = model._meta.label, _first(model)
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for action, name, _description in model_admin._get_base_actions():
            needed = set(getattr(action, "allowed_permissions", ()))
            if not needed:
                wrong.append(f"{label}.{name}: declares no permission (offered to every reader)")
                continue
            for person, client in census.clients.items():
                roles = _roles_of(person)
                if any(needed & set(access.admin_actions(role, label)) for role in roles) or person == ANONYMOUS:
                    continue
                request = factory.get(changelist)
                request.user = census.samples["users"][person]
                if name in model_admin.get_actions(request):
                    wrong.append(f"{label}.{name} is offered to {person}")
                if record is None:
                    continue
                before = _fingerprint(census.tables)
                body = {"action": name, helpers.ACTION_CHECKBOX_NAME: [record.pk], **REFUSED_BODY}
                status = client.post(changelist, body).status_code
                if status >= 500:
                    wrong.append(f"{label}.{name} as {person}: {status}")
                if _fingerprint(census.tables) != before:
                    wrong.append(f"{label}.{name} as {person}: a refused action changed rows")
    assert not wrong, "\n".join(wrong)


def test_committed_roles_page_is_generated_from_the_code(tmp_path, db):
    committed = Path(settings.BASE_DIR) / "docs" / "roles.md"
    output = tmp_path / "roles.md"
    call_command("roles_doc", output=str(output), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert output.read_text() == access.roles_markdown()
    assert committed.read_text() == access.roles_markdown(), "docs/roles.md is out of date: run manage.py roles_doc"
