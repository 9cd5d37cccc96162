"""A rule the database enforces is explained in words when a form or service meets it, never as
`Constraint "payroll_period_order" is violated.`"""

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, UniqueConstraint

from finance.models import PayrollRun

APPS = {"coop", "membership", "governance", "labor_contracts", "projects", "finance", "founding"}


def _explained_by_django(constraint) -> bool:
    # A plain unique constraint on fields already reads "X with this A and B already exists."
    return (
        isinstance(constraint, UniqueConstraint)
        and bool(constraint.fields)
        and constraint.condition is None
        and not constraint.expressions
    )


def test_every_check_and_conditional_unique_constraint_has_a_message_in_words():
    missing = [
        f"{model._meta.label}.{constraint.name}"
        for model in apps.get_models()
        if model._meta.app_label in APPS
        for constraint in model._meta.constraints
        if not _explained_by_django(constraint)
        and constraint.violation_error_message in (None, constraint.default_violation_error_message)
    ]
    assert missing == []


@pytest.mark.parametrize(
    "constraint", [c for c in PayrollRun._meta.constraints if isinstance(c, CheckConstraint)], ids=lambda c: c.name
)
def test_no_message_names_the_constraint(constraint):
    assert constraint.name not in str(constraint.violation_error_message)
    assert "violated" not in str(constraint.violation_error_message)


@pytest.mark.django_db
def test_a_payroll_period_that_ends_before_it_starts_is_refused_in_words():
    run = PayrollRun(period_start=date(2026, 2, 1), period_end=date(2026, 1, 1))
    constraint = next(c for c in PayrollRun._meta.constraints if c.name == "payroll_period_order")
    with pytest.raises(ValidationError) as refused:
        constraint.validate(PayrollRun, run)
    assert refused.value.messages == ["The payroll period must end on or after the day it starts."]
