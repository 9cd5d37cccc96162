"""Every door of the platform and who may use it: the census `docs/roles.md` shows.

A door is one route of the URL resolver (an admin page, a portal page, an API endpoint, a public or
account page) with one HTTP method. `doors()` walks the resolver and the admin registry and gives
each route its rule, method by method: the admin's part comes from coop/roles.py's permission table,
the rest is declared in the tables below. A route that no table declares is reported by
`undeclared_routes()`, and tests/audit/test_door_census.py fails on it, so a door added later cannot
open unnoticed. The same test proves every rule against the running views as every kind of person,
and `manage.py roles_doc` writes the page from here, so the page cannot drift from the code.

Rules about *which* record (one's own hours, the Secretary certifying) live in the services; a
door marked `checked_by_service` refuses those who pass its role check but not the service's, with
403 once their input is well-formed (400 while it is not).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver

from .admin_mixins import ReadOnlyAdminMixin
from .roles import ADD, CHANGE, DELETE, ROLE_MODEL_PERMISSIONS, VIEW, Role

ANONYMOUS = "anonymous"
STRANGER = "stranger"  # logged in, but no member and no office: someone who signed up, an applicant
# The columns of docs/roles.md: who a person can be, as far as a door can tell.
ROLES: tuple[str, ...] = (ANONYMOUS, STRANGER, Role.MEMBER, Role.OPERATIONS, Role.BOARD, Role.AUDITOR)
INSIDERS = frozenset({Role.MEMBER, Role.OPERATIONS, Role.BOARD, Role.AUDITOR})
LOGGED_IN = frozenset({STRANGER, *INSIDERS})
EVERYONE = frozenset(ROLES)
OFFICERS = frozenset({Role.OPERATIONS, Role.BOARD, Role.AUDITOR})
BOARD = frozenset({Role.BOARD})
OPERATIONS = frozenset({Role.OPERATIONS})
NOBODY: frozenset = frozenset()

# The people the census logs in as: every office of the demo cooperative, and the roles each holds.
PEOPLE: dict[str, tuple[str, ...]] = {
    "anonymous": (ANONYMOUS,),
    "stranger": (STRANGER,),
    "member@demo.coop": (Role.MEMBER,),
    "president@demo.coop": (Role.BOARD, Role.MEMBER),
    "secretary@demo.coop": (Role.BOARD, Role.MEMBER),
    "treasurer@demo.coop": (Role.BOARD, Role.MEMBER),
    "director@demo.coop": (Role.BOARD, Role.MEMBER),
    "ceo@demo.coop": (Role.OPERATIONS, Role.MEMBER),
    "manager@demo.coop": (Role.OPERATIONS, Role.MEMBER),
    "auditor@demo.coop": (Role.AUDITOR,),
}

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Pages for people take GET and POST only (a form cannot send more): coop.middleware answers 405 to
# the other methods everywhere outside the API, before any view runs.
PAGE_METHODS = ("GET", "POST")


@dataclass(frozen=True)
class Door:
    """One route's rule: who may use each method. A method absent from `methods` answers 405."""

    surface: str  # "admin", "portal", "api" or "site"
    methods: dict[str, frozenset]
    note: str = ""
    checked_by_service: bool = False
    own_rows: bool = False  # readers see their own rows only: someone else's answers 404
    sends_to_login: bool = False  # the door's answer is the login page (the admin's login, logout)

    def allows(self, method: str, roles) -> bool:
        return any(role in self.methods.get(method, NOBODY) for role in roles)


# ---------------------------------------------------------------------------------------------
# The API (/api/): the router's endpoints by basename, and the views beside it by name.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiAccess:
    """Who lists and reads an endpoint, who creates through it (POST on the list), who changes a row
    (PUT/PATCH), and who may call each extra action (by the action's name)."""

    read: frozenset = INSIDERS
    create: frozenset = NOBODY
    change: frozenset = NOBODY
    actions: dict[str, frozenset] = field(default_factory=dict)
    note: str = ""
    checked_by_service: bool = False
    own_rows: bool = False


OWN = "members see only their own rows"


def by_model_permissions(label: str, note: str = "", **extra) -> ApiAccess:
    """Access to an endpoint guarded by the model permissions the roles table grants on `label`."""
    holders = {role: ROLE_MODEL_PERMISSIONS[role].get(label, ()) for role in (Role.OPERATIONS, Role.BOARD)}
    readers = frozenset({role for role, actions in holders.items() if VIEW in actions} | {Role.AUDITOR})
    creators = frozenset(role for role, actions in holders.items() if ADD in actions)
    return ApiAccess(read=readers, create=creators, note=note, **extra)


# Keyed by the router's basename. Every write also needs a `reason`.
API_ACCESS: dict[str, ApiAccess] = {
    "policy-number": ApiAccess(note="changed only by a General Conference vote"),
    "document": ApiAccess(actions={"diff": INSIDERS}),
    "document-version": ApiAccess(create=BOARD, note="a proposal; adoption needs a vote"),
    "member": ApiAccess(
        create=BOARD,
        actions={
            "admit": BOARD,
            "promote": BOARD,
            "suspend": BOARD,
            "reinstate": BOARD,
            "depart": BOARD,
            "voting_weight": INSIDERS,
        },
        note=OWN,
        own_rows=True,
    ),
    "share-transaction": ApiAccess(create=BOARD, note=OWN, own_rows=True),
    "share-request": ApiAccess(
        create=INSIDERS - {Role.AUDITOR},
        actions={"approve": BOARD, "reject": BOARD},
        note="an owner asks for their own shares; " + OWN,
        checked_by_service=True,
        own_rows=True,
    ),
    "dues-schedule": ApiAccess(create=BOARD),
    "dues-charge": ApiAccess(note=OWN, own_rows=True),
    "dues-payment": ApiAccess(create=BOARD, note=OWN, own_rows=True),
    "labor-client": ApiAccess(read=OFFICERS, create=OPERATIONS, change=OPERATIONS),
    "labor-contract": ApiAccess(
        create=OPERATIONS,
        change=OPERATIONS,
        actions={
            "negotiate": OPERATIONS,
            "approve": BOARD,
            "activate": OPERATIONS,
            "complete": OPERATIONS,
            "terminate": OPERATIONS,
            "reopen": OPERATIONS,
        },
        note="members see the contracts they work on; the service checks who moves a contract",
        checked_by_service=True,
        own_rows=True,
    ),
    "labor-assignment": ApiAccess(
        create=OPERATIONS, actions={"end": OPERATIONS}, note=OWN, checked_by_service=True, own_rows=True
    ),
    "timesheet": ApiAccess(
        create=INSIDERS - {Role.AUDITOR},
        actions={"submit": INSIDERS - {Role.AUDITOR}, "approve": OPERATIONS, "return_to_owner": OPERATIONS},
        note="owners log and submit their own hours; " + OWN,
        checked_by_service=True,
        own_rows=True,
    ),
    "labor-invoice": ApiAccess(
        read=OFFICERS, create=OPERATIONS, actions={"payments": OPERATIONS}, checked_by_service=True
    ),
    "project": ApiAccess(
        create=OPERATIONS,
        change=OPERATIONS,
        actions={"gantt": INSIDERS, "critical_path": INSIDERS},
        note="Operations and the project's managers change a plan",
        checked_by_service=True,
    ),
    "task": ApiAccess(
        create=INSIDERS - {Role.AUDITOR},
        change=INSIDERS - {Role.AUDITOR},
        note="the service refuses all but Operations and the project's managers",
        checked_by_service=True,
    ),
    "task-dependency": ApiAccess(
        create=INSIDERS - {Role.AUDITOR},
        note="the service refuses all but Operations and the project's managers",
        checked_by_service=True,
    ),
    "time-entry": ApiAccess(
        create=INSIDERS - {Role.AUDITOR}, note="team members log their own hours", checked_by_service=True
    ),
    "motion": ApiAccess(
        create=INSIDERS - {Role.AUDITOR},
        actions={
            "open": BOARD,
            "close": BOARD,
            "certify": BOARD,
            "ballots": INSIDERS,
            "result": INSIDERS,
        },
        note="any owner proposes; the Board opens and closes; the Secretary certifies; voters on the frozen roll "
        "cast; ballots and results are published after the close",
        checked_by_service=True,
    ),
    "proxy": ApiAccess(
        create=INSIDERS - {Role.AUDITOR},
        actions={"revoke": INSIDERS - {Role.AUDITOR}},
        note="an owner names and revokes their own proxy",
        checked_by_service=True,
        own_rows=True,
    ),
    "participation": ApiAccess(note="who took part, never how in a secret vote"),
    "officer": ApiAccess(),
    "meeting": ApiAccess(
        actions={"check_in": INSIDERS - {Role.AUDITOR}},
        note="those on the meeting's roll check themselves in, while it is in session",
        checked_by_service=True,
    ),
    "account": ApiAccess(read=OFFICERS),
    "journal-entry": ApiAccess(read=OFFICERS, create=BOARD, actions={"reverse": BOARD}),
    "pay-band": ApiAccess(note="changed only by a General Conference vote"),
    "review-cycle": ApiAccess(),
    "review": ApiAccess(
        create=INSIDERS - {Role.AUDITOR},
        note="a team member reviews a peer; " + OWN,
        checked_by_service=True,
        own_rows=True,
    ),
    "payroll-run": ApiAccess(
        read=OFFICERS,
        create=OPERATIONS,
        actions={"review": OPERATIONS, "approve": BOARD, "post_to_ledger": OPERATIONS},
        checked_by_service=True,
    ),
    "payslip": ApiAccess(note=OWN, own_rows=True),
    "member-rate": by_model_permissions(
        "finance.memberrate", "inside the role's pay band; nobody sets their own", checked_by_service=True
    ),
    "rate-proposal": by_model_permissions(
        "finance.rateadjustmentproposal",
        "the Board approves or rejects, never its own",
        actions={"approve": BOARD, "reject": BOARD},
        checked_by_service=True,
    ),
    "review-dispute": by_model_permissions(
        "finance.reviewdispute", "the Board refers it to mediation", actions={"refer": BOARD}
    ),
    "bonus-award": by_model_permissions(
        "finance.bonusaward", "refused while bonuses are suspended; nobody awards their own", checked_by_service=True
    ),
    "surplus-allocation": by_model_permissions(
        "finance.surplusallocation", "the Board proposes; only a General Conference motion adopts"
    ),
    "convener": ApiAccess(note="temporary Board powers until the first Board election is certified"),
    "application": by_model_permissions(
        "founding.application",
        "the Board's review queue",
        actions={"invite": BOARD, "admit": BOARD, "decline": BOARD},
    ),
}

