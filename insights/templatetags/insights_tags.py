"""Presentation helpers of the dashboard template."""

from django import template

register = template.Library()


@register.filter
def get_gap(states: dict, need):
    """The gap question made of `need` (a content gap or failing search), or None."""
    return states.get((need.language, need.normalised))
