"""Everything the platform holds about one person, for them to take away (their own data only).

Read-only. Each section is a list of records whose fields have plain names ("project", not
"task__project__name") and whose states read as the pages show them ("Waiting for the Board",
not "submitted"). It leaves out what would expose someone else: no ballot's choice (a secret
vote's choice is nowhere linked to its voter; a recorded one is left out too, so the export never
becomes a record of how someone voted), and no reviewer of a review written about the person.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.models import DocumentVersion, Notice, NoticePreference
from finance.models import (
    BonusAward,
    MemberRate,
    PatronageDividend,
    PayrollLine,
    PayrollRun,
    Review,
    ReviewDispute,
    ReviewScore,
)
from founding.models import Convenership
from governance.models import Choice, Comment, Motion, OfficeTerm, Participation, Proxy
from labor_contracts.models import Assignment, OwnerPay, TimesheetEntry
from membership.models import DuesCharge, DuesPayment, DuesReminder, Member, ShareRequest, ShareTransaction
from projects.models import ManagerAppointment, ProjectTeamMember, TaskAssignment, TimeEntry

# What each list of the export holds, as the person reads it (the export's keys stay as they are:
# programs read them).
RECORD_LABELS = {
    "share_transactions": _("Share transactions"),
    "share_requests": _("Share requests"),
    "dues_charges": _("Dues charges"),
    "dues_payments": _("Dues payments"),
    "dues_reminders": _("Dues reminders"),
    "votes_taken_part_in": _("Votes taken part in"),
    "motions_proposed": _("Motions proposed"),
    "comments_on_motions": _("Comments on motions"),
    "nominations": _("Nominations"),
    "proxies_given": _("Proxies given"),
    "proxies_held": _("Proxies held"),
    "offices_held": _("Offices held"),
    "document_versions_proposed": _("Document versions proposed"),
    "convener_terms": _("Convener terms"),
    "contract_assignments": _("Contract assignments"),
    "timesheets": _("Timesheets"),
    "contract_pay": _("Contract pay"),
    "project_teams": _("Project teams"),
    "projects_managed": _("Projects managed"),
    "tasks_assigned": _("Tasks assigned"),
    "time_entries": _("Time entries"),
    "pay_rates": _("Pay rates"),
    "payslips": _("Payslips"),
    "bonuses": _("Bonuses"),
    "patronage_dividends": _("Patronage dividends"),
    "reviews_about_me": _("Reviews about me"),
    "reviews_i_wrote": _("Reviews I wrote"),
    "review_disputes": _("Review disputes"),
    "notices": _("Notices"),
    "notice_preferences": _("Notice preferences"),
}


def _exact(value):
    """Money, points and hours as exact decimal strings: a JSON encoder would otherwise be free to
    write a Decimal as a float (the API's does), and 0.1 as a float is not 0.1."""
    return format(value, "f") if isinstance(value, Decimal) else value


def _field(model: type[Model], path: str):
    """The model field at the end of `path` ("task__project__name" → Project.name)."""
    *hops, last = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    return model._meta.get_field(last)


def _rows(queryset: QuerySet, **columns: str) -> list[dict]:
    """One query: each row as {plain name: value}, states as their labels, decimals exact."""
    labels = {}
    for path in columns.values():
        field = _field(queryset.model, path)
        if field.choices:
            labels[path] = {value: str(label) for value, label in field.flatchoices}
    rows = []
    for row in queryset.values(*columns.values()):
        rows.append(
            {
                name: labels[path].get(row[path], row[path]) if path in labels else _exact(row[path])
                for name, path in columns.items()
            }
        )
    return rows


def _membership(user) -> dict | None:
    member = Member.objects.filter(user=user).first()
    if member is None:
        return None
    return {
        "legal_name": member.legal_name,
        "status": member.get_status_display(),
        "phone": member.phone,
        "postal_address": member.postal_address,
        "applied_on": member.applied_on,
        "provisional_since": member.provisional_since,
        "owner_since": member.owner_since,
        "suspended_on": member.suspended_on,
        "departed_on": member.departed_on,
        "shares_held": member.share_balance,
    }


def _scores(reviews: QuerySet[Review]) -> dict[int, list[dict]]:
    """Each review's scores by criterion, in one query."""
    scores: dict[int, list[dict]] = {}
    rows = ReviewScore.objects.filter(review__in=reviews).order_by("criterion__name")
    for row in rows.values("review_id", "criterion__name", "score"):
        scores.setdefault(row["review_id"], []).append({"criterion": row["criterion__name"], "score": row["score"]})
    return scores


def _reviews_about(user) -> list[dict]:
    """The words and scores of reviews about the person: never who wrote them, nor when."""
    reviews = Review.objects.filter(reviewee=user, submitted_at__isnull=False).order_by("cycle__period_end", "pk")
    scores = _scores(reviews)
    return [
        {"review_cycle": row["cycle__name"], "comments": row["comments"], "scores": scores.get(row["pk"], [])}
        for row in reviews.values("pk", "cycle__name", "comments")
    ]


def _reviews_written(user) -> list[dict]:
    """The reviews the person wrote: their own words and scores, and whom they were about."""
    reviews = Review.objects.filter(reviewer=user, submitted_at__isnull=False).order_by("submitted_at", "pk")
    scores = _scores(reviews)
    return [
        {
            "review_cycle": row["cycle__name"],
            "about": row["reviewee__email"],
            "submitted_at": row["submitted_at"],
            "comments": row["comments"],
            "scores": scores.get(row["pk"], []),
        }
        for row in reviews.values("pk", "cycle__name", "reviewee__email", "submitted_at", "comments")
    ]


def personal_data_export(*, user) -> dict:
    """Return the person's data as JSON-ready values, in a constant number of queries; every
    decimal number (money, points, hours) is an exact decimal string."""
    return {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "membership": _membership(user),
        "share_transactions": _rows(
            ShareTransaction.objects.filter(member__user=user).order_by("occurred_at", "pk"),
            occurred_at="occurred_at",
            kind="kind",
            shares="quantity",
            shares_held_after="balance_after",
            par_value="par_value",
            amount="amount",
            note="note",
        ),
        "share_requests": _rows(
            ShareRequest.objects.filter(member__user=user).order_by("submitted_at", "pk"),
            submitted_at="submitted_at",
            kind="kind",
            shares="quantity",
            status="status",
            note="note",
            decided_at="decided_at",
            decision_note="decision_note",
        ),
        "dues_charges": _rows(
            DuesCharge.objects.filter(member__user=user).order_by("period_start"),
            period_start="period_start",
            period_end="period_end",
            amount="amount",
        ),
        "dues_payments": _rows(
            DuesPayment.objects.filter(member__user=user).order_by("paid_on"),
            paid_on="paid_on",
            amount="amount",
            reference="reference",
        ),
        "dues_reminders": _rows(
            DuesReminder.objects.filter(member__user=user).order_by("sent_at"), sent_at="sent_at", arrears="arrears"
        ),
        # That the person took part, and through whom; never what the ballot said.
        "votes_taken_part_in": _rows(
            Participation.objects.filter(voter=user).order_by("cast_at"),
            motion="motion__title",
            cast_at="cast_at",
            cast_by="cast_by__email",
        ),
        "motions_proposed": _rows(
            Motion.objects.filter(proposer=user).order_by("pk"),
            title="title",
            kind="kind",
            body="body__name",
            status="status",
            opens_at="opens_at",
            closes_at="closes_at",
        ),
        "comments_on_motions": _rows(
            Comment.objects.filter(author=user).order_by("created_at"),
            motion="motion__title",
            written_at="created_at",
            text="text",
        ),
        "nominations": _rows(
            Choice.objects.filter(candidate=user).order_by("motion_id"),
            election="motion__title",
            consent="consent",
            answered_at="answered_at",
        ),
        "proxies_given": _rows(
            Proxy.objects.filter(grantor=user).order_by("created_at"),
            proxy="holder__email",
            for_motion="motion__title",
            starts_at="starts_at",
            ends_at="ends_at",
            status="status",
        ),
        "proxies_held": _rows(
            Proxy.objects.filter(holder=user).order_by("created_at"),
            owner="grantor__email",
            for_motion="motion__title",
            starts_at="starts_at",
            ends_at="ends_at",
            status="status",
        ),
        "offices_held": _rows(
            OfficeTerm.objects.filter(holder=user).order_by("starts_at"),
            office="office__kind",
            body="office__body__name",
            starts_at="starts_at",
            ends_at="ends_at",
            status="status",
        ),
        "document_versions_proposed": _rows(
            DocumentVersion.objects.filter(proposed_by=user).order_by("proposed_at"),
            document="document__kind",
            version="number",
            summary="summary",
            status="status",
            proposed_at="proposed_at",
        ),
        "convener_terms": _rows(
            Convenership.objects.filter(user=user).order_by("since"),
            since="since",
            status="status",
            ended_at="ended_at",
        ),
        "contract_assignments": _rows(
            Assignment.objects.filter(owner=user).order_by("assigned_at"),
            contract="contract__title",
            role="role",
            hourly_rate="hourly_rate",
            status="status",
            assigned_at="assigned_at",
        ),
        "timesheets": _rows(
            TimesheetEntry.objects.filter(owner=user).order_by("day"),
            day="day",
            contract="contract__title",
            hours="hours",
            description="description",
            status="status",
            review_comment="review_comment",
        ),
        "contract_pay": _rows(
            OwnerPay.objects.filter(owner=user).order_by("settlement__period_end"),
            contract="settlement__contract__title",
            period_start="settlement__period_start",
            period_end="settlement__period_end",
            hours="hours",
            value_of_the_hours="value",
            pay="pay",
        ),
        "project_teams": _rows(
            ProjectTeamMember.objects.filter(user=user).order_by("joined_on"),
            project="project__name",
            role="role_name",
            joined_on="joined_on",
        ),
        "projects_managed": _rows(
            ManagerAppointment.objects.filter(user=user).order_by("appointed_at"),
            project="project__name",
            appointed_at="appointed_at",
            ended_at="ended_at",
        ),
        "tasks_assigned": _rows(
            TaskAssignment.objects.filter(user=user).order_by("task__start_date", "pk"),
            project="task__project__name",
            task="task__name",
            starts="task__start_date",
            ends="task__end_date",
        ),
        "time_entries": _rows(
            TimeEntry.objects.filter(user=user).order_by("date", "pk"),
            date="date",
            project="task__project__name",
            task="task__name",
            hours="hours",
            note="note",
        ),
        "pay_rates": _rows(
            MemberRate.objects.filter(member=user).order_by("effective_from"),
            effective_from="effective_from",
            pay_band="band__role",
            rate="rate",
        ),
        "payslips": _rows(
            PayrollLine.objects.filter(member=user, run__status=PayrollRun.Status.POSTED).order_by("run__period_end"),
            period_start="run__period_start",
            period_end="run__period_end",
            hours="hours",
            contract_hours="contract_hours",
            internal_pay="internal_pay",
            contract_pay="contract_pay",
            amount="amount",
        ),
        "bonuses": _rows(
            BonusAward.objects.filter(holder=user).order_by("period_end"),
            kind="kind",
            period_start="period_start",
            period_end="period_end",
            amount="amount",
        ),
        "patronage_dividends": _rows(
            PatronageDividend.objects.filter(member=user).order_by("allocation__period_end"),
            period_start="allocation__period_start",
            period_end="allocation__period_end",
            hours="hours",
            amount="amount",
        ),
        "reviews_about_me": _reviews_about(user),
        "reviews_i_wrote": _reviews_written(user),
        "review_disputes": _rows(
            ReviewDispute.objects.filter(review__reviewee=user).order_by("raised_at"),
            review_cycle="review__cycle__name",
            statement="statement",
            raised_at="raised_at",
        ),
        "notices": _rows(
            Notice.objects.filter(recipient=user).order_by("created_at", "pk"),
            sent_at="created_at",
            kind="kind",
            subject="subject",
            body="body",
            link="link",
            delivery="delivery",
            emailed_at="emailed_at",
            read_at="read_at",
        ),
        "notice_preferences": _rows(
            NoticePreference.objects.filter(user=user).order_by("kind"),
            kind="kind",
            delivery="delivery",
            changed_at="changed_at",
        ),
    }
