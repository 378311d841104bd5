"""Who works the support desk: the "Klantenservice" group (Wagtail admin access, the ticket
queue, canned replies, topics and the desk's settings; no page permissions, so its members do
not edit the help centre unless they are editors too)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from gamification.privileges import CUSTOMER_SERVICE_GROUP

SUPPORT_GROUP = CUSTOMER_SERVICE_GROUP  # gamification names it: verifying answers needs it
HANDLE_PERMISSION = "support.handle_ticket"
GROUP_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("support", "handle_ticket"),
    ("support", "view_ticket"),
    ("support", "add_cannedreply"),
    ("support", "change_cannedreply"),
    ("support", "delete_cannedreply"),
    ("support", "view_cannedreply"),
    ("support", "add_topic"),
    ("support", "change_topic"),
    ("support", "view_topic"),
    ("support", "change_supportsettings"),
]


def is_support_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and user.has_perm(HANDLE_PERMISSION))


def ensure_support_group(**kwargs) -> Group:
    """The group with its permissions (post_migrate and the demo; safe to repeat)."""
    create_permissions(global_apps.get_app_config("support"), verbosity=0)
    group = Group.objects.get_or_create(name=SUPPORT_GROUP)[0]
    for app_label, codename in GROUP_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)
    return group