# The API's views beside the router, by URL name: method -> who may.
API_VIEWS: dict[str, dict[str, frozenset]] = {
    "api-root": {"GET": INSIDERS},
    # The API's description holds no record of the cooperative: open, like the front page.
    "api-schema": {"GET": EVERYONE},
    "api-docs": {"GET": EVERYONE},
    "cooperative": {"GET": INSIDERS, "PATCH": BOARD},
    "me": {"GET": INSIDERS},
    "my-data": {"GET": INSIDERS},
    "startup-sequence": {"GET": INSIDERS},
    "capital-progress": {"GET": INSIDERS},
    "incorporation": {"POST": BOARD},
}
# The views of API_VIEWS whose service checks the actor once the input is well-formed.
API_VIEWS_CHECKED_BY_SERVICE = frozenset({"incorporation"})


# ---------------------------------------------------------------------------------------------
# The member portal (/portal/), by "namespace:name". Anonymous visitors are sent to the login
# page; an account outside the cooperative meets a refusal that says why (coop.middleware).
# ---------------------------------------------------------------------------------------------

MEMBERS_AND_OFFICERS = INSIDERS - {Role.AUDITOR}  # the Auditor reads, and acts in nothing


@dataclass(frozen=True)
class PortalAccess:
    """Who opens a portal page (GET) and who may post to it: an action answers POST only, a page with
    a form answers both. The service behind a POST checks which record the person may act on."""

    read: frozenset = INSIDERS
    post: frozenset | None = None
    action: bool = False
    note: str = ""
    own_rows: bool = False  # a page for someone else's record answers 404

    @property
    def methods(self) -> dict[str, frozenset]:
        if self.action:
            return {"POST": self.post if self.post is not None else self.read}
        return {"GET": self.read} | ({"POST": self.post} if self.post is not None else {})


OUTSIDER_PAGES = INSIDERS | {STRANGER}  # also open to an account outside the cooperative

