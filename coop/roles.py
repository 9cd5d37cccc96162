"""The roles, as Django groups whose permissions are set here and nowhere else.

`sync_roles()` runs after every `migrate` and from `manage.py sync_roles`; it sets each
group's permissions to exactly what this module says, so a permission added by hand in the
admin is undone at the next sync.
"""

from __future__ import annotations

from enum import StrEnum

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    BOARD = "Board"  # officers: oversight, elections, the member register, approvals
    OPERATIONS = "Operations"  # the CEO and managers: day-to-day work inside the limits set by vote
    AUDITOR = "Auditor"  # reads everything and its full history, changes nothing
    MEMBER = "Member"  # the member portal only, never the admin


# The group names stay English (they are keys); people read these labels.
ROLE_LABELS = {
    Role.BOARD: _("Board"),
    Role.OPERATIONS: _("Operations"),
    Role.AUDITOR: _("Auditor"),
    Role.MEMBER: _("Member"),
}

ADMIN_ROLES = frozenset({Role.BOARD, Role.OPERATIONS, Role.AUDITOR})

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"

PROJECT_MODELS = [
    f"projects.{name}"
    for name in (
        "project",
        "projectteammember",
        "managerappointment",
        "milestone",
        "task",
        "taskassignment",
        "taskdependency",
        "timeentry",
        "staffingneed",
        "staffingassignment",
    )
]

# Model permissions per role: {"app_label.model": (actions...)}. Each domain app adds its
# models here as it lands. The Auditor is not listed: it views every model of every domain
# app, historical records included.
ROLE_MODEL_PERMISSIONS: dict[Role, dict[str, tuple[str, ...]]] = {
    Role.BOARD: {
        "coop.cooperative": (VIEW, CHANGE),
        "coop.policynumber": (VIEW,),
        "coop.user": (VIEW,),
        "coop.governingdocument": (VIEW,),
        # ADD is proposing a new version; nothing in force changes until governance adopts it.
        "coop.documentversion": (VIEW, ADD),
        "coop.outboxmessage": (VIEW,),
        # Whether a notice reached its people; the person alone changes their preferences.
        "coop.notice": (VIEW,),
        "coop.noticepreference": (VIEW,),
        # Governance: the Board runs votes through services (open, close, certify actions);
        # ballots have no admin page and no permission here at all.
        "governance.body": (VIEW,),
        "governance.office": (VIEW, ADD),
        "governance.officeterm": (VIEW, ADD, CHANGE),
        "governance.motion": (VIEW, ADD, CHANGE),
        "governance.choice": (VIEW, ADD),
        "governance.comment": (VIEW,),
        "governance.result": (VIEW,),
        "governance.policyadoption": (VIEW,),
        "governance.rollentry": (VIEW,),
        "governance.participation": (VIEW,),
        "governance.proxy": (VIEW,),
        "governance.mediationcase": (VIEW, ADD),
        # Meetings: the Board calls them, builds the agenda and chairs; members check themselves in.
        "governance.meeting": (VIEW, ADD, CHANGE),
        "governance.agendaitem": (VIEW, ADD),
        "governance.meetingdocument": (VIEW, ADD),
        "governance.attendance": (VIEW,),
        "governance.meetingminutes": (VIEW,),
        "governance.agendaspeaker": (VIEW,),
        # Petitions: owners start and sign them in the portal; the Board reads them here.
        "governance.meetingpetition": (VIEW,),
        "governance.petitionsignature": (VIEW,),
        # Hybrid voting: tellers, paper ballots issued and resolved, shows of hands, all written
        # from the chair's portal pages; the tellers' entries have no admin page.
        "governance.teller": (VIEW,),
        "governance.paperballotissue": (VIEW,),
        "governance.paperresolution": (VIEW,),
        "governance.paperballotsadded": (VIEW,),
        "governance.showofhands": (VIEW,),
        # Encrypted votes: the ceremony, the board and the decryption, written by their services.
        "governance.encryptedelection": (VIEW,),
        "governance.trustee": (VIEW,),
        "governance.sealedshare": (VIEW,),
        "governance.encryptedvoter": (VIEW,),
        "governance.encryptedballot": (VIEW,),
        "governance.partialdecryption": (VIEW,),
        "membership.member": (VIEW, ADD, CHANGE),
        "membership.sharetransaction": (VIEW, ADD),
        "membership.sharerequest": (VIEW, CHANGE),
        # Shares by instalments: ADD subscribes (and opens the cancel action) or records a cash instalment.
        "membership.sharesubscription": (VIEW, ADD),
        "membership.subscriptionpayment": (VIEW, ADD),
        "membership.duesschedule": (VIEW, ADD),
        "membership.duescharge": (VIEW, ADD),
        "membership.duespayment": (VIEW, ADD),
        "membership.duesreminder": (VIEW, ADD),
        # Oversight of labor contracts: the Board approves them (CHANGE opens the lifecycle actions).
        "labor_contracts.client": (VIEW,),
        "labor_contracts.clientcontact": (VIEW,),
        "labor_contracts.laborcontract": (VIEW, CHANGE),
        "labor_contracts.contractrolerate": (VIEW,),
        "labor_contracts.milestone": (VIEW,),
        "labor_contracts.assignment": (VIEW,),
        "labor_contracts.timesheetentry": (VIEW,),
        "labor_contracts.invoice": (VIEW,),
        "labor_contracts.invoiceline": (VIEW,),
        "labor_contracts.payment": (VIEW,),
        "labor_contracts.periodsettlement": (VIEW,),
        "labor_contracts.ownerpay": (VIEW,),
        # Contracts between cooperatives: the Board watches them; Operations answers the peer.
        "labor_contracts.incomingcontract": (VIEW,),
        "labor_contracts.incomingcontractrate": (VIEW,),
        "labor_contracts.incomingtimesheet": (VIEW,),
        "labor_contracts.incominginvoice": (VIEW,),
        "labor_contracts.peertimesheet": (VIEW,),
        # projects: the Board watches operations, it does not run them
        **dict.fromkeys(PROJECT_MODELS, (VIEW,)),
        # Finance: the Board approves payroll and rate changes, posts corrections, proposes the
        # surplus allocation. Pay bands change only by a General Conference vote (no ADD/CHANGE).
        "finance.account": (VIEW,),
        # ADD posts a correction (API); CHANGE reverses a posted entry (the admin's action).
        "finance.journalentry": (VIEW, ADD, CHANGE),
        "finance.journalline": (VIEW,),
        "finance.payband": (VIEW,),
        "finance.memberrate": (VIEW, ADD, CHANGE),
        "finance.rateadjustmentproposal": (VIEW, CHANGE),
        "finance.reviewcriterion": (VIEW, ADD),
        "finance.reviewcycle": (VIEW, ADD, CHANGE),
        "finance.reviewteammember": (VIEW,),
        "finance.review": (VIEW,),
        "finance.reviewscore": (VIEW,),
        "finance.reviewdispute": (VIEW, CHANGE),
        "finance.payrollrun": (VIEW, CHANGE),
        "finance.payrollline": (VIEW,),
        "finance.bonusaward": (VIEW, ADD),
        "finance.surplusallocation": (VIEW, ADD, CHANGE),
        "finance.patronagedividend": (VIEW,),
        # Changed only by the alliance's signed message; the Board reads what the alliance voted.
        "finance.solidaritycommitment": (VIEW,),
        # Founding: the Board sets the application questions and reviews the queue (CHANGE opens the
        # invite, admit and decline actions); conveners and the plan's figures change only by services.
        "founding.convenership": (VIEW,),
        "founding.applicationquestion": (VIEW, ADD, CHANGE),
        "founding.application": (VIEW, CHANGE),
        "founding.applicationanswer": (VIEW,),
        "founding.invitation": (VIEW,),
        "founding.businessplanterms": (VIEW,),
        "founding.businessplanmilestone": (VIEW, CHANGE),
        # The alliance: the Board registers peers (ADD) and approves, suspends, resumes or removes
        # them (CHANGE opens those actions); the messages are written by the services alone.
        "federation.peer": (VIEW, ADD, CHANGE),
        "federation.outboundmessage": (VIEW,),
        "federation.inboundmessage": (VIEW,),
        # The alliance of cooperatives: CHANGE opens the actions (leave an alliance; admit or refuse
        # a cooperative); joining, the directory profile and publishing are portal pages.
        "alliance.alliancemembership": (VIEW, CHANGE),
        "alliance.membercooperative": (VIEW, CHANGE),
    },
    Role.OPERATIONS: {
        "coop.cooperative": (VIEW,),
        "coop.policynumber": (VIEW,),
        "coop.governingdocument": (VIEW,),
        "coop.documentversion": (VIEW,),
        "coop.outboxmessage": (VIEW,),
        # Staffing needs who is a member and since when; personal data stays with the Board.
        "membership.member": (VIEW,),
        "labor_contracts.client": (VIEW, ADD, CHANGE),
        "labor_contracts.clientcontact": (VIEW, ADD, CHANGE),
        "labor_contracts.laborcontract": (VIEW, ADD, CHANGE),
        "labor_contracts.contractrolerate": (VIEW, ADD, CHANGE),
        "labor_contracts.milestone": (VIEW, ADD, CHANGE),
        "labor_contracts.assignment": (VIEW, ADD, CHANGE),
        # CHANGE is approving or returning hours; owners log their own in the portal.
        "labor_contracts.timesheetentry": (VIEW, CHANGE),
        "labor_contracts.invoice": (VIEW, ADD),
        "labor_contracts.invoiceline": (VIEW,),
        "labor_contracts.payment": (VIEW, ADD),
        "labor_contracts.periodsettlement": (VIEW,),
        "labor_contracts.ownerpay": (VIEW,),
        # Contracts from peer cooperatives: CHANGE opens the actions that answer the peer; the CEO
        # alone accepts or declines a contract (the service checks the office).
        "labor_contracts.incomingcontract": (VIEW, CHANGE),
        "labor_contracts.incomingcontractrate": (VIEW,),
        "labor_contracts.incomingtimesheet": (VIEW, CHANGE),
        "labor_contracts.incominginvoice": (VIEW, CHANGE),
        "labor_contracts.peertimesheet": (VIEW,),
        # projects: Operations runs them (records are ended by services, never deleted)
        "projects.project": (VIEW, ADD, CHANGE),
        "projects.projectteammember": (VIEW, ADD),
        "projects.managerappointment": (VIEW, ADD, CHANGE),
        "projects.milestone": (VIEW, ADD),
        "projects.task": (VIEW, ADD, CHANGE),
        "projects.taskassignment": (VIEW, ADD),
        "projects.taskdependency": (VIEW, ADD),
        "projects.timeentry": (VIEW,),
        "projects.staffingneed": (VIEW, ADD),
        "projects.staffingassignment": (VIEW, ADD),
        "governance.body": (VIEW,),
        "governance.office": (VIEW,),
        "governance.officeterm": (VIEW,),
        "governance.motion": (VIEW,),
        "governance.result": (VIEW,),
        "governance.policyadoption": (VIEW,),
        "governance.meeting": (VIEW,),
        "governance.agendaitem": (VIEW,),
        "governance.meetingminutes": (VIEW,),
        "governance.teller": (VIEW,),
        "governance.paperresolution": (VIEW,),
        "governance.paperballotsadded": (VIEW,),
        "governance.showofhands": (VIEW,),
        # Finance: Operations drafts, reviews and posts payroll and runs review cycles.
        "finance.account": (VIEW,),
        "finance.journalentry": (VIEW,),
        "finance.journalline": (VIEW,),
        "finance.payband": (VIEW,),
        "finance.memberrate": (VIEW,),
        "finance.rateadjustmentproposal": (VIEW,),
        "finance.reviewcriterion": (VIEW, ADD),
        "finance.reviewcycle": (VIEW, ADD, CHANGE),
        "finance.reviewteammember": (VIEW,),
        "finance.payrollrun": (VIEW, ADD, CHANGE),
        "finance.payrollline": (VIEW,),
        # Founding: Operations links the business plan's milestones to the projects carrying them out.
        "founding.businessplanterms": (VIEW,),
        "founding.businessplanmilestone": (VIEW, CHANGE),
    },
    Role.MEMBER: {},
}


