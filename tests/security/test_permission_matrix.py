"""Every URL the site routes, requested as every role, answers with the status this table says.

The table is generated against the URL configuration: a named pattern (or an included app we
delegate, like Wagtail's admin) without a row fails `test_every_url_pattern_has_a_row`, naming
the pattern. Adding a row is one line: `Row("app:name", url, get=..., post=...)`.

Expectations are written `"role=status ..."`, with `*` for every role not named. Statuses:
`200`, `login` (a redirect to a sign-in page), `302` (any other redirect), `no` (a redirect
carrying an error message: the action was refused politely), `403`, `404`, `405`, or `-`
(not requested). Roles: anon, new (fresh account), shopper (established,
200 reputation), high (3000), suspended, moderator, editor (Wagtail editor), support
(group "Klantenservice") and admin (superuser).

Each request runs inside a savepoint that is rolled back, so one role's POST never changes
what the next role sees. POSTs carry a CSRF token the way a browser sends one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from .world import ROLES, World, build

# Included URL configurations we do not own, tested through their entry point only.
DELEGATED = ("admin/", "documents/")


@dataclass
class Row:
    pattern: str  # the URL name ("community:vote") or, for DELEGATED, the include prefix
    url: Callable[[World], str]
    get: str = "-"
    post: str = "-"
    data: Callable[[World], dict] = field(default=lambda w: {})
    note: str = ""
    json: bool = False  # POST a JSON body with the CSRF header, as static/js does


def u(name, *args, **kwargs):
    """The Dutch URL of `name`; args may be callables taking the world."""

    def build_url(w):
        with translation.override("nl"):
            return reverse(name, args=[a(w) if callable(a) else a for a in args],
                           kwargs={k: v(w) if callable(v) else v for k, v in kwargs.items()})

    return build_url


def at(path):
    return lambda w: path


Q = lambda w: w.question.pk  # noqa: E731
A = lambda w: w.answer.pk  # noqa: E731
C = lambda w: w.comment.pk  # noqa: E731
P = lambda w: w.pending.pk  # noqa: E731
D = lambda w: w.deleted.pk  # noqa: E731
DA = lambda w: w.deleted_answer.pk  # noqa: E731
OWNER = lambda w: w.owner.username  # noqa: E731

# Who may do what, in short: everyone reads public pages; signing in is needed to write;
# hidden posts (pending, deleted) are 404 for everyone but moderators and admins;
# moderation pages are for moderators and admins.
MOD = "moderator=200 admin=200"
HIDDEN_GET = f"*=404 {MOD}"
SIGNED_IN = "anon=login *=200"
MODS_ONLY = f"anon=login *=403 {MOD}"
# A POST action on a post: sign in first; refusals come back as a message on a redirect.
ACTION = "anon=login *=302"
# Hidden posts are a 404 before anything else: no login redirect, no 405 for a GET.
HIDDEN_ACTION = "*=404 moderator=302 admin=302"
HIDDEN_GET_ACTION = "*=404 moderator=405 admin=405"
HIDDEN_EMPTY_ANSWER = "*=404 moderator=400 admin=400"
# Moderator-only actions, and actions that need reputation (15 to vote up or flag, 50 to
# comment on others' posts): editors and support staff are not moderators and start at 1.
MOD_ACTION = "anon=login *=no moderator=302 admin=302"
REPUTATION_ACTION = "anon=login *=no shopper=302 high=302 moderator=302 admin=302"
ANSWER_DATA = lambda w: {"body": "Nog een antwoord: bel de vervoerder met je code."}  # noqa: E731
COMMENT_DATA = lambda w: {"body": "Heb je al bij de buren gekeken?"}  # noqa: E731

MATRIX = [
    # Project-level
    Row("healthz", at("/healthz"), get="*=200"),
    Row("sitemap", at("/sitemap.xml"), get="*=200"),
    Row("brand_css", at("/brand.css"), get="*=200"),
    Row("privacy", u("privacy"), get="*=200"),
    Row("cookies", u("cookies"), get="*=200"),
    Row("set_language", u("set_language"), get="*=302", post="*=302",
        data=lambda w: {"language": "en", "next": "/en/"}),
    Row("^media/(?P<path>.*)$", at("/media/nothing-here.png"), get="*=404"),
    Row("admin/", at("/admin/"), get="anon=login new=login shopper=login high=login "
        "suspended=login moderator=login support=200 editor=200 admin=200"),
    Row("documents/", at("/documents/999999/missing.pdf"), get="*=404"),
    # Search API (outside the language prefix)
    Row("search_api:suggest", at("/api/v1/suggest?q=pakket&lang=nl"), get="*=200"),
    Row("search_api:suggest-go", at("/api/v1/suggest/go?s=1&p=1&to=/nl/"), get="*=302"),
    Row("search_api:suggest-confirm", at("/api/v1/suggest/confirm"), get="*=405", post="*=400",
        json=True),
    Row("search_api:suggest-posted", at("/api/v1/suggest/posted"), get="*=405", post="*=400",
        json=True),
    # Accounts (allauth)
    Row("account_login", u("account_login"), get="anon=200 *=302",
        post="anon=200 *=302", data=lambda w: {"login": "x@example.nl", "password": "nee"}),
    Row("account_logout", u("account_logout"), get="anon=302 *=200", post="*=302"),
    Row("account_inactive", u("account_inactive"), get="*=200"),
    Row("account_signup", u("account_signup"), get="anon=200 *=302"),
    Row("account_reauthenticate", u("account_reauthenticate"), get=SIGNED_IN),
    Row("account_email", u("account_email"), get=SIGNED_IN),
    Row("account_email_verification_sent", u("account_email_verification_sent"), get="*=200"),
    Row("account_change_password", u("account_change_password"), get=SIGNED_IN),
    Row("account_set_password", u("account_set_password"), get="anon=login *=302"),
    Row("account_reset_password", u("account_reset_password"), get="*=200"),
    Row("account_confirm_login_code", u("account_confirm_login_code"), get="anon=login *=302"),
    Row("account_confirm_email", u("account_confirm_email", "onzin"), get="*=200"),
    Row("account_reset_password_from_key_done", u("account_reset_password_from_key_done"),
        get="*=200"),
    Row("account_reset_password_from_key", u("account_reset_password_from_key", "1", "onzin"),
        get="*=200"),
    Row("account_reset_password_done", u("account_reset_password_done"), get="*=200"),
    # Two-factor sign-in (allauth.mfa)
    Row("mfa_index", u("mfa_index"), get=SIGNED_IN),
    Row("mfa_authenticate", u("mfa_authenticate"), get="anon=login *=302"),
    Row("mfa_reauthenticate", u("mfa_reauthenticate"), get="anon=login *=302"),
    Row("mfa_activate_totp", u("mfa_activate_totp"), get="anon=login *=302"),
    Row("mfa_deactivate_totp", u("mfa_deactivate_totp"), get="anon=login *=404"),
    Row("mfa_view_recovery_codes", u("mfa_view_recovery_codes"), get="anon=login *=404"),
    Row("mfa_generate_recovery_codes", u("mfa_generate_recovery_codes"),
        get="anon=login *=302"),
    Row("mfa_download_recovery_codes", u("mfa_download_recovery_codes"),
        get="anon=login *=404"),
    # Help centre (kb)
    Row("wagtail_serve", at("/nl/"), get="*=200"),
    Row("wagtailcore_login", u("wagtailcore_login"), get="*=200"),
    Row("wagtailcore_authenticate_with_password",
        u("wagtailcore_authenticate_with_password", 999999, 999999), get="*=404"),
    Row("kb:product", u("kb:product", "bestaat-niet"), get="*=404"),
    Row("kb:service_promise", u("kb:service_promise"), get="*=404",
        note="this world has no service-promise page"),
    Row("kb:page_feedback", u("kb:page_feedback", 999999), get="*=405", post="*=404"),
    Row("kb:dismiss_announcement", u("kb:dismiss_announcement", 999999), get="*=405",
        post="*=404"),
    Row("kb:page_seen", u("kb:page_seen", 999999), get="*=200",
        note="the page-view pixel answers for any id and counts only real pages"),
    Row("kb:video_file", u("kb:video_file", 999999, "film.mp4"), get="*=404"),
    # Reputation
    Row("gamification:badges", u("gamification:badges"), get="*=200"),
    Row("gamification:awards_seen", u("gamification:awards_seen"), get="*=405",
        post="anon=login *=302"),
    Row("gamification:leaderboard", u("gamification:leaderboard"), get="*=200"),
    # Members and settings
    Row("community:members", u("community:members"), get="*=200"),
    Row("community:profile", u("community:profile", OWNER), get="*=200"),
    Row("community:suspend", u("community:suspend", OWNER), get="anon=login *=405",
        post=MOD_ACTION, data=lambda w: {"days": "1", "why": "test"}),
    Row("community:settings", u("community:settings"), get=SIGNED_IN),
    Row("community:notification_settings", u("community:notification_settings"), get=SIGNED_IN),
    Row("community:inbox", u("community:inbox"), get=SIGNED_IN),
    Row("community:export_data", u("community:export_data"), get=SIGNED_IN,
        post="anon=login *=405"),
    Row("community:delete_account", u("community:delete_account"), get=SIGNED_IN,
        post="anon=login *=200", data=lambda w: {"password": "fout", "confirm": "on"},
        note="a wrong password re-renders the form"),
    # Questions: lists and forms
    Row("community:questions", u("community:questions"), get="*=200"),
    Row("community:ask", u("community:ask"), get=SIGNED_IN),
    Row("community:pii_check", u("community:pii_check"), get="*=405", post="anon=403 *=200",
        json=True, data=lambda w: {"title": "Bestelling 12345678", "body": ""}),
    Row("community:tag", u("community:tag", "levering"), get="*=200"),
    Row("community:product", u("community:product", "bestaat-niet"), get="*=404"),
    Row("community:review", u("community:review"), get=f"anon=login *=403 high=200 {MOD}"),
    Row("community:audit_log", u("community:audit_log"), get=MODS_ONLY),
    Row("community:follow_key", u("community:follow_key"), get="anon=login *=405",
        post=ACTION, data=lambda w: {"target": "tag", "key": "levering"}),
    # One public question, then the hidden ones: every route must 404 for those who may not
    # see them (issue 15: hidden means hidden).
    Row("community:question_short", u("community:question_short", Q), get="*=302"),
    Row("community:question_short", u("community:question_short", P), get=HIDDEN_GET.replace(
        "=200", "=302"), note="pending: no slug redirect leaking the title"),
    Row("community:question_short", u("community:question_short", D), get=HIDDEN_GET.replace(
        "=200", "=302"), note="deleted"),
    Row("community:question", u("community:question", Q, lambda w: w.question.slug), get="*=200"),
    Row("community:question", u("community:question", P, lambda w: w.pending.slug),
        get=HIDDEN_GET, note="pending"),
    Row("community:question", u("community:question", D, lambda w: w.deleted.slug),
        get=HIDDEN_GET, note="deleted"),
    Row("community:answer", u("community:answer", Q), get="anon=login *=302",
        post="anon=login suspended=400 *=302", data=ANSWER_DATA),
    Row("community:answer", u("community:answer", P), get="*=404 moderator=302 admin=302",
        post=HIDDEN_EMPTY_ANSWER, data=lambda w: {"body": ""},
        note="pending: the empty-answer error page must not render it"),
    Row("community:answer", u("community:answer", D), get="*=404 moderator=302 admin=302",
        post=HIDDEN_EMPTY_ANSWER, data=lambda w: {"body": ""}, note="deleted"),
    Row("community:edit_question", u("community:edit_question", Q),
        get="anon=login *=403 high=200 " + MOD),
    Row("community:edit_question", u("community:edit_question", P),
        get=HIDDEN_GET, note="pending"),
    Row("community:question_history", u("community:question_history", Q), get="*=200"),
    Row("community:question_history", u("community:question_history", P), get=HIDDEN_GET,
        note="pending"),
    Row("community:question_history", u("community:question_history", D), get=HIDDEN_GET,
        note="deleted"),
    Row("community:moderate", u("community:moderate", Q), get="anon=login *=405",
        post=MOD_ACTION, data=lambda w: {"action": "lock", "why": "test"}),
    Row("community:moderate", u("community:moderate", P), get=HIDDEN_GET_ACTION,
        post=HIDDEN_ACTION,
        data=lambda w: {"action": "lock", "why": "test"}, note="pending"),
    Row("community:promote", u("community:promote", Q), get=MODS_ONLY),
    Row("community:promote", u("community:promote", D), get=HIDDEN_GET,
        note="deleted"),
    Row("community:edit_answer", u("community:edit_answer", A),
        get="anon=login *=403 high=200 " + MOD),
    Row("community:edit_answer", u("community:edit_answer", DA), get=HIDDEN_GET,
        note="deleted answer"),
    Row("community:answer_history", u("community:answer_history", A), get="*=200"),
    Row("community:answer_history", u("community:answer_history", DA), get=HIDDEN_GET,
        note="deleted answer"),
    # Actions on posts (POST only)
    Row("community:vote", u("community:vote", "answer", A), get="anon=login *=405",
        post=REPUTATION_ACTION, data=lambda w: {"value": "up"}),
    Row("community:vote", u("community:vote", "question", P), get=HIDDEN_GET_ACTION,
        post=HIDDEN_ACTION, data=lambda w: {"value": "up"}, note="pending"),
    Row("community:vote", u("community:vote", "answer", DA), get=HIDDEN_GET_ACTION,
        post=HIDDEN_ACTION, data=lambda w: {"value": "up"}, note="deleted answer"),
    Row("community:vote", u("community:vote", "comment", C), get="*=404",
        post="*=404", data=lambda w: {"value": "up"}, note="unsupported kind"),
    Row("community:comment", u("community:comment", "question", Q), get="anon=login *=405",
        post=REPUTATION_ACTION, data=COMMENT_DATA, note="commenting on others' posts: 50"),
    Row("community:comment", u("community:comment", "question", D), get=HIDDEN_GET_ACTION,
        post=HIDDEN_ACTION, data=COMMENT_DATA, note="deleted"),
    Row("community:comment", u("community:comment", "comment", C), get="*=404",
        post="*=404", data=COMMENT_DATA, note="unsupported kind"),
    Row("community:flag", u("community:flag", "question", Q), get=SIGNED_IN,
        post="anon=login new=200 suspended=200 editor=200 support=200 *=302",
        data=lambda w: {"reason": "spam"}, note="a refusal re-renders the form"),
    Row("community:flag", u("community:flag", "question", P), get=HIDDEN_GET,
        post=HIDDEN_ACTION, data=lambda w: {"reason": "spam"}, note="pending"),
    Row("community:accept", u("community:accept", "answer", A), get="anon=login *=405",
        post="anon=login *=no", note="only the asker accepts"),
    Row("community:accept", u("community:accept", "answer", DA), get=HIDDEN_GET_ACTION,
        post="*=404 moderator=no admin=no", note="deleted answer; only the asker accepts"),
    Row("community:verify", u("community:verify", "answer", A), get="anon=login *=405",
        post=MOD_ACTION + " support=302", note="customer service verifies answers too"),
    Row("community:follow", u("community:follow", "question", Q), get="anon=login *=405",
        post=ACTION),
    Row("community:follow", u("community:follow", "question", P), get=HIDDEN_GET_ACTION,
        post=HIDDEN_ACTION, note="pending"),
    Row("community:review_post", u("community:review_post", "question", P),
        get=HIDDEN_GET_ACTION, post=HIDDEN_ACTION, data=lambda w: {"approve": "1"},
        note="pending"),
    Row("community:delete", u("community:delete", "question", Q), get="anon=login *=405",
        post=MOD_ACTION),
    Row("community:delete", u("community:delete", "question", D), get=HIDDEN_GET_ACTION,
        post=HIDDEN_ACTION, data=lambda w: {"undelete": "1"}, note="deleted"),
    Row("community:reverify", u("community:reverify", A), get="anon=login *=405",
        post="anon=login *=403 moderator=302 admin=302 support=302",
        note="moderators and customer service re-check answers"),
    Row("community:reverify_queue", u("community:reverify_queue"),
        get="anon=login *=403 moderator=200 admin=200 support=200"),
    Row("community:close_vote", u("community:close_vote", Q), get="anon=login *=405",
        post="anon=login *=no high=302 moderator=302 admin=302",
        data=lambda w: {"kind": "close", "reason": "off_topic"}, note="from 3,000 reputation"),
    Row("community:suggested_edits", u("community:suggested_edits"),
        get="anon=login *=403 high=200 moderator=200 admin=200"),
    Row("community:suggested_edit", u("community:suggested_edit", 999999),
        get="anon=login *=404", note="no such suggestion"),
    Row("community:improve_edit", u("community:improve_edit", 999999),
        get="*=404", post="*=404", note="no such suggestion: a 404 before anything else"),
    # Search pages
    Row("search:search", lambda w: u("search:search")(w) + "?q=pakket", get="*=200"),
    Row("search:click", lambda w: u("search:click")(w) + "?s=1&p=1&to=/nl/", get="*=302"),
    # Support
    Row("support:contact", u("support:contact"), get="*=200"),
    Row("support:private_question", u("support:private_question"), get="anon=login *=405",
        post="anon=login *=302", data=lambda w: {"title": "Mijn bestelling", "body": "Kwijt."}),
    Row("support:my_tickets", u("support:my_tickets"), get=SIGNED_IN),
    Row("support:my_ticket", u("support:my_ticket", lambda w: w.ticket.reference),
        get="anon=login *=404", note="someone else's private ticket"),
    Row("support:ticket_link", u("support:ticket_link", "vervalst"), get="*=403",
        note="a tampered link is refused with a page"),
    Row("support:survey", u("support:survey", "vervalst"), get="*=403"),
    Row("support:ask_back", u("support:ask_back", "vervalst"), get="*=403"),
    Row("support:attachment", u("support:attachment", 999999), get="*=404",
        note="a 404, not a login page: an attachment's existence is not confirmed"),
    Row("support:ticket_link_attachment",
        u("support:ticket_link_attachment", "vervalst", 999999), get="*=404"),
]


def parse(spec: str) -> dict[str, str]:
    """`"anon=login *=200"` -> {role: status} for every role."""
    if spec == "-":
        return {}
    given = dict(part.split("=") for part in spec.split())
    default = given.pop("*", None)
    unknown = set(given) - set(ROLES)
    assert not unknown, f"unknown roles {unknown} in {spec!r}"
    return {role: given.get(role, default) for role in ROLES}


def outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        location = response.headers["Location"]
        if "/login" in location or "/inloggen" in location:
            return "login"
        storage = getattr(response.wsgi_request, "_messages", None)
        queued = getattr(storage, "_queued_messages", [])
        return "no" if any(m.level >= messages.ERROR for m in queued) else "302"
    return str(response.status_code)


def walk(resolver=None, prefix="", namespace=""):
    """(key, route) for every pattern: its name (with namespace), or the include prefix for
    a DELEGATED app, or the route itself for an unnamed pattern."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern) in DELEGATED:
                yield str(pattern.pattern), route
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            yield (namespace + pattern.name if pattern.name else str(pattern.pattern)), route