PORTAL_ACCESS: dict[str, PortalAccess] = {
    "portal:home": PortalAccess(read=OUTSIDER_PAGES, note="an outsider sees where their account stands"),
    "portal:my_data": PortalAccess(read=OUTSIDER_PAGES, note="the person's own data, as a download"),
    "portal:api_token": PortalAccess(),
    "portal:language": PortalAccess(
        read=OUTSIDER_PAGES, post=OUTSIDER_PAGES, note="the person's own language; anyone with an account"
    ),
    "portal:api_token_reset": PortalAccess(action=True, note="the person's own token"),
    "portal:notices": PortalAccess(read=OUTSIDER_PAGES, note="the person's own notices"),
    "portal:notices_read_all": PortalAccess(action=True, post=OUTSIDER_PAGES, note="the person's own notices"),
    "portal:notice_open": PortalAccess(
        action=True, post=OUTSIDER_PAGES, note="only the notice's recipient (404 for anyone else)", own_rows=True
    ),
    "portal:notice_preferences": PortalAccess(
        read=OUTSIDER_PAGES, post=OUTSIDER_PAGES, note="the person's own notice preferences"
    ),
    "portal:calendar": PortalAccess(read=OUTSIDER_PAGES, note="the person's own calendar feed address"),
    "portal:calendar_reset": PortalAccess(action=True, post=OUTSIDER_PAGES, note="the person's own feed address"),
    "portal:cooperative": PortalAccess(note="the startup sequence and the policy numbers in force"),
    "portal:document_list": PortalAccess(),
    "portal:document_detail": PortalAccess(),
    "portal:document_history": PortalAccess(),
    "portal:document_version": PortalAccess(),
    "portal:document_diff": PortalAccess(),
    "portal:document_print": PortalAccess(),
    "membership_portal:overview": PortalAccess(),
    "membership_portal:shares": PortalAccess(
        read=MEMBERS_AND_OFFICERS, post=MEMBERS_AND_OFFICERS, note="needs a membership; asks for shares"
    ),
    "membership_portal:dues": PortalAccess(read=MEMBERS_AND_OFFICERS, note="needs a membership"),
    "labor_contracts_portal:overview": PortalAccess(),
    "labor_contracts_portal:timesheets": PortalAccess(post=MEMBERS_AND_OFFICERS, note="owners log their own hours"),
    "labor_contracts_portal:timesheet_submit": PortalAccess(
        action=True, post=MEMBERS_AND_OFFICERS, note="the owner's own entry", own_rows=True
    ),
    "labor_contracts_portal:pay": PortalAccess(),
    "finance_portal:overview": PortalAccess(),
    "finance_portal:payslip": PortalAccess(note="only the person paid (404 for anyone else)", own_rows=True),
    "finance_portal:dispute": PortalAccess(
        action=True, post=MEMBERS_AND_OFFICERS, note="the member reviewed", own_rows=True
    ),
    "finance_portal:allocation_notice": PortalAccess(
        post=MEMBERS_AND_OFFICERS, note="only the member allocated (404 for anyone else); POST consents", own_rows=True
    ),
    "finance_portal:allocation_notice_pdf": PortalAccess(
        note="the same notice as a PDF file; only the member allocated (404 for anyone else)", own_rows=True
    ),
    "finance_portal:review_write": PortalAccess(
        read=MEMBERS_AND_OFFICERS,
        post=MEMBERS_AND_OFFICERS,
        note="only the cycle's team (404 for anyone else)",
        own_rows=True,
    ),
    "projects:list": PortalAccess(),
    "projects:time_log": PortalAccess(post=MEMBERS_AND_OFFICERS, note="team members log their own hours"),
    "projects:detail": PortalAccess(),
    "projects:staffing": PortalAccess(),
    "governance:index": PortalAccess(),
    "governance:motion": PortalAccess(),
    "governance:motion_ics": PortalAccess(note="the motion's voting window as an .ics file"),
    "governance:ballot": PortalAccess(
        action=True, post=MEMBERS_AND_OFFICERS, note="voters on the frozen roll, or their proxy"
    ),
    "governance:encrypted_ballot": PortalAccess(
        action=True, post=MEMBERS_AND_OFFICERS, note="voters on the frozen roll of an encrypted vote"
    ),
    "governance:comment": PortalAccess(action=True, post=MEMBERS_AND_OFFICERS),
    "governance:nominate": PortalAccess(action=True, post=MEMBERS_AND_OFFICERS),
    "governance:results": PortalAccess(note="after the close"),
    "governance:encryption": PortalAccess(
        read=BOARD, post=BOARD, note="the Board names an encrypted vote's trustees, or restarts its key ceremony"
    ),
    "governance:board": PortalAccess(note="an encrypted vote's tracking codes, open while it runs"),
    "governance:record": PortalAccess(note="an encrypted vote's record, once the trustees have decrypted it"),
    "governance:trustee": PortalAccess(
        post=INSIDERS, note="only the trustee, or the Board for an outside party: the key ceremony and decryption"
    ),
    "governance:trustee_file": PortalAccess(note="the trustee's election file: only the trustee, or the Board"),
    "governance:nominations": PortalAccess(note="the person's own nominations"),
    "governance:nomination_answer": PortalAccess(
        action=True, post=MEMBERS_AND_OFFICERS, note="only the person nominated", own_rows=True
    ),
    "governance:receipts": PortalAccess(),
    "governance:proxies": PortalAccess(post=MEMBERS_AND_OFFICERS, note="an owner names their own proxy"),
    "governance:proxy_revoke": PortalAccess(
        action=True, post=MEMBERS_AND_OFFICERS, note="the owner who named the proxy", own_rows=True
    ),
    "governance:meetings": PortalAccess(),
    "governance:meeting": PortalAccess(),
    "governance:meeting_ics": PortalAccess(note="the meeting as an .ics file"),
    "governance:meeting_check_in": PortalAccess(
        action=True, post=MEMBERS_AND_OFFICERS, note="those on the meeting's roll check themselves in"
    ),
    "governance:petitions": PortalAccess(
        post=MEMBERS_AND_OFFICERS, note="everyone reads the open petitions; an owner with a vote starts one"
    ),
    "governance:petition": PortalAccess(
        post=MEMBERS_AND_OFFICERS,
        note="owners sign for themselves; the starter withdraws it; a signer calls the meeting at the threshold",
    ),
    "governance:meeting_chair": PortalAccess(read=BOARD, note="the chair: check-in code and live quorum"),
    "governance:agenda_item_open": PortalAccess(action=True, post=BOARD, note="refused without the quorum"),
    "governance:agenda_speaker_add": PortalAccess(action=True, post=BOARD, note="the chair, while in session"),
    "governance:meeting_minutes": PortalAccess(note="a draft marked as such; adopted, with the adopting motion"),
    "governance:meeting_minutes_draft": PortalAccess(
        action=True, post=BOARD, note="the Secretary, once the meeting is closed"
    ),
    "governance:meeting_minutes_edit": PortalAccess(read=BOARD, post=BOARD, note="the Secretary, until adopted"),
    "governance:meeting_minutes_propose": PortalAccess(
        action=True, post=BOARD, note="the Secretary, at a later meeting of the same body"
    ),
    "governance:meeting_code": PortalAccess(
        post=MEMBERS_AND_OFFICERS, note="the room's check-in code, short-lived; those on the roll check in"
    ),
    "governance:meeting_tellers": PortalAccess(
        read=BOARD, post=BOARD, note="the chair appoints two tellers from those checked in"
    ),
    "governance:motion_paper": PortalAccess(
        read=BOARD,
        post=BOARD,
        note="the chair: paper ballots issued, the tellers' differences resolved and added; a show of hands",
    ),
    "governance:teller_entry": PortalAccess(
        read=MEMBERS_AND_OFFICERS, post=MEMBERS_AND_OFFICERS, note="only the meeting's two tellers, their own entries"
    ),
    "alliance:overview": PortalAccess(post=BOARD, note="everyone reads; the Board asks to join an alliance"),
    "alliance:profile": PortalAccess(
        read=BOARD | {Role.AUDITOR}, post=BOARD, note="the Board writes the profile and chooses what is published"
    ),
    "alliance:publish": PortalAccess(action=True, post=BOARD, note="to the alliances the cooperative belongs to"),
    "alliance:directory": PortalAccess(note="only the fields each member cooperative published"),
    "alliance:sharing": PortalAccess(read=BOARD | {Role.AUDITOR}, note="what this installation shares with one peer"),
    "founding:overview": PortalAccess(),
    "founding:conference": PortalAccess(post=MEMBERS_AND_OFFICERS, note="conveners act; everyone follows the steps"),
    "founding:plan": PortalAccess(post=BOARD, note="the Board proposes; everyone reads"),
    "founding:articles": PortalAccess(),
    "founding:incorporation": PortalAccess(post=BOARD, note="the Board records it; everyone reads"),
}