def user_roles(user) -> set[Role]:
    """Return the roles `user` holds, read from the groups already on the user when cached."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_coop_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {role for role in Role if role.value in names}
        user._coop_roles = cached
    return cached


def with_roles(users: QuerySet) -> QuerySet:
    """Annotate each account of `users` with whether it holds each role, so that the account and
    its roles are read in one query (the authentication backends load the account this way)."""
    return users.annotate(
        **{_role_flag(role): Exists(Group.objects.filter(name=role.value, user=OuterRef("pk"))) for role in Role}
    )


def remember_roles(user) -> None:
    """Keep on `user` the roles its `with_roles` annotations hold, as `user_roles` would read them."""
    user._coop_roles = {role for role in Role if getattr(user, _role_flag(role))}


def _role_flag(role: Role) -> str:
    return f"holds_role_{role.name.lower()}"


def has_role(user, role: Role) -> bool:
    return role in user_roles(user)


def in_cooperative(user) -> bool:
    """Return whether `user` is one of the cooperative's people: a member (the role comes with
    admission), an officer, an auditor, or a superuser. An account that is none of these (a
    person who signed up, an applicant not yet admitted) reads nothing of the cooperative."""
    if not (getattr(user, "is_active", False) and user.is_authenticated):
        return False
    return user.is_superuser or bool(user_roles(user))


def may_use_admin(user) -> bool:
    """Return whether `user` may enter the admin: superusers and the admin roles only."""
    if not (getattr(user, "is_active", False) and user.is_authenticated):
        return False
    return user.is_superuser or bool(user_roles(user) & ADMIN_ROLES)


def _auditor_permission_codenames() -> list[tuple[str, str]]:
    wanted = []
    for label in settings.DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            wanted.append((model._meta.app_label, f"view_{model._meta.model_name}"))
    return wanted


def permissions_for(role: Role) -> list[Permission]:
    """Return the permission rows `role` must hold."""
    if role == Role.AUDITOR:
        pairs = _auditor_permission_codenames()
    else:
        pairs = []
        for dotted, actions in ROLE_MODEL_PERMISSIONS[role].items():
            app_label, model_name = dotted.split(".")
            pairs += [(app_label, f"{action}_{model_name}") for action in actions]
            # Whoever may view a record may view its history too.
            if VIEW in actions:
                historical = f"historical{model_name}"
                pairs.append((app_label, f"view_{historical}"))
    by_pair = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _label, codename in pairs]
        )
    }
    return [by_pair[pair] for pair in pairs if pair in by_pair]


def sync_roles(verbosity: int = 0) -> dict[Role, int]:
    """Create the role groups and set their permissions to exactly what this module says."""
    counts = {}
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        perms = permissions_for(role)
        group.permissions.set(perms)
        counts[role] = len(perms)
        if verbosity >= 2:
            print(f"  role {role.value}: {len(perms)} permissions")
    return counts
