"""Production serving: WhiteNoise serves collected, compressed, hash-named static files."""

from .test_settings import production_env, run_manage

PROBE = """
from django.templatetags.static import static
from django.test import Client
url = static("css/site.css")
response = Client().get(url, secure=True, headers={"accept-encoding": "gzip"})
print(url, response.status_code, response.headers.get("Content-Encoding"),
      response.headers.get("Cache-Control"), sep="|")
"""


def test_collected_static_files_are_hashed_compressed_and_cached_forever(tmp_path):
    env = production_env(VRAAGBAAK_VAR_DIR=str(tmp_path))
    collected = run_manage("collectstatic", "--noinput", **env)
    assert collected.returncode == 0, collected.stderr
    result = run_manage("shell", "-c", PROBE, **env)
    url, status, encoding, cache_control = result.stdout.strip().splitlines()[-1].split("|")
    assert url.startswith("/static/css/site.") and url.endswith(".css")
    assert url != "/static/css/site.css"
    assert status == "200"
    assert encoding == "gzip"
    assert "immutable" in cache_control