# ---------------------------------------------------------------------------------------------
# Public, account and admin-site pages, by URL name (or by pattern where the route has no name).
# ---------------------------------------------------------------------------------------------

READ_ONLY = {"GET": EVERYONE}
FORM = {"GET": EVERYONE, "POST": EVERYONE}
ACCOUNT_PAGE = {"GET": LOGGED_IN}
ACCOUNT_FORM = {"GET": LOGGED_IN, "POST": LOGGED_IN}

SITE_ACCESS: dict[str, dict[str, frozenset]] = {
    "front_page": READ_ONLY,
    "health": READ_ONLY,
    "health_live": READ_ONLY,
    # a member's calendar feed: calendar apps cannot log in, the signed token in the address is the key
    "calendar_feed": READ_ONLY,
    "set_language": FORM,
    # the signed token in the address is the credential: a wrong or expired one answers 400
    "notices_unsubscribe": FORM,
    # other installations' messages: no session, the request's signature (RFC 9421) from an active
    # peer's key is the credential; an unsigned or badly signed one answers 401
    "federation:inbox": {"POST": EVERYONE},
    # setup answers 404 once the cooperative exists; before, it asks for the server's one-time secret
    "founding:setup": FORM,
    "founding:join": FORM,
    "founding:invitation": READ_ONLY,
    # allauth's pages. Sign-up is closed unless the visitor followed an invitation.
    **dict.fromkeys(
        [
            "account_login",
            "account_logout",
            "account_signup",
            "account_reset_password",
            "account_confirm_email",
            "account_reset_password_from_key",
        ],
        FORM,
    ),
    **dict.fromkeys(
        [
            "account_inactive",
            "account_email_verification_sent",
            "account_reset_password_from_key_done",
            "account_reset_password_done",
        ],
        READ_ONLY,
    ),
    **dict.fromkeys(
        [
            "account_email",
            "account_change_password",
            "account_set_password",
            "account_reauthenticate",
            "mfa_reauthenticate",
            "mfa_activate_totp",
            "mfa_deactivate_totp",
            "mfa_generate_recovery_codes",
        ],
        ACCOUNT_FORM,
    ),
    **dict.fromkeys(["mfa_index", "mfa_view_recovery_codes", "mfa_download_recovery_codes"], ACCOUNT_PAGE),
}
# The second step of a login (a code, a second factor): without a login under way it is the login page.
LOGIN_STEPS = frozenset({"account_confirm_login_code", "mfa_authenticate"})
SITE_ACCESS |= dict.fromkeys(LOGIN_STEPS, FORM)

