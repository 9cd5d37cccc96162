"""The member portal's finance pages: my pay, my reviews, my capital."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import reports, selectors, services


@login_required
def overview(request):
    return render(request, "finance/overview.html", reports.my_reports(request.user))


@login_required
def payslip(request, pk: int):
    line = selectors.my_payslips(request.user).filter(pk=pk).first()
    if line is None:
        raise Http404
    return render(request, "finance/payslip.html", {"line": line})


@login_required
@require_POST
def dispute(request, pk: int):
    review = selectors.feedback_for(request.user).filter(pk=pk).first()
    if review is None:
        raise Http404
    try:
        services.review_dispute_raise(review=review, statement=request.POST.get("statement", ""),
                                      actor=request.user, reason=_("Dispute raised in the portal"))
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("Your dispute is recorded; the Board will refer it to a mediator."))
    return redirect("finance_portal:overview")