def test_every_url_pattern_has_a_row():
    rows = {row.pattern for row in MATRIX}
    missing = sorted({f"{route}  (name {key!r})" for key, route in walk() if key not in rows})
    assert not missing, (
        "These URL patterns have no row in tests/security/test_permission_matrix.py MATRIX; "
        "add `Row(<name>, <url>, get=..., post=...)` for each:\n  " + "\n  ".join(missing)
    )


def test_rows_name_real_patterns():
    known = {key for key, _route in walk()}
    assert not [row.pattern for row in MATRIX if row.pattern not in known]


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from kb.demo import seed_home_pages

        seed_home_pages()
        cls.world = build()

    def request(self, role: str, method: str, url: str, data: dict, json=False) -> str:
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        user = self.world.users[role]
        if user is not None:
            client.force_login(user)
        token = _get_new_csrf_string()
        client.cookies["csrftoken"] = token
        from django.core.cache import cache

        cache.clear()  # rate limits must not decide the outcome
        with transaction.atomic():
            if method == "get":
                response = client.get(url)
            elif json:
                response = client.post(url, data, content_type="application/json",
                                       headers={"X-CSRFToken": token})
            else:
                response = client.post(url, {**data, "csrfmiddlewaretoken": token})
            transaction.set_rollback(True)
        return outcome(response)

    def test_every_role_gets_the_status_the_table_says(self):
        wrong = []
        for row in MATRIX:
            url = row.url(self.world)
            for method in ("get", "post"):
                for role, expected in parse(getattr(row, method)).items():
                    if expected == "-":
                        continue
                    got = self.request(role, method, url, row.data(self.world), row.json)
                    if got != expected:
                        wrong.append(f"{method.upper()} {url} [{row.pattern}"
                                     f"{', ' + row.note if row.note else ''}] as {role}: "
                                     f"expected {expected}, got {got}")
        assert not wrong, f"{len(wrong)} answers differ from the table:\n" + "\n".join(wrong)

    def test_a_post_without_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.world.users["shopper"])
        with translation.override("nl"):
            url = reverse("community:comment", args=["question", self.world.question.pk])
        response = client.post(url, {"body": "Zonder token"})
        assert response.status_code == 403
