"""Demo support desk for `manage.py seed_demo` (steps 60-62), made through support.services:
the Klantenservice group and its member, tickets in every state and from every source (some
breaching the first-reply target), an escalated community question, private questions from the
ask form (and one posted in public anyway, stored masked), canned replies and answered surveys,
so the queue looks real. Safe to run again: existing tickets are kept."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from community.models import Question, User
from community.pii import scrub

from . import services
from .models import CannedReply, Priority, Source, Status, SurveyInvitation, Ticket, Topic
from .models.topics import ensure_default_topics
from .roles import ensure_support_group

SUPPORT_LOGIN = ("support", "support@vraagbaak.example", "vraagbaak-support")
# Printed by seed_demo after the community's logins.
LOGINS = [SUPPORT_LOGIN]

CANNED = [
    ("nl", "Track-and-trace", "Hoi! Je pakket is onderweg. Met de track-and-trace code uit de "
                              "verzendmail zie je precies waar het is. Groet, Klantenservice"),
    ("nl", "Retour ontvangen", "Hoi! We hebben je retour ontvangen; je geld staat binnen 3 "
                               "werkdagen op je rekening. Groet, Klantenservice"),
    ("en", "Track and trace", "Hi! Your parcel is on its way. The tracking code in the shipping "
                              "e-mail shows where it is. Kind regards, Customer service"),
]

# (subject, body, topic, source, state, hours ago, requester username or e-mail, order number)
TICKETS = [
    ("Pakket niet ontvangen", "Mijn bestelling 20241187 zou gisteren komen maar er is niets.",
     "bezorging", Source.CONTACT, "new", 30, "klant.jansen@example.nl", "20241187"),
    ("Dubbel betaald", "Ik zie twee afschrijvingen voor dezelfde bestelling.",
     "betalen", Source.CONTACT, "new", 11, "sanne", "20241201"),
    ("Retourlabel werkt niet", "De barcode op het retourlabel wordt niet gescand.",
     "retourneren", Source.CONTACT, "new", 1, "bram", ""),
    ("Factuur op bedrijfsnaam", "Kan de factuur op mijn bedrijfsnaam? KvK volgt.",
     "bestellen", Source.CONTACT, "open", 5, "fatima", "20240990"),
    ("Wachtwoord-mail komt niet aan", "Ik krijg de mail om mijn wachtwoord te herstellen niet.",
     "account", Source.CONTACT, "waiting", 50, "joost", ""),
    ("Adres wijzigen", "Mijn bestelling 20241222 moet naar mijn nieuwe adres, Dorpsstraat 12.",
     "bezorging", Source.PRIVATE, "open", 3, "sanne", "20241222"),
    ("Koffiezetapparaat lekt", "Na twee weken lekt het apparaat aan de onderkant.",
     "product", Source.CONTACT, "resolved", 120, "bram", "20240801"),
    ("Where is my parcel?", "My order 20241150 has not arrived yet.",
     "bezorging", Source.CONTACT, "resolved", 96, "parcel.waiting@example.com", "20241150"),
]


def seed_support_desk() -> None:
    """The group, its demo member (also a community moderator by being staff, so replies can
    become verified answers), topics and canned replies."""
    ensure_default_topics()
    group = ensure_support_group()
    username, email, password = SUPPORT_LOGIN
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": email, "display_name": "Kim van de Klantenservice",
                                     "is_staff": True})
    if created:
        user.set_password(password)
        # The customer-service desk has been there longer than the demo's community.
        user.date_joined = timezone.now() - timedelta(days=240)
        user.save(update_fields=["password", "date_joined"])
    user.groups.add(group)
    EmailAddress.objects.get_or_create(user=user, email=email,
                                       defaults={"verified": True, "primary": True})
    for language, title, body in CANNED:
        CannedReply.objects.get_or_create(title=title, language=language,
                                          defaults={"body": body})


def _requester(who: str):
    return (None, who) if "@" in who else (User.objects.filter(username=who).first(), "")


def seed_tickets() -> None:
    agent = User.objects.get(username=SUPPORT_LOGIN[0])
    for subject, body, topic, source, state, hours, who, order in TICKETS:
        if Ticket.objects.filter(subject=subject).exists():
            continue
        user, email = _requester(who)
        if user is None and not email:
            continue
        ticket = services.create_ticket(
            subject=subject, body=body, language="en" if subject.startswith("Where") else "nl",
            source=source, topic=Topic.objects.get(slug=topic), requester=user, email=email,
            order_number=order, form_token=f"demo:{subject}",
            trail={"searches": [{"query": subject.lower(), "results": 2, "clicked": [],
                                 "at": ""}], "suggestions": [], "pages": [],
                   "shown_on_contact": []},
        )
        Ticket.objects.filter(pk=ticket.pk).update(
            created_at=timezone.now() - timedelta(hours=hours))
        _play(ticket, agent, state)


def _play(ticket, agent, state) -> None:
    if state == "new":
        return
    if state == "open":
        services.assign(ticket=ticket, by=agent, assignee=agent)
        services.change_status(ticket=ticket, by=agent, status=Status.OPEN)
        services.add_note(ticket=ticket, by=agent, body="Navragen bij het magazijn.")
        return
    services.reply(ticket=ticket, by=agent, body="Dank voor je bericht! We hebben het "
                                                   "nagekeken; zie hieronder wat je kunt doen.")
    if state == "resolved":
        services.resolve(ticket=ticket, by=agent)
        for invitation in services.invite_after_resolve(ticket=ticket):
            score = 5 if invitation.kind == SurveyInvitation.Kind.CSAT else 9
            services.answer_survey(invitation=invitation, score=score, comment="Snel geholpen!")


def seed_escalations() -> None:
    """An unanswered community question escalated, and negative feedback as a ticket."""
    question = (Question.objects.filter(answer_count=0, status=Question.Status.OPEN,
                                        visibility="published").order_by("created_at").first())
    if question and not Ticket.objects.filter(question=question).exists():
        Question.objects.filter(pk=question.pk).update(
            created_at=min(question.created_at, timezone.now() - timedelta(hours=30)))
        services.escalate_unanswered_questions(after_hours=24)
    services.escalate_feedback()
    Ticket.objects.filter(priority=Priority.NORMAL, source=Source.FEEDBACK).update(
        priority=Priority.LOW)


# Drafts from the community ask form that held personal data. (username, title, body, how):
# "private" went to the desk as a private question, as "Stel het privé aan de klantenservice"
# does; "public" was posted anyway ("Toch openbaar plaatsen"), so the services store it masked.
PRIVATE_DRAFTS = [
    ("fatima", "Bestelling VB-2026-118004 dubbel afgeschreven",
     "Ik zie twee afschrijvingen van €64,90 op NL91 ABNA 0417 1643 00. Kunnen jullie er één "
     "terugstorten? Bel me gerust op 06 1234 5678.", "private"),
    ("joost", "Order 20241315 sent to my old address",
     "Please send it to Prinsengracht 263, 1016 GV Amsterdam instead. My e-mail is "
     "joost.demo+orders@example.com.", "private"),
    ("bram", "Bestelling 20241288 kwam zonder oplader",
     "In de doos zat geen oplader. Mijn telefoonnummer is 06 8765 4321 als jullie vragen "
     "hebben. Heeft iemand dit ook gehad?", "public"),
]


def seed_private_questions() -> None:
    """Private questions through the same service call as the ask form's private route, and
    drafts posted in public anyway through community's ask_question (stored masked)."""
    from community.services import ask_question, notifications

    for username, title, body, how in PRIVATE_DRAFTS:
        author = User.objects.filter(username=username).first()
        if author is None:
            continue
        language = "en" if title.startswith("Order") else "nl"
        if how == "private":
            # The form token makes a second run return the same ticket.
            services.create_ticket(subject=title, body=f"{title}\n\n{body}", language=language,
                                   source=Source.PRIVATE, requester=author,
                                   form_token=f"demo:private:{username}")
            continue
        if not Question.objects.filter(author=author, title=scrub(title)).exists():
            with notifications.quiet():
                ask_question(author=author, title=title, body=body, tags=["levering"],
                             locale=language, pii_confirmed=True)


STEPS = [
    (60, "support desk", seed_support_desk),
    (61, "support tickets", seed_tickets),
    (62, "escalated questions", seed_escalations),
    (63, "private questions", seed_private_questions),
]
