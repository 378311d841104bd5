# ruff: noqa: E501 - each msgid must stay exactly as the package writes it
"""Strings of Django, allauth and Wagtail that we translate ourselves, because their Dutch
catalogue lacks them, has an outdated msgid or says "u" where the site says "je".

Nothing imports this module: the markers only keep the strings in `locale/`, which
LOCALE_PATHS puts before every package's own catalogue, when `makemessages --no-obsolete`
runs (a string found in no source would be dropped as obsolete).
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

VENDOR_STRINGS = [
    # Wagtail's dashboard summary counts our videos as "Media files".
    ngettext_lazy(
        '<span>%(total)s</span> Media file <span class="visuallyhidden w-sr-only">created in '
        '%(site_name)s</span>',
        '<span>%(total)s</span> Media files <span class="visuallyhidden w-sr-only">created in '
        '%(site_name)s</span>',
    ),
    # allauth's login field, which takes an e-mail address or a username.
    pgettext_lazy("field label", "Login"),
    # Django 5.2 changed this msgid (%d instead of %(min_length)d); its Dutch catalogue still
    # has the old one.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    # allauth's wording is "Confirmation e-mail"; Dutch writes "Bevestigingsmail".
    gettext_noop("Confirmation email sent to %(email)s."),
    # Django's and allauth's Dutch say "u"/"uw" and "a.u.b."; the site says "je".
    gettext_noop(
        'Your password can’t be too similar to your other personal information.'
    ),
    gettext_noop(
        'Your password can’t be a commonly used password.'
    ),
    gettext_noop(
        'Your password can’t be entirely numeric.'
    ),
    ngettext_lazy(
        'Your password must contain at least %(min_length)d character.',
        'Your password must contain at least %(min_length)d characters.',
    ),
    gettext_noop(
        'Please contact us if you have any trouble resetting your password.'
    ),
    gettext_noop(
        'We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes.'
    ),
    gettext_noop(
        'We have sent an email to you for verification. Follow the link provided to finalize the signup process. If you do not see the verification email in your main inbox, check your spam folder. Please contact us if you do not receive the verification email within a few minutes.'
    ),
    gettext_noop(
        'This part of the site requires us to verify that\nyou are who you claim to be. For this purpose, we require that you\nverify ownership of your email address. '
    ),
    gettext_noop(
        'We have sent an email to you for\nverification. Please click on the link inside that email. If you do not see the verification email in your main inbox, check your spam folder. Otherwise\ncontact us if you do not receive it within a few minutes.'
    ),
    gettext_noop(
        'Re-send Verification'
    ),
]
