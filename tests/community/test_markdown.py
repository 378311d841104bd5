"""community.markdown: member Markdown becomes safe HTML, whatever they type."""

from html.parser import HTMLParser

import pytest

from community.markdown import count_links, render

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](java\tscript:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[klik](javascript&colon;alert(1))",
    "[klik](vbscript:msgbox(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[klik](http://x.nl "onmouseover=alert(1)")',
    '[klik](http://x.nl" onmouseover="alert(1))',
    "![x](javascript:alert(1))",
    '![x" onerror="alert(1)](http://x.nl/a.png)',
    "<javascript:alert(1)>",
    "[a]: javascript:alert(1)\n\n[klik][a]",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="behavior:url(x.htc)">x</p>',
    "<style>body{background:red}</style>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<base href=javascript:alert(1)//>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "> <script>alert(1)</script>",
    "* <img src=x onerror=alert(1)>\n* [x](javascript:alert(1))",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "**<script>**alert(1)**</script>**",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="http://x.nl" onclick="alert(1)">x</a>',
    '<a href="http://x.nl" target="_blank">x</a>',
    "<table><tr><td background=javascript:alert(1)>x</td></tr></table>",
    "[x](  javascript:alert(1)  )",
    "[x](<javascript:alert(1)>)",
    "<isindex type=image src=1 onerror=alert(1)>",
    "\x00<script>alert(1)</script>",
    "<x onclick=alert(1)>klik</x>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "@<script>alert(1)</script>",
    "[![x](http://x.nl/a.png)](javascript:alert(1))",
]

SAFE_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del",
}  # fmt: skip
SAFE_ATTRIBUTES = {"href", "title", "class", "rel", "align"}


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the rendered HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_harmless(html: str) -> None:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.found:
        assert tag in SAFE_TAGS, (tag, html)
        assert set(attrs) <= SAFE_ATTRIBUTES, (attrs, html)
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http://", "https://", "mailto:", "/")), html
        if tag == "a":
            assert attrs.get("rel") == "nofollow ugc noopener", html


def test_there_are_at_least_fifty_hostile_inputs():
    assert len(HOSTILE) >= 50


@pytest.mark.parametrize("text", HOSTILE)
def test_no_hostile_input_survives(text):
    assert_harmless(render(text, language="nl").html)


def test_links_are_nofollow_ugc_noopener():
    html = render("Zie [de retourpagina](https://shop.example/retour).", language="nl").html
    assert '<a href="https://shop.example/retour" rel="nofollow ugc noopener">' in html


def test_raw_html_is_shown_as_text():
    html = render("Gebruik <b>vet</b>", language="nl").html
    assert "&lt;b&gt;vet&lt;/b&gt;" in html


def test_code_blocks_keep_their_language_and_escape_content():
    html = render("```python\nif a < b:\n    print('<ok>')\n```", language="nl").html
    assert '<pre><code class="language-python">' in html
    assert "&lt;ok&gt;" in html


def test_headings_never_compete_with_the_page_title():
    html = render("# Groot\n\n## Middel", language="nl").html
    assert "<h1" not in html and "<h2" not in html and "<h3>Groot</h3>" in html


@pytest.mark.django_db
def test_known_mentions_link_to_the_profile_and_are_reported():
    result = render(
        "Dank je @sanne! Mail: info@shop.nl @onbekend", known_usernames={"sanne"}, language="nl"
    )
    assert '<a class="mention" href="/nl/leden/sanne/"' in result.html
    assert result.mentions == ["sanne"]
    assert "@onbekend" in result.html and "info@shop.nl" in result.html


def test_count_links_counts_urls_for_posting_limits():
    assert count_links("a https://x.nl en http://y.nl en www.z.nl") == 2


class TestBareAddressesAreLinked:
    def test_a_bare_address_becomes_a_nofollow_link_without_the_full_stop(self):
        rendered = render("Kijk op https://example.com/retour?bon=1&x=2. Dan weet je het.")
        assert rendered.html == (
            '<p>Kijk op <a href="https://example.com/retour?bon=1&amp;x=2" '
            'rel="nofollow ugc noopener">https://example.com/retour?bon=1&amp;x=2</a>. '
            "Dan weet je het.</p>"
        )
        assert rendered.links == 1 == count_links("Kijk op https://example.com/retour")

    def test_an_address_in_brackets_or_bold_is_linked_without_them(self):
        html = render("(zie **https://example.com/a**)").html
        assert '(zie <strong><a href="https://example.com/a" ' in html
        assert "</a></strong>)" in html

    def test_a_markdown_link_with_an_address_as_text_stays_one_link(self):
        rendered = render("[https://example.com](https://example.com) en <https://example.org>")
        assert rendered.links == 2
        assert rendered.html.count("<a ") == 2

    def test_addresses_in_code_stay_code(self):
        assert render("`https://example.com`").html == "<p><code>https://example.com</code></p>"

    @pytest.mark.parametrize("text", [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "mail@https://example.com",
    ])
    def test_other_schemes_are_never_linked(self, text):
        rendered = render(text)
        assert "<a" not in rendered.html and rendered.links == 0

    @pytest.mark.parametrize("text", [
        'https://example.com/a"><script>alert(1)</script>',
        "https://example.com/a'onmouseover='alert(1)",
        "https://example.com/<img src=x onerror=alert(1)>",
        "https://example.com/javascript:alert(1)",
    ])
    def test_hostile_addresses_are_linked_only_up_to_the_markup(self, text):
        html = render(text).html
        assert_harmless(html)
        assert html.count("<a ") == 1 and 'href="https://example.com/' in html
