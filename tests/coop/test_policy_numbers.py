from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coop import policy, selectors


def test_every_policy_number_starts_at_its_default(cooperative):
    values = selectors.policy_values()
    assert values["share_par_value"] == Decimal("100.00")
    assert values["voting_mode"] == policy.VotingMode.GRADUAL
    assert values["provisional_period_days"] == 180


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("share_par_value", "0", "at least"),
        ("share_par_value", "abc", "Enter a number"),
        ("share_par_value", 1.5, "float"),
        ("provisional_period_days", "1.5", "whole number"),
        ("quorum_percent", "101", "at most"),
        ("voting_mode", "oligarchy", "Choose one of"),
        ("share_cap_percent", "NaN", "finite"),
    ],
)
def test_bad_values_are_refused_naming_the_number_and_the_rule(key, raw, message):
    with pytest.raises(ValidationError) as error:
        policy.definition(key).parse(raw)
    assert key in error.value.message_dict
    assert message in " ".join(error.value.message_dict[key])


def test_unknown_policy_number_is_refused():
    with pytest.raises(ValidationError):
        policy.definition("ceo_salary")


def test_decimals_stay_exact(cooperative):
    assert policy.definition("amendment_threshold_percent").parse("66.67") == Decimal("66.67")
