"""Shoppers for `make stress`: browsing, searching, asking, answering and voting.

Every write the site acknowledges (a redirect to the new post, a vote's JSON) is appended to
the file named by STRESS_ACK, every 5xx to STRESS_ERRORS; tests/stress/run.py checks both.
"""

import http.cookiejar
import json
import os
import random
import re

from locust import HttpUser, between, events, task

ORIGIN = os.environ.get("STRESS_ORIGIN", "https://127.0.0.1")
WORDS = ["pakket", "retour", "bezorging", "garantie", "betalen", "wasmachine", "koffie",
         "levertijd", "factuur", "ruilen", "accu", "lekt", "kapot"]
USERS = int(os.environ.get("STRESS_USERS", "12"))
PASSWORD = os.environ.get("STRESS_PASSWORD", "stress-test-wachtwoord")
QUESTIONS = [int(pk) for pk in os.environ.get("STRESS_QUESTIONS", "").split(",") if pk]
_next_user = iter(range(10_000))


def _append(path_env, record):
    with open(os.environ[path_env], "a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")


@events.request.add_listener
def _server_errors(request_type, name, response=None, exception=None, **kwargs):
    if response is not None and getattr(response, "status_code", 0) >= 500:
        _append("STRESS_ERRORS", {"method": request_type, "url": name,
                                  "status": response.status_code})


class _SecureOverLoopback(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure (TLS ends at the proxy); we talk plain HTTP to gunicorn
    with X-Forwarded-Proto: https, so keep them anyway (`Shopper._cookies` sends them)."""

    def return_ok_secure(self, cookie, request):
        return True

    def set_ok(self, cookie, request):
        return True


class Shopper(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.client.cookies.set_policy(_SecureOverLoopback())
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": ORIGIN,
                                    "Referer": ORIGIN + "/nl/"})
        self.number = next(_next_user) % USERS
        self.username = f"stress{self.number}"
        self.answers: list[int] = []
        page = self.get("/nl/accounts/login/", name="login form")
        self.post("/nl/accounts/login/", {
            "login": self.username, "password": PASSWORD, "csrfmiddlewaretoken": self._csrf(page),
        }, name="login")

    def _cookies(self) -> dict:
        # requests copies the jar with its default policy per request, which drops Secure
        # cookies over http: send them as a header ourselves.
        return {"Cookie": "; ".join(f"{c.name}={c.value}" for c in self.client.cookies)}

    def get(self, url, **kwargs):
        return self.client.get(url, headers=self._cookies(), **kwargs)

    def post(self, url, data, headers=None, **kwargs):
        return self.client.post(url, data, headers={**self._cookies(), **(headers or {})},
                                allow_redirects=False, **kwargs)

    def _csrf(self, page=None):
        token = self.client.cookies.get("csrftoken", "")
        if not token and page is not None:
            match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            token = match.group(1) if match else ""
        return token

    def _question(self):
        return random.choice(QUESTIONS)

    @task(5)
    def browse(self):
        self.get("/nl/", name="home")
        self.get("/nl/vragen/", name="questions")
        page = self.get(f"/nl/vragen/{self._question()}/", name="question")
        self.answers = [int(pk) for pk in re.findall(r'id="answer-(\d+)"', page.text)]

    @task(4)
    def search(self):
        word = random.choice(WORDS)
        self.get(f"/nl/zoeken/?q={word}", name="search")
        self.get(f"/api/v1/suggest?q={word[:4]}&lang=nl", name="suggest")

    @task(1)
    def ask(self):
        page = self.get("/nl/vragen/stellen/", name="ask form")
        title = f"Stressvraag {random.randint(0, 10**9)} over {random.choice(WORDS)}"
        response = self.post("/nl/vragen/stellen/", {
            "title": title, "body": "Een vraag uit de stresstest, lang genoeg om te plaatsen. "
            + " ".join(random.choices(WORDS, k=12)), "tags": "levering",
            "csrfmiddlewaretoken": self._csrf(page),
        }, name="ask")
        match = re.match(r"^/nl/vragen/(\d+)/", response.headers.get("Location", ""))
        if response.status_code == 302 and match:
            _append("STRESS_ACK", {"kind": "question", "pk": int(match.group(1)),
                                   "title": title})

    @task(2)
    def answer(self):
        question = self._question()
        body = f"Stressantwoord {random.randint(0, 10**9)}: " + " ".join(
            random.choices(WORDS, k=15))
        response = self.post(f"/nl/vragen/{question}/antwoord/", {
            "body": body, "csrfmiddlewaretoken": self._csrf(),
        }, name="answer")
        match = re.search(r"#answer-(\d+)$", response.headers.get("Location", ""))
        if response.status_code == 302 and match:
            _append("STRESS_ACK", {"kind": "answer", "pk": int(match.group(1)), "body": body})

    @task(3)
    def vote(self):
        if not self.answers:
            return
        answer = random.choice(self.answers)
        response = self.post(f"/nl/community/answer/{answer}/vote/", {
            "value": "up", "csrfmiddlewaretoken": self._csrf(),
        }, headers={"Accept": "application/json"}, name="vote")
        if response.status_code == 200:
            # Voting up again retracts the vote: what counts is the last state acknowledged.
            _append("STRESS_ACK", {"kind": "vote", "answer": answer, "user": self.username,
                                   "my_vote": response.json().get("my_vote") or 0})
