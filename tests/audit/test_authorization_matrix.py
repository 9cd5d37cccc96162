"""Every admin model, portal page and API endpoint, for every role, against coop/access.py.

The surfaces are found by walking the admin registry, the URL patterns under /portal/ and the
API router; a surface missing from the expected tables fails the test. A refused write must
leave every table as it was.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from coop.access import ANONYMOUS, API_ACCESS, PORTAL_ACCESS, ROLES, admin_actions, roles_markdown
from coop.api_router import router
from coop.roles import ADD, CHANGE, VIEW, Role
from tests.audit import world as w

# Anonymous visitors and members are sent out of the admin (to the login page, or to a refusal).
OUTSIDE = (ANONYMOUS, Role.MEMBER)


def _snapshot() -> dict[str, int]:
    """Return the row count of every domain table, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for app in settings.DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def clients(db) -> dict[str, Client]:
    world = w.seed()
    logins = {
        Role.BOARD: world.board,
        Role.OPERATIONS: world.operations,
        Role.MEMBER: world.member,
        Role.AUDITOR: world.auditor,
    }
    result = {ANONYMOUS: Client()}
    for role, user in logins.items():
        result[role] = Client()
        result[role].force_login(user)
    return result


def test_admin_reads_and_refused_writes_follow_the_role_table(clients):
    domain = [m for m in admin.site._registry if m._meta.app_label in settings.DOMAIN_APPS]
    wrong = []
    for model in domain:
        opts, label = model._meta, model._meta.label
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        first = model._default_manager.order_by("pk").first()
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]) if first else None
        before = _snapshot()
        for role in ROLES:
            actions = admin_actions(role, label)
            # given the role's row in the table, when it opens the changelist
            status = clients[role].get(changelist).status_code
            expected = 302 if role in OUTSIDE else 200 if VIEW in actions else 403
            if status != expected:
                wrong.append(f"{role} GET {label} changelist: {status}, expected {expected}")
            # when a role without the add or change permission posts anyway, then nothing changes
            refused = [(add, ADD)] + ([(change, CHANGE)] if change else [])
            for url, action in refused:
                if action in actions:
                    continue
                status = clients[role].post(url, {"change_reason": "taking over"}).status_code
                if status != (302 if role in OUTSIDE else 403):
                    wrong.append(f"{role} POST {label} {action}: {status}")
        if _snapshot() != before:
            wrong.append(f"a refused POST to {label} changed rows")
    assert not wrong, "\n".join(wrong)


def test_every_api_endpoint_is_in_the_table_and_enforces_it(clients):
    assert {basename for _p, _v, basename in router.registry} == set(API_ACCESS)
    wrong = []
    for _prefix, _viewset, basename in router.registry:
        access, url = API_ACCESS[basename], reverse(f"{basename}-list")
        before = _snapshot()
        for role in ROLES:
            status = clients[role].get(url).status_code
            expected = 200 if role in access.read else 403
            if status != expected:
                wrong.append(f"{role} GET {basename}: {status}, expected {expected}")
            # when the role posts an empty write, then a refusal or a validation error, and no row changes
            status = clients[role].post(url, json.dumps({"reason": "audit"}), content_type="application/json")
            status = status.status_code
            if access.create is None:
                # a read-only endpoint refuses by permission (403) or by method (405)
                expected = {403} if role == ANONYMOUS else {403, 405}
            else:
                expected = {400} if role in access.create else {403}
            if status not in expected:
                wrong.append(f"{role} POST {basename}: {status}, expected {expected}")
        if _snapshot() != before:
            wrong.append(f"a POST without data to {basename} changed rows")
    assert not wrong, "\n".join(wrong)


def _portal_patterns():
    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
            else:
                yield prefix + str(pattern.pattern), f"{namespace}:{pattern.name}"

    return [(route, name) for route, name in walk(get_resolver().url_patterns) if route.startswith("portal/")]


def _sample_kwargs(route: str, name: str, world_objects: dict) -> dict:
    kwargs = {}
    for key in re.findall(r"<\w+:(\w+)>", route):
        kwargs[key] = world_objects[name if key == "pk" else key]
    return kwargs


def test_every_portal_page_is_in_the_table_and_enforces_it(clients):
    from coop.models import GoverningDocument, User
    from finance.models import PayrollLine, Review, ReviewCycle
    from governance.models import Motion, Proxy
    from labor_contracts.models import TimesheetEntry
    from projects.models import Project

    board = User.objects.get(email="president@demo.coop")
    motion = Motion.objects.order_by("pk").first().pk
    project = Project.objects.order_by("pk").first().pk
    samples = {
        "slug": GoverningDocument.objects.order_by("pk").first().slug,
        "number": 1,
        "labor_contracts_portal:timesheet_submit": TimesheetEntry.objects.order_by("pk").first().pk,
        # the Board's own payslip: its owner reads it, everyone else meets a 404
        "finance_portal:payslip": PayrollLine.objects.filter(member=board).order_by("pk").first().pk,
        "finance_portal:dispute": Review.objects.order_by("pk").first().pk,
        "finance_portal:review_write": ReviewCycle.objects.order_by("-pk").first().pk,
        "projects:detail": project,
        "projects:staffing": project,
        "governance:motion": motion,
        "governance:ballot": motion,
        "governance:comment": motion,
        "governance:nominate": motion,
        "governance:results": motion,
        "governance:proxy_revoke": Proxy.objects.order_by("pk").first().pk if Proxy.objects.exists() else 1,
    }
    patterns = _portal_patterns()
    assert {name for _route, name in patterns} == set(PORTAL_ACCESS)
    wrong = []
    for route, name in patterns:
        access = PORTAL_ACCESS[name]
        url = reverse(name, kwargs=_sample_kwargs(route, name, samples))
        for role in ROLES:
            status = clients[role].get(url).status_code
            if role == ANONYMOUS:
                expected = 302
            elif access.action:
                expected = 405
            elif name == "finance_portal:payslip":
                expected = 200 if role == Role.BOARD else 404
            else:
                expected = 200 if role in access.read else access.refused_status
            if status != expected:
                wrong.append(f"{role} GET {name}: {status}, expected {expected}")
        if access.action:
            # when an anonymous visitor posts to an action, then it is sent to log in and nothing changes
            before = _snapshot()
            status = clients[ANONYMOUS].post(url, {"reason": "audit"}).status_code
            if status != 302 or _snapshot() != before:
                wrong.append(f"anonymous POST {name}: {status} or rows changed")
    assert not wrong, "\n".join(wrong)


def test_committed_roles_page_is_generated_from_the_code(tmp_path, db):
    committed = Path(settings.BASE_DIR) / "docs" / "roles.md"
    output = tmp_path / "roles.md"
    call_command("roles_doc", output=str(output), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert output.read_text() == roles_markdown()
    assert committed.read_text() == roles_markdown(), "docs/roles.md is out of date: run manage.py roles_doc"
