"""Search lowers answers that may be out of date until someone re-verifies them."""

import pytest
from django.contrib.auth.models import Group

from community.models import Answer
from community.services import freshness
from gamification.privileges import CUSTOMER_SERVICE_GROUP
from search import selectors
from search.indexing import documents_for
from tests.factories import UserFactory

from . import content

pytestmark = pytest.mark.django_db


def keys(query):
    return [h.key for h in selectors.search(query=query, language="nl").response.hits]


def test_an_outdated_answer_ranks_below_a_current_one_until_reverified(index_now):
    verified = content.question("Hoe ontkalk ik mijn koffiezetapparaat?", "Hij loopt traag.",
                                answer="Ontkalk het koffiezetapparaat met een ontkalkingstablet.",
                                verified=True)
    plain = content.question("Koffiezetapparaat ontkalken, hoe?", "Er zit kalk in.",
                             answer="Ontkalk het koffiezetapparaat met een ontkalkingstablet.")
    index_now()
    assert keys("koffiezetapparaat ontkalken") == [f"question:{verified.pk}",
                                                   f"question:{plain.pk}"]

    outdated = Answer.objects.filter(question=verified)
    assert freshness.mark_possibly_outdated(answers=outdated, reason="product") == 1
    index_now()  # marking queued the question for indexing again
    [doc] = documents_for(f"question:{verified.pk}")
    assert doc.extra["outdated"] and doc.boost < 1.0
    assert keys("koffiezetapparaat ontkalken") == [f"question:{plain.pk}",
                                                   f"question:{verified.pk}"]

    staff = UserFactory()
    staff.groups.add(Group.objects.get_or_create(name=CUSTOMER_SERVICE_GROUP)[0])
    freshness.reverify_answer(answer=outdated.get(), by=staff)
    index_now()
    assert "outdated" not in documents_for(f"question:{verified.pk}")[0].extra
    assert keys("koffiezetapparaat ontkalken")[0] == f"question:{verified.pk}"
