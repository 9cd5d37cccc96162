"""The member portal's finance pages: my pay, my reviews, my capital."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from coop.selectors import cooperative_current

from .. import pdf, reports, selectors, services
from ..models import ReviewCycle

# Radio buttons with none chosen: a select would open on 1, so an untouched criterion would
# silently score 1 of 5.
SCORES = [
    (1, gettext_lazy("1 · needs much work")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, gettext_lazy("5 · excellent")),
]


class ReviewForm(forms.Form):
    """A review of one teammate: a score per criterion of the cycle and constructive comments."""

    reviewee = forms.TypedChoiceField(label=gettext_lazy("Teammate"), coerce=int)
    comments = forms.CharField(
        label=gettext_lazy("Constructive comments"), widget=forms.Textarea(attrs={"rows": 4}), min_length=20
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept in the history)"),
        max_length=500,
        initial=gettext_lazy("Peer review written in the portal"),
    )

    def __init__(self, *args, cycle: ReviewCycle, teammates, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {row.member.pk: row.member for row in teammates}
        self.fields["reviewee"].choices = [("", _("Choose a teammate"))] + [
            (pk, p.get_full_name() or p.email) for pk, p in self.people.items()
        ]
        self.criteria = list(cycle.criteria.all())
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                error_messages={
                    "required": _("Choose a score from 1 to 5 for %(criterion)s.") % {"criterion": criterion.name}
                },
            )
        # The scores before the comments they explain; the reason for the history last.
        self.order_fields(["reviewee", *(f"score_{c.pk}" for c in self.criteria), "comments", "reason"])

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


@login_required
@require_safe
def overview(request):
    return render(request, "finance/overview.html", reports.my_reports(request.user))


@login_required
@require_safe
def payslip(request, pk: int):
    line = selectors.my_payslips(request.user).filter(pk=pk).first()
    if line is None:
        raise Http404
    return render(request, "finance/payslip.html", {"line": line})


@login_required
def allocation_notice(request, pk: int):
    """The member's written notice of allocation, printable; a POST records their consent."""
    dividend = selectors.my_dividends(request.user).filter(pk=pk, notice_issued_at__isnull=False).first()
    if dividend is None:
        raise Http404
    if request.method == "POST":
        try:
            services.allocation_notice_consent(
                dividend=dividend, actor=request.user, reason=_("Consent given on the notice in the portal")
            )
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            messages.success(request, _("Your consent is recorded on this notice of allocation."))
        return redirect("finance_portal:allocation_notice", pk=pk)
    return render(request, "finance/allocation_notice.html", {"dividend": dividend, "allocation": dividend.allocation})


@login_required
@require_safe
def allocation_notice_pdf(request, pk: int):
    """The member's written notice of allocation as a PDF file made on the server."""
    dividend = (
        selectors.my_dividends(request.user)
        .select_related("member")
        .filter(pk=pk, notice_issued_at__isnull=False)
        .first()
    )
    if dividend is None:
        raise Http404
    response = HttpResponse(pdf.allocation_notice_pdf(dividend, cooperative_current()), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="notice-of-allocation-{dividend.pk}.pdf"'
    return response


@login_required
@require_POST
def dispute(request, pk: int):
    review = selectors.feedback_for(request.user).filter(pk=pk).first()
    if review is None:
        raise Http404
    try:
        services.review_dispute_raise(
            review=review,
            statement=request.POST.get("statement", ""),
            actor=request.user,
            reason=_("Dispute raised in the portal"),
        )
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("Your dispute is recorded; the Board will refer it to a mediator."))
    return redirect("finance_portal:overview")


@login_required
def review_write(request, pk: int):
    """Write a review of a teammate in an open cycle the member is on."""
    cycle = get_object_or_404(selectors.reviews_to_write(request.user), pk=pk)
    teammates = list(selectors.teammates_to_review(cycle=cycle, user=request.user))
    form = ReviewForm(request.POST or None, cycle=cycle, teammates=teammates)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submit(
                cycle=cycle,
                reviewee=form.people[form.cleaned_data["reviewee"]],
                scores=form.scores(),
                comments=form.cleaned_data["comments"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your review is recorded. Thank you."))
            return redirect("portal:home")
    return render(request, "finance/review_write.html", {"cycle": cycle, "form": form, "teammates": teammates})