# The admin site's own pages (not a model's): the index, the app lists and the helpers the admin's
# pages call. Login, logout and password changes go to allauth.
ADMIN_ROLES = frozenset({Role.BOARD, Role.OPERATIONS, Role.AUDITOR})
ADMIN_SITE_ACCESS: dict[str, dict[str, frozenset]] = {
    "admin:index": {"GET": ADMIN_ROLES},
    "admin:app_list": {"GET": ADMIN_ROLES},
    "admin:password_change_done": {"GET": ADMIN_ROLES},
    "admin:autocomplete": {"GET": ADMIN_ROLES},
    "admin:jsi18n": {"GET": ADMIN_ROLES},
    "admin:view_on_site": {"GET": ADMIN_ROLES},
    "admin:catch_all": {"GET": ADMIN_ROLES},
}

# The admin's login, logout and password change send everyone to allauth's pages (its MFA and
# rate limits); someone logged in without an admin role is told the admin is not theirs (403).
ADMIN_TO_ALLAUTH = {
    "admin:login": {"GET": {ANONYMOUS} | ADMIN_ROLES, "POST": {ANONYMOUS} | ADMIN_ROLES},
    "admin:logout": {"GET": EVERYONE, "POST": EVERYONE},
    "admin:password_change": {"GET": EVERYONE, "POST": EVERYONE},
}

# The admin's pages beyond a model's five, by URL name: method -> who may.
ADMIN_VIEW_ACCESS: dict[str, dict[str, frozenset]] = {
    "admin:coop_governingdocument_propose": {"GET": BOARD, "POST": BOARD},
    "admin:coop_governingdocument_preview": {"POST": BOARD},
    "admin:coop_governingdocument_diff": {"GET": ADMIN_ROLES},
    "admin:membership_member_import": {"GET": BOARD, "POST": BOARD},
    "admin:membership_member_process_import": {"POST": BOARD},
    "admin:membership_member_export": {"GET": ADMIN_ROLES - {Role.OPERATIONS}, "POST": ADMIN_ROLES - {Role.OPERATIONS}},
    "admin:labor_contracts_invoice_print": {"GET": ADMIN_ROLES},
    "admin:labor_contracts_capital": {"GET": ADMIN_ROLES},
    "admin:finance_reports": {"GET": ADMIN_ROLES},
    "admin:finance_statements": {"GET": ADMIN_ROLES},
    "admin:finance_statements_pdf": {"GET": ADMIN_ROLES},
    "admin:finance_export": {"GET": ADMIN_ROLES - {Role.OPERATIONS}},
    "admin:finance_reviewdispute_refer": {"GET": BOARD, "POST": BOARD},
    "admin:founding_startup": {"GET": ADMIN_ROLES},
    "admin:federation_peer_approve": {"GET": BOARD, "POST": BOARD},
}


