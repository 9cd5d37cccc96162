"""The changelist's selection checkbox, written without a widget template, is Django's own markup."""

from __future__ import annotations

import pytest
from django.contrib import admin

from membership.models import Member
from tests.factories.membership import member_create


@pytest.mark.django_db
def test_action_checkbox_renders_as_djangos():
    # given a member whose name needs escaping, and the register's admin
    member = member_create(first_name="Ana <b>", last_name="O'Neil & Co")
    model_admin = admin.site._registry[Member]
    # when its row's checkbox is rendered
    ours = model_admin.action_checkbox(member)
    # then it is exactly what Django's widget renders, escaped the same way
    assert ours == admin.ModelAdmin.action_checkbox(model_admin, member)
    assert "&lt;b&gt;" in ours
