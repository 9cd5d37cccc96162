"""What each role may read and change, surface by surface: the table `docs/roles.md` shows.

The admin's part is coop/roles.py's permission table itself. The API's and the portal's parts
are declared here, because their rules live in view code (own rows, members' own requests);
tests/audit/test_authorization_matrix.py proves every line against the running views, and
`manage.py roles_doc` writes the page from these tables, so the page cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings

from .roles import ROLE_MODEL_PERMISSIONS, VIEW, Role

ANONYMOUS = "anonymous"
ROLES: tuple[str, ...] = (ANONYMOUS, Role.MEMBER, Role.OPERATIONS, Role.BOARD, Role.AUDITOR)
LOGGED_IN = frozenset({Role.MEMBER, Role.OPERATIONS, Role.BOARD, Role.AUDITOR})
OFFICERS = frozenset({Role.OPERATIONS, Role.BOARD, Role.AUDITOR})


@dataclass(frozen=True)
class ApiAccess:
    """Who lists an endpoint, and who may create through it (None: the endpoint creates nothing)."""

    read: frozenset = LOGGED_IN
    create: frozenset | None = None
    note: str = ""


OWN = "members see only their own rows"


def by_model_permissions(label: str, note: str = "") -> ApiAccess:
    """Access to an endpoint guarded by the model permissions the roles table grants on `label`."""
    holders = {role: ROLE_MODEL_PERMISSIONS[role].get(label, ()) for role in (Role.OPERATIONS, Role.BOARD)}
    readers = frozenset({role for role, actions in holders.items() if VIEW in actions} | {Role.AUDITOR})
    creators = frozenset(role for role, actions in holders.items() if "add" in actions)
    return ApiAccess(read=readers, create=creators or None, note=note)


# Keyed by the router's basename. Every write also needs a `reason`.
API_ACCESS: dict[str, ApiAccess] = {
    "policy-number": ApiAccess(note="changed only by a General Conference vote"),
    "document": ApiAccess(),
    "document-version": ApiAccess(create=frozenset({Role.BOARD}), note="a proposal; adoption needs a vote"),
    "member": ApiAccess(create=frozenset({Role.BOARD}), note=OWN),
    "share-transaction": ApiAccess(create=frozenset({Role.BOARD}), note=OWN),
    "share-request": ApiAccess(create=LOGGED_IN, note="an owner asks for their own shares; " + OWN),
    "dues-schedule": ApiAccess(create=frozenset({Role.BOARD})),
    "dues-charge": ApiAccess(note=OWN),
    "dues-payment": ApiAccess(create=frozenset({Role.BOARD}), note=OWN),
    "labor-client": ApiAccess(read=OFFICERS, create=frozenset({Role.OPERATIONS})),
    "labor-contract": ApiAccess(create=frozenset({Role.OPERATIONS}), note="members see the contracts they work on"),
    "labor-assignment": ApiAccess(create=LOGGED_IN, note="the service refuses all but Operations; " + OWN),
    "timesheet": ApiAccess(create=LOGGED_IN, note="owners log their own hours; " + OWN),
    "labor-invoice": ApiAccess(read=OFFICERS, create=frozenset({Role.OPERATIONS})),
    "project": ApiAccess(create=frozenset({Role.OPERATIONS})),
    "task": ApiAccess(create=LOGGED_IN, note="the service refuses all but the project's managers"),
    "task-dependency": ApiAccess(create=LOGGED_IN, note="the service refuses all but the project's managers"),
    "time-entry": ApiAccess(create=LOGGED_IN, note="team members log their own hours"),
    "motion": ApiAccess(create=LOGGED_IN, note="any owner proposes; the Board opens and closes"),
    "proxy": ApiAccess(create=LOGGED_IN, note="an owner names their own proxy"),
    "participation": ApiAccess(note="who took part, never how in a secret vote"),
    "officer": ApiAccess(),
    "account": ApiAccess(read=OFFICERS),
    "journal-entry": ApiAccess(read=OFFICERS, create=frozenset({Role.BOARD})),
    "pay-band": ApiAccess(note="changed only by a General Conference vote"),
    "review-cycle": ApiAccess(),
    "review": ApiAccess(create=LOGGED_IN, note="a team member reviews a peer; " + OWN),
    "payroll-run": ApiAccess(read=OFFICERS, create=frozenset({Role.OPERATIONS})),
    "payslip": ApiAccess(note=OWN),
    "member-rate": by_model_permissions("finance.memberrate", "inside the role's pay band"),
    "rate-proposal": by_model_permissions("finance.rateadjustmentproposal", "the Board approves or rejects"),
    "review-dispute": by_model_permissions("finance.reviewdispute", "the Board refers it to mediation"),
    "bonus-award": by_model_permissions("finance.bonusaward", "refused while bonuses are suspended"),
    "surplus-allocation": by_model_permissions(
        "finance.surplusallocation", "the Board proposes; only a General Conference motion adopts"
    ),
    "convener": ApiAccess(note="temporary Board powers until the first Board election is certified"),
    "application": by_model_permissions("founding.application", "the Board's review queue"),
}


@dataclass(frozen=True)
class PortalAccess:
    """Who opens a portal page; an action answers only POST (its rules are in its service)."""

    read: frozenset = LOGGED_IN
    action: bool = False
    note: str = ""
    refused_status: int = 302  # a page for someone else's record answers 404 rather than the login page


# Keyed by "namespace:name". Anonymous visitors are always sent to the login page.
PORTAL_ACCESS: dict[str, PortalAccess] = {
    "portal:home": PortalAccess(),
    "portal:api_token": PortalAccess(),
    "portal:api_token_reset": PortalAccess(action=True),
    "portal:document_list": PortalAccess(),
    "portal:document_detail": PortalAccess(),
    "portal:document_history": PortalAccess(),
    "portal:document_version": PortalAccess(),
    "portal:document_diff": PortalAccess(),
    "portal:document_print": PortalAccess(),
    "membership_portal:overview": PortalAccess(),
    "membership_portal:shares": PortalAccess(read=LOGGED_IN - {Role.AUDITOR}, note="needs a membership"),
    "membership_portal:dues": PortalAccess(read=LOGGED_IN - {Role.AUDITOR}, note="needs a membership"),
    "labor_contracts_portal:overview": PortalAccess(),
    "labor_contracts_portal:timesheets": PortalAccess(),
    "labor_contracts_portal:timesheet_submit": PortalAccess(action=True, note="the owner's own entry"),
    "labor_contracts_portal:pay": PortalAccess(),
    "finance_portal:overview": PortalAccess(),
    "finance_portal:payslip": PortalAccess(read=frozenset(), note="only the person paid (404 for anyone else)"),
    "finance_portal:dispute": PortalAccess(action=True, note="the member reviewed"),
    "projects:list": PortalAccess(),
    "projects:time_log": PortalAccess(),
    "projects:detail": PortalAccess(),
    "projects:staffing": PortalAccess(),
    "governance:index": PortalAccess(),
    "governance:motion": PortalAccess(),
    "governance:ballot": PortalAccess(action=True, note="voters on the frozen roll, or their proxy"),
    "governance:comment": PortalAccess(action=True),
    "governance:nominate": PortalAccess(action=True),
    "governance:results": PortalAccess(),
    "governance:receipts": PortalAccess(),
    "governance:proxies": PortalAccess(),
    "governance:proxy_revoke": PortalAccess(action=True, note="the owner who named the proxy"),
    "portal:my_data": PortalAccess(note="the person's own data, as a download"),
    "portal:cooperative": PortalAccess(note="the startup sequence and the policy numbers in force"),
    "finance_portal:review_write": PortalAccess(
        read=frozenset({Role.MEMBER}),
        note="only the cycle's team (404 for anyone else); the demo member is on it",
        refused_status=404,
    ),
    "founding:overview": PortalAccess(),
    "founding:conference": PortalAccess(note="conveners act; everyone follows the steps"),
    "founding:plan": PortalAccess(note="the Board proposes; everyone reads"),
    "founding:articles": PortalAccess(),
    "founding:incorporation": PortalAccess(note="the Board records it; everyone reads"),
}


def admin_actions(role: str, label: str) -> tuple[str, ...]:
    """Return the actions `role` holds on the model `label` ("app.model") in the admin."""
    if role == Role.AUDITOR:
        return (VIEW,)
    if role in (ANONYMOUS, Role.MEMBER):
        return ()
    return ROLE_MODEL_PERMISSIONS[Role(role)].get(label.lower(), ())


def admin_models() -> list[str]:
    """Return the labels of the domain models, in app order."""
    return [
        model._meta.label
        for app in settings.DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    ]


def _cell(allowed: bool) -> str:
    return "yes" if allowed else "·"


def roles_markdown() -> str:
    """Return docs/roles.md: the three tables, generated from coop/roles.py and this module."""
    from django.contrib import admin

    head = "| | " + " | ".join(str(r) for r in ROLES) + " | note |\n|---|" + "---|" * (len(ROLES) + 1) + "\n"
    lines = [
        "# What each role may do",
        "",
        "Generated by `python manage.py roles_doc` from `coop/roles.py` and `coop/access.py`; do not edit.",
        "`tests/audit/test_authorization_matrix.py` proves every line against the running views.",
        "",
        "## Admin (view / add / change per model)",
        "",
        "Members and anonymous visitors never enter the admin. The Auditor views every model and its history.",
        "",
        head.rstrip("\n"),
    ]
    registered = {model._meta.label for model in admin.site._registry}
    for label in admin_models():
        cells = [", ".join(admin_actions(role, label)) or "·" for role in ROLES]
        note = "" if label in registered else "no admin page"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {note} |")
    lines += ["", "## API (`/api/`): list / create", "", head.rstrip("\n")]
    for basename, access in API_ACCESS.items():
        cells = []
        for role in ROLES:
            read = role in access.read
            create = access.create is not None and role in access.create
            cells.append(f"{_cell(read)} / {_cell(create)}")
        lines.append(f"| {basename} | " + " | ".join(cells) + f" | {access.note} |")
    lines += [
        "",
        "## Portal (`/portal/`)",
        "",
        "An action answers POST only; the service behind it checks who may act.",
        "",
        head.rstrip("\n"),
    ]
    for name, access in PORTAL_ACCESS.items():
        cells = ["action" if access.action and role != ANONYMOUS else _cell(role in access.read) for role in ROLES]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {access.note} |")
    return "\n".join(lines) + "\n"
