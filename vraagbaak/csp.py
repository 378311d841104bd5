"""Content-Security-Policy (django-csp 4): one strict policy for the site and a wider one,
only as wide as Wagtail's editor needs, for the back office under /admin/.

The site's own pages use no inline scripts, event handlers or style attributes, so the
public policy is `'self'` only. Wagtail's admin writes style attributes (Draftail, the
sidebar), small inline scripts in its date/time widgets and inline panels, and shows
blob:/data: previews; those allowances apply to /admin/ paths alone
(`CONTENT_SECURITY_POLICY_ADMIN`).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class PathPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin = settings.CONTENT_SECURITY_POLICY_ADMIN
        if not report_only and parts.config is None and request.path_info.startswith(
            admin["URL_PREFIXES"]
        ):
            parts.config = admin["DIRECTIVES"]
        return parts
