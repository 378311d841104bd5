"""CSAT after each resolved ticket, NPS at most once per 90 days per person; one answer per
invitation through a signed link, in both languages."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from support import links, services
from support.models import SurveyInvitation

from .factories import ticket

pytestmark = pytest.mark.django_db


def _resolve(made, agent, capture):
    with capture(execute=True):
        services.resolve(ticket=made, by=agent)


def test_resolving_sends_csat_and_nps(agent, django_capture_on_commit_callbacks):
    made = ticket()
    _resolve(made, agent, django_capture_on_commit_callbacks)
    kinds = set(SurveyInvitation.objects.values_list("kind", flat=True))
    assert kinds == {"csat", "nps"}
    assert mail.outbox[-1].to == ["klant@example.nl"]
    assert mail.outbox[-1].body.count("/nl/contact/enquete/") == 2


def test_nps_at_most_once_per_90_days(agent, django_capture_on_commit_callbacks):
    _resolve(ticket(), agent, django_capture_on_commit_callbacks)
    _resolve(ticket(subject="Tweede vraag"), agent, django_capture_on_commit_callbacks)
    assert SurveyInvitation.objects.filter(kind="nps").count() == 1
    assert SurveyInvitation.objects.filter(kind="csat").count() == 2
    SurveyInvitation.objects.filter(kind="nps").update(sent_at=timezone.now() - timedelta(91))
    _resolve(ticket(subject="Derde vraag"), agent, django_capture_on_commit_callbacks)
    assert SurveyInvitation.objects.filter(kind="nps").count() == 2


def test_reopening_and_resolving_again_does_not_ask_twice(agent,
                                                          django_capture_on_commit_callbacks):
    made = ticket()
    _resolve(made, agent, django_capture_on_commit_callbacks)
    services.change_status(ticket=made, by=agent, status="open")
    _resolve(made, agent, django_capture_on_commit_callbacks)
    assert SurveyInvitation.objects.filter(kind="csat").count() == 1


def test_one_answer_per_invitation_through_the_signed_link(client, agent):
    made = ticket()
    services.resolve(ticket=made, by=agent)
    services.invite_after_resolve(ticket=made)
    csat = SurveyInvitation.objects.get(kind="csat")
    path = links.survey_url(csat).split("8000", 1)[-1]
    page = client.get(path).content.decode()
    assert "Hoe tevreden ben je over onze hulp?" in page
    client.post(path, {"score": 4, "comment": "Snel geholpen"})
    client.post(path, {"score": 1, "comment": "Toch niet"})
    csat.refresh_from_db()
    assert (csat.score, csat.comment, csat.agent, csat.topic) == (
        4, "Snel geholpen", agent, made.topic)
    assert "Je hebt deze vragenlijst al ingevuld" in client.get(path).content.decode()


def test_scores_out_of_range_are_refused(client, agent):
    made = ticket()
    services.resolve(ticket=made, by=agent)
    services.invite_after_resolve(ticket=made)
    nps = SurveyInvitation.objects.get(kind="nps")
    path = links.survey_url(nps).split("8000", 1)[-1]
    response = client.post(path, {"score": 11, "comment": "Waarom niet"})
    assert response.status_code == 200 and "Waarom niet" in response.content.decode()
    nps.refresh_from_db()
    assert nps.answered_at is None


def test_english_invitation(client, agent):
    made = ticket(language="en")
    services.resolve(ticket=made, by=agent)
    services.invite_after_resolve(ticket=made)
    path = links.survey_url(SurveyInvitation.objects.get(kind="nps")).split("8000", 1)[-1]
    assert path.startswith("/en/contact/survey/")
    assert "Why?" in client.get(path).content.decode()


def test_a_tampered_survey_link_is_refused(client, agent):
    made = ticket()
    services.resolve(ticket=made, by=agent)
    services.invite_after_resolve(ticket=made)
    path = links.survey_url(SurveyInvitation.objects.get(kind="csat")).split("8000", 1)[-1]
    assert client.get(path[:-3] + "zz/").status_code == 403


def test_results_per_topic_and_agent(agent):
    from support.selectors import survey_results

    for score in (5, 3):
        made = ticket()
        services.resolve(ticket=made, by=agent)
        services.invite_after_resolve(ticket=made)
        invitation = SurveyInvitation.objects.get(ticket=made, kind="csat")
        services.answer_survey(invitation=invitation, score=score)
    results = survey_results()
    assert results["csat"]["average"] == 4.0 and results["csat"]["answers"] == 2
    assert results["by_agent"][0] == {"agent": str(agent), "average": 4.0, "answers": 2}
    assert results["by_topic"][0]["topic"] == "bezorging"
