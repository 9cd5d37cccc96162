"""Template filters for numbers people read: `{{ weight|plain }}`, `{{ share|percent }}`."""

from django import template

from coop.numbers import percent as _percent
from coop.numbers import plain_number

register = template.Library()


@register.filter
def plain(value, places=2):
    """Show `value` with at most `places` decimals (two by default) and no trailing zeros."""
    return plain_number(value, int(places))


@register.filter
def percent(value, places=2):
    """Show a percentage with at most `places` decimals and a percent sign."""
    return _percent(value, int(places))
