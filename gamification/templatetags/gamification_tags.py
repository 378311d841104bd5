"""Template tags for reputation, levels, badges and privileges.

Load with `{% load gamification_tags %}`:

- `{% user_reputation user %}`: the member's reputation (a number).
- `{% user_level user %}`: the member's level name, in the current language.
- `{% user_flair user %}`: level and badge counts for beside a name on a post. Call
  `gamification.selectors.annotate_flair(users)` in the view first and it costs no queries.
- `{% user_badges user %}`: the member's badges as a list.
- `{% reputation_section member viewer %}`: the profile's reputation (level and progress),
  badges with their dates and the closest next badges, the history chart with a table and
  the latest changes, and the private rewards when viewer is the member.
- `{% has_privilege user "vote_down" as can_vote_down %}` and `{% privilege_hint "vote_down" %}`.
- `{% privilege_button user "vote_down" label="Vote down" name="value" value="-1" %}`: a
  submit button, disabled with a tooltip ("Unlocks at 125 reputation") when not allowed.
- `{% unseen_badges user %}`: "You earned a badge" notices with a button to dismiss them.
"""

from django import template
from django.utils.translation import gettext as _

from gamification import levels, privileges, selectors

register = template.Library()


@register.simple_tag
def user_reputation(user) -> int:
    return selectors.reputation_of(user)


@register.simple_tag
def user_level(user) -> str:
    return str(selectors.level_of(user).name)


@register.simple_tag(name="has_privilege")
def has_privilege_tag(user, privilege: str) -> bool:
    return privileges.has_privilege(user, privilege)


@register.simple_tag(name="privilege_hint")
def privilege_hint_tag(privilege: str) -> str:
    return privileges.privilege_hint(privilege)


@register.inclusion_tag("gamification/tags/privilege_button.html")
def privilege_button(user, privilege: str, label: str = "", name: str = "", value: str = ""):
    allowed = privileges.has_privilege(user, privilege)
    return {
        "allowed": allowed,
        "hint": "" if allowed else privileges.privilege_hint(privilege),
        "label": label,
        "name": name,
        "value": value,
        "privilege": privilege,
    }


@register.inclusion_tag("gamification/tags/flair.html")
def user_flair(user):
    total = selectors.reputation_of(user)
    return {
        "total": total,
        "level": levels.level_for(total),
        "counts": selectors.badge_counts(user),
    }


@register.inclusion_tag("gamification/tags/badges.html")
def user_badges(user):
    return {"badges": selectors.badges_of(user)}


@register.inclusion_tag("gamification/tags/reputation_section.html")
def reputation_section(member, viewer=None):
    summary = selectors.profile_summary(member, viewer=viewer)
    chart = selectors.history_chart(summary.history)
    return {
        "member": member,
        "summary": summary,
        "chart": {
            "labels": chart["labels"],
            "datasets": [{"label": str(_("Reputation")), "data": chart["values"]}],
            "xTitle": str(_("Day")),
            "yTitle": str(_("Reputation")),
        },
        "table": chart["rows"],
        "is_owner": viewer is not None and getattr(viewer, "pk", None) == member.pk,
    }


@register.inclusion_tag("gamification/tags/unseen_badges.html", takes_context=True)
def unseen_badges(context, user):
    request = context.get("request")
    return {
        "awards": selectors.unseen_awards(user),
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }
