"""Demo suggested edits and close votes for `manage.py seed_demo` (steps 44 and 45).

Three regulars reach the "suggest edits" level and suggest edits: one was approved earlier
(its +2 is in the ledger), two wait in the queue, one on a question and one on an answer.
Three regulars reach the "vote to close" level: they closed an off-topic question together,
and two of them have voted on another one that is not closed yet. Everything goes through
community.services; running the steps again adds nothing.
"""

from gamification import privileges, rates
from gamification import services as gamification
from gamification.selectors import reputation_of

from . import services
from .models import Answer, CloseVote, PostStatus, Question, SuggestedEdit, User
from .services import notifications

SUGGESTERS = ("lotte", "mehmet", "anouk")
CLOSE_VOTERS = ("bram", "fatima", "joost")

# (suggester, question title, answer author or None for the question, edit, approved)
SUGGESTED_EDITS = [
    (
        "lotte",
        "Kan ik de garantie verlengen?",
        "pieter",
        {
            "body": "Vaak niet: je hebt wettelijk al recht op een product dat zo lang meegaat "
            "als je redelijkerwijs mag verwachten, ook als de fabrieksgarantie voorbij is. "
            "Kijk dus eerst wat de verlengde garantie daar nog bovenop geeft.",
            "summary": "Uitgelegd wat de wettelijke garantie al dekt",
        },
        True,
    ),
    (
        "mehmet",
        "Stofzuiger maakt hard fluitend geluid",
        None,
        {
            "title": "Zephyr X stofzuiger maakt hard fluitend geluid",
            "body": "Sinds gisteren fluit mijn Zephyr X heel hard tijdens het zuigen.",
            "tags": ["stofzuiger", "onderhoud", "zephyr-x"],
            "summary": "Productnaam in de titel en als tag, zodat anderen de vraag vinden",
        },
        False,
    ),
    (
        "anouk",
        "Kan ik met Apple Pay betalen?",
        "mehmet",
        {
            "body": "In de app wel, op de website (nog) niet. Op de website kun je wel met "
            "iDEAL, een creditcard of achteraf met Klarna betalen.",
            "summary": "Aangevuld met wat op de website wel kan",
        },
        False,
    ),
]

# (author, title, body, tags, voters): all voters' votes close it when there are enough.
CLOSE_VOTED = [
    (
        "daan",
        "Weet iemand een goede fietsenmaker in Utrecht?",
        "Mijn fiets heeft een lekke band en een slag in het voorwiel. Wie kent er een "
        "fietsenmaker in Utrecht-Oost die snel kan helpen?",
        ["fiets"],
        CLOSE_VOTERS,
    ),
    (
        "emma",
        "Welke wasmachine is het zuinigst?",
        "We gaan verhuizen en hebben een nieuwe wasmachine nodig. Welk merk gebruikt het "
        "minste stroom en water? Verkopen jullie die ook?",
        ["huishouden"],
        CLOSE_VOTERS[:2],
    ),
]


def _lift(usernames, *, points: int, why: str) -> list[User]:
    """The demo members `usernames`, each with at least `points` reputation (a staff grant
    through the ledger makes up the difference)."""
    admin = User.objects.get(username="admin")
    members = list(User.objects.filter(username__in=usernames).order_by("username"))
    for member in members:
        missing = points - reputation_of(member)
        if missing > 0:
            gamification.grant_points(user=member, points=missing, by=admin, why=why)
            member.__dict__.pop("_gamification_reputation", None)
    return members


def _post(title: str, answerer: str | None):
    question = Question.objects.filter(title=title).first()
    if question is None or answerer is None:
        return question
    return Answer.objects.filter(
        question=question, author__username=answerer, visibility=PostStatus.PUBLISHED
    ).first()


def seed_suggested_edits() -> None:
    """Suggestions from members at the suggest-edits level (below direct editing); the
    moderator approved one earlier. A suggestion its member already made is skipped."""
    _lift(
        SUGGESTERS,
        points=privileges.threshold(privileges.EDIT_OTHERS_REVIEWED) + 50,
        why="Demo: helpt mee met bewerken",
    )
    members = {u.username: u for u in User.objects.filter(username__in=SUGGESTERS)}
    moderator = User.objects.get(username="moderator")
    with notifications.quiet(), rates.unlimited():
        for username, title, answerer, edit, approved in SUGGESTED_EDITS:
            post = _post(title, answerer)
            field = "answer" if answerer else "question"
            if post is None or SuggestedEdit.objects.filter(
                author=members[username], **{field: post}
            ).exists():
                continue
            suggestion = services.suggest_edit(post=post, by=members[username], **edit)
            if approved:
                services.approve_edit(suggestion=suggestion, by=moderator)


def seed_close_votes() -> None:
    """Off-topic questions with votes to close from members at the close-vote level: the
    first reached the votes needed and is closed with the reason shown, the second waits
    for more votes."""
    _lift(
        CLOSE_VOTERS,
        points=privileges.threshold(privileges.VOTE_CLOSE),
        why="Demo: ervaren lid dat meehelpt modereren",
    )
    users = {u.username: u for u in User.objects.all()}
    moderator = users["moderator"]
    with notifications.quiet(), rates.unlimited():
        for author, title, body, tags, voters in CLOSE_VOTED:
            question = Question.objects.filter(title=title).first()
            if question is not None:
                continue
            question = services.ask_question(
                author=users[author], title=title, body=body, tags=tags, locale="nl"
            )
            if question.visibility == PostStatus.PENDING:  # a first post waits like anyone's
                services.review_post(post=question, by=moderator, approve=True)
            for voter in voters:
                services.vote_to_close(
                    question=question, by=users[voter], reason=CloseVote.Reason.OFF_TOPIC
                )