# ---------------------------------------------------------------------------------------------
# The census: every route of the resolver with its rule.
# ---------------------------------------------------------------------------------------------


def admin_actions(role: str, label: str) -> tuple[str, ...]:
    """Return the permissions `role` holds on the model `label` ("app.model") in the admin."""
    app_label = label.split(".")[0]
    if role == Role.AUDITOR:
        return (VIEW,) if app_label in settings.DOMAIN_APPS else ()
    if role not in (Role.BOARD, Role.OPERATIONS):
        return ()
    return ROLE_MODEL_PERMISSIONS[Role(role)].get(label.lower(), ())


def _holders(label: str, *permissions: str) -> frozenset:
    return frozenset(role for role in ROLES if set(admin_actions(role, label)) & set(permissions))


def model_admin_door(model_admin, page: str) -> Door:
    """The rule of one of the pages Django's admin gives a model, from the roles' permissions. A
    read-only admin (coop.admin_mixins.ReadOnlyAdminMixin) adds and changes nothing, whatever the
    permissions say; the state of a record (a certified motion) may close its change page too."""
    label = model_admin.model._meta.label
    readers = _holders(label, VIEW, CHANGE)
    read_only = isinstance(model_admin, ReadOnlyAdminMixin)
    # An action is run by the roles holding its permission, narrowed to the roles it names
    # (`coop.admin_actions.service_action(roles=...)`): the Auditor may view motions, not close them.
    action_runners = frozenset(
        role
        for action, _name, _description in model_admin._get_base_actions()
        for role in _holders(label, *getattr(action, "allowed_permissions", ()))
        if not getattr(action, "allowed_roles", ()) or role in action.allowed_roles
    )
    methods = {
        "changelist": {"GET": readers, "POST": action_runners},
        "add": dict.fromkeys(("GET", "POST"), NOBODY if read_only else _holders(label, ADD)),
        "change": {"GET": readers, "POST": NOBODY if read_only else _holders(label, CHANGE)},
        "delete": {"GET": _holders(label, DELETE), "POST": _holders(label, DELETE)},
        "history": {"GET": readers},
        "simple_history": {"GET": readers},
        # Django's redirect from /<id>/ to /<id>/change/, whose own rule then applies
        "object": dict.fromkeys(("GET", "POST"), ADMIN_ROLES),
    }[page]
    note = {"simple_history": "a past version, read-only", "object": "redirects to the change page"}.get(page, "")
    return Door("admin", methods, note=note, checked_by_service=page in ("change", "add"))


@dataclass(frozen=True)
class Route:
    """One route of the resolver: its name (or pattern), its address pattern, its view and its rule."""

    name: str
    route: str
    pattern: URLPattern
    door: Door | None  # None: no table declares it


def _walk(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[tuple[str, str | None, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name, pattern


_ADMIN_PAGES = ("changelist", "add", "change", "delete", "history", "simple_history")


def _admin_door(route: str, name: str | None) -> Door | None:
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"admin/{opts.app_label}/{opts.model_name}/"
        if name and name.startswith(f"admin:{opts.app_label}_{opts.model_name}_"):
            page = name.removeprefix(f"admin:{opts.app_label}_{opts.model_name}_")
            if page in _ADMIN_PAGES:
                return model_admin_door(model_admin, page)
        if name is None and route == base + "<path:object_id>/":
            return model_admin_door(model_admin, "object")
    if name in ADMIN_VIEW_ACCESS:
        return Door("admin", ADMIN_VIEW_ACCESS[name])
    if name in ADMIN_TO_ALLAUTH:
        return Door("admin", {m: frozenset(w) for m, w in ADMIN_TO_ALLAUTH[name].items()}, sends_to_login=True)
    key = name or ("admin:catch_all" if route.endswith("(?P<url>.*)$") else None)
    if key in ADMIN_SITE_ACCESS:
        return Door("admin", ADMIN_SITE_ACCESS[key], checked_by_service=key == "admin:autocomplete")
    return None


def _api_door(name: str | None, pattern: URLPattern) -> Door | None:
    if name in API_VIEWS:
        return Door("api", API_VIEWS[name], checked_by_service=name in API_VIEWS_CHECKED_BY_SERVICE)
    callback_actions = getattr(pattern.callback, "actions", None)
    # The longest basename that prefixes the name: "member-rate-list" is member-rate's, not member's.
    basename = max((b for b in API_ACCESS if name and name.startswith(b + "-")), key=len, default=None)
    if callback_actions is None or basename is None:
        return None
    access = API_ACCESS[basename]
    standard = {"list": access.read, "retrieve": access.read, "create": access.create}
    standard |= {"update": access.change, "partial_update": access.change, "destroy": NOBODY}
    methods = {}
    allowed_methods = pattern.callback.cls.http_method_names
    for method, action in callback_actions.items():
        if method not in allowed_methods:
            continue
        if action in standard:
            methods[method.upper()] = standard[action]
        elif action in access.actions:
            methods[method.upper()] = access.actions[action]
        else:
            return None  # an extra action no table declares
    return Door(
        "api", methods, note=access.note, checked_by_service=access.checked_by_service, own_rows=access.own_rows
    )


def routes() -> list[Route]:
    """Every route of the URL resolver, once (a format-suffix twin of an API route is left out), with its rule."""
    found = []
    for route, name, pattern in _walk(get_resolver().url_patterns):
        if "format" in route or route.startswith("static/"):
            continue
        if route.startswith("admin/"):
            door = _admin_door(route, name)
        elif route.startswith("api/"):
            door = _api_door(name, pattern)
        elif route.startswith("portal/"):
            access = PORTAL_ACCESS.get(name)
            # A POST's input is checked with who sends it: the service refuses the wrong person once
            # the form is filled in (403); an unfilled form comes back with its errors (200 or 400).
            door = (
                Door("portal", access.methods, note=access.note, own_rows=access.own_rows, checked_by_service=True)
                if access
                else None
            )
        else:
            door = Door("site", SITE_ACCESS[name], sends_to_login=name in LOGIN_STEPS) if name in SITE_ACCESS else None
        found.append(Route(name or route, route, pattern, door))
    return found


def undeclared_routes() -> list[str]:
    """The routes that no rule covers: each is a door nobody decided on."""
    return [f"{r.name} ({r.route})" for r in routes() if r.door is None]


def admin_models() -> list[str]:
    """Return the labels of the domain models, in app order."""
    return [
        model._meta.label
        for app in settings.DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    ]


def _cell(door: Door, role: str) -> str:
    allowed = [method for method in METHODS if role in door.methods.get(method, NOBODY)]
    return ", ".join(allowed) or "·"


def _readable(route: str) -> str:
    return "/" + re.sub(r"\^|\$|\\", "", route).replace("(?P<", "<").replace(">[^/.]+)", ">")


def roles_markdown() -> str:
    """Return docs/roles.md: every route with the methods each role may use, from this module."""
    head = "| route | " + " | ".join(str(r) for r in ROLES) + " | note |"
    rule = "|---|" + "---|" * (len(ROLES) + 1)
    lines = [
        "# Every door, and who may use it",
        "",
        "Generated by `python manage.py roles_doc` from `coop/roles.py` and `coop/access.py`; do not edit.",
        "`tests/audit/test_door_census.py` walks every route of the URL resolver and the admin registry, and",
        "proves each line with every method as an anonymous visitor, a signed-up stranger, a member, the",
        "President, the Secretary, the Treasurer, a Director, the CEO, a manager and the Auditor; a refused",
        "write leaves every table as it was. A cell lists the methods the role may use; a refused one answers",
        "403 (the admin and the portal send anonymous visitors to the login page), a method a route does not",
        "take answers 405. Rules about which record (your own hours, the Secretary certifying) live in the",
        "services and are proved by each app's tests.",
        "",
        "Roles: a *stranger* is logged in but is no member and holds no office. The Board's officers and",
        "Operations' CEO and managers hold their role's permissions; their offices decide the rest in the services.",
    ]
    surfaces = {
        "admin": "Admin (`/admin/`): the Auditor reads every domain model and its history; nobody deletes.",
        "portal": "Member portal (`/portal/`)",
        "api": "API (`/api/`): every write also needs a `reason`",
        "site": "Public and account pages",
    }
    everything = routes()
    for surface, title in surfaces.items():
        lines += ["", f"## {title}", "", head, rule]
        for route in sorted((r for r in everything if r.door and r.door.surface == surface), key=lambda r: r.route):
            cells = " | ".join(_cell(route.door, role) for role in ROLES)
            lines.append(f"| `{_readable(route.route)}` | {cells} | {route.door.note} |")
    return "\n".join(lines) + "\n"
