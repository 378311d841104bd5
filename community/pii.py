"""Finding and masking text about the shopper's own account or order, before it is posted in
public: order numbers, e-mail addresses, phone numbers, IBANs, postcodes with a house number
and phrases such as "mijn rekeningnummer". A small rule set of our own per language (nl, en);
pure functions, no models, no network.

The shop's order numbers look like ``VB-2026-123456`` (also written ``VB2026123456``); a bare
number of 4 to 12 digits counts as an order number only right after an order word
("mijn bestelling 12345", "ordernummer: 98765432", "order #123456").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ORDER, EMAIL, PHONE, IBAN, POSTCODE, ACCOUNT, PHRASE = (
    "order", "email", "phone", "iban", "postcode", "account", "phrase",
)
# PHRASE: "mijn rekeningnummer" without a value after it. Nothing to hide, but the text is
# about the shopper's own account, so it is still offered the private route.
KINDS = (ORDER, EMAIL, PHONE, IBAN, POSTCODE, ACCOUNT, PHRASE)
KIND_LABELS = {
    ORDER: _("order number"),
    EMAIL: _("e-mail address"),
    PHONE: _("phone number"),
    IBAN: _("bank account number (IBAN)"),
    POSTCODE: _("address (postcode and house number)"),
    ACCOUNT: _("customer or account number"),
    PHRASE: _("details of your own account"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    value: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def masked(self) -> str:
        return MASKERS[self.kind](self.value)

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


# Words that introduce an order number, and words that introduce the shopper's own account
# details, per language. The number itself is matched by the shared patterns below.
RULES = {
    "nl": {
        "order": r"bestel(?:ling|nummer|nr\.?)|order(?:nummer|nr\.?)?|pakket(?:nummer)?|zending",
        "account": (
            r"mijn\s+(?:(?:bank)?rekening(?:nummer|nr\.?)|iban(?:-?nummer)?|pasnummer"
            r"|creditcard(?:nummer)?|wachtwoord|inlogcode|bsn)"
            r"|mijn\s+(?:klant|account|lid)(?:nummer|nr\.?)\s*(?:is|:|=)"
        ),
    },
    "en": {
        "order": r"order(?:\s+(?:number|no\.?|id|ref(?:erence)?))?|parcel|shipment",
        "account": (
            r"my\s+(?:bank\s+)?account\s+(?:number|no\.?|details)|my\s+iban|my\s+password"
            r"|my\s+(?:credit\s+)?card\s+(?:number|details)"
            r"|my\s+(?:customer|member(?:ship)?)\s+(?:number|no\.?|id)\s*(?:is|:|=)"
        ),
    },
}
LANGUAGES = tuple(RULES)

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_SHOP_ORDER = re.compile(r"\bVB-?\d{4}-?\d{6}\b", re.IGNORECASE)
# "bestelling 12345", "ordernummer: #98765432", "order nr. 123456", "bestelling met nummer 1234",
# and the year-first form shoppers copy from older confirmations: "bestelnr. 2024-118833".
_ORDER_TAIL = (
    r"(?:\s*(?:#|:|-)\s*|\s+(?:is|was|met\s+nummer|nummer|number|nr\.?|no\.?|with\s+number)"
    r"\s*[:#]?\s*|\s+)#?(?P<number>\d{5,12}|(?:19|20)\d{2}-\d{4,8})\b"
    r"(?![,.]\d|\s*(?:euro|eur|€|stuks|x\b|keer"
    r"|items?|pieces|dagen|days|weken|weeks|uur|hours|minuten|minutes|km|kg|cm|mm))"
)
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?3[12](?:[\s.-]?\(0\))?|0)(?:(?:\s?[.-]\s?|\s)?\d){8,9}"
    r"(?![\d,.]\d|\w)"
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,30}\b", re.IGNORECASE)
IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "LU": 20, "FR": 27, "GB": 22, "ES": 24, "AT": 20}
# Postcode and house number: "1234 AB 12", "1234AB, 12a", or "Kerkstraat 12, 1234 AB".
_POSTCODE = re.compile(
    r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?:\s*,?\s*(?:(?:nr\.?|huisnummer|huisnr\.?"
    r"|house\s+number|no\.?)\s*)?\d{1,5}(?:\s?[a-zA-Z]\b|-\d{1,3})?)\b"
    r"|\b[A-Z][a-z]+(?:straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|pad|steeg)"
    r"\s\d{1,5}[a-z]?,?\s+[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b"
)
_ACCOUNT_VALUE = re.compile(r"\s*(?:is|:|=)?\s*(?P<value>[A-Z]{0,4}-?\d(?:[ .-]?\d){3,20})\b",
                            re.IGNORECASE)
_DATE = re.compile(r"\b\d{1,2}([-./])\d{1,2}\1\d{2,4}\b")


def find(text: str, *, languages: tuple[str, ...] = LANGUAGES) -> list[Finding]:
    """Every finding in `text`, sorted by position, without overlaps (the longer match wins).
    Shoppers mix languages, so by default both rule sets apply."""
    candidates = [
        *_formats(text),
        *(f for lang in languages for f in _contextual(text, RULES[lang])),
    ]
    chosen: list[Finding] = []
    for finding in sorted(candidates, key=lambda f: (-(f.end - f.start), f.start)):
        if all(finding.end <= c.start or finding.start >= c.end for c in chosen):
            chosen.append(finding)
    return sorted(chosen, key=lambda f: f.start)


def mask(text: str, findings: list[Finding]) -> str:
    """`text` with each finding's value replaced by its masked form; the rest is unchanged."""
    out, last = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        out += [text[last:finding.start], finding.masked]
        last = finding.end
    return "".join(out) + text[last:]


def scrub(text: str) -> str:
    """`mask(text, find(text))`: the text as it may be shown in public."""
    return mask(text, find(text))


def _formats(text: str):
    for m in _EMAIL.finditer(text):
        yield Finding(EMAIL, m.start(), m.end(), m.group())
    for m in _SHOP_ORDER.finditer(text):
        yield Finding(ORDER, m.start(), m.end(), m.group())
    for m in _IBAN.finditer(text):
        # The pattern is greedy ("NL91 ABNA 0417 1643 00 en"): try shorter candidates too.
        candidate = m.group()
        while len(candidate) >= 14:
            if iban_is_valid(candidate):
                yield Finding(IBAN, m.start(), m.start() + len(candidate), candidate)
                break
            candidate = candidate[:-1].rstrip()
    for m in _PHONE.finditer(text):
        if _phone_digits_ok(m.group()):
            yield Finding(PHONE, m.start(), m.end(), m.group())
    for m in _POSTCODE.finditer(text):
        yield Finding(POSTCODE, m.start(), m.end(), m.group())


def _contextual(text: str, rules: dict):
    order = re.compile(rf"\b(?:{rules['order']}){_ORDER_TAIL}", re.IGNORECASE)
    for m in order.finditer(text):
        yield Finding(ORDER, m.start("number"), m.end("number"), m.group("number"))
    for m in re.finditer(rf"\b(?:{rules['account']})", text, re.IGNORECASE):
        value = _ACCOUNT_VALUE.match(text, m.end())
        if value:
            yield Finding(ACCOUNT, value.start("value"), value.end("value"), value.group("value"))
        else:
            yield Finding(PHRASE, m.start(), m.end(), m.group())


def iban_is_valid(value: str) -> bool:
    """ISO 13616: known length for the country (where we know it) and the mod-97 check."""
    iban = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    if IBAN_LENGTHS.get(iban[:2], len(iban)) != len(iban):
        return False
    digits = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


def _phone_digits_ok(value: str) -> bool:
    """Dutch numbers have 10 digits nationally (9 after +31); Belgian ones 9 or 10 (8 or 9)."""
    if _DATE.search(value):
        return False
    digits = re.sub(r"\D", "", value.replace("(0)", ""))
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("31"):
        return len(digits) == 11
    if digits.startswith("32"):
        return len(digits) in (10, 11)
    return digits.startswith("0") and len(digits) in (9, 10) and digits[1] != "0"


def _keep_last(value: str, visible: int = 2) -> str:
    """Every letter and digit except the last `visible` ones becomes '*'; separators stay."""
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    hidden = set(positions[:-visible] if visible else positions)
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def mask_email(value: str) -> str:
    local, _at, domain = value.partition("@")
    return f"{local[:1]}****@{domain}"


def mask_iban(value: str) -> str:
    """`NL91ABNA0417164300` → `NL** **** **** **** 00`: country, then groups of four."""
    iban = re.sub(r"\s", "", value).upper()
    hidden = iban[:2] + "*" * (len(iban) - 4) + iban[-2:]
    return " ".join(hidden[i:i + 4] for i in range(0, len(hidden), 4))


def mask_order(value: str) -> str:
    prefix = value[:2] if value[:2].upper() == "VB" else ""
    return prefix + _keep_last(value[len(prefix):])


def mask_postcode(value: str) -> str:
    """Only the region (the postcode's first two digits) stays readable."""
    match = re.search(r"[1-9]\d{3}", value)
    keep = {match.start(), match.start() + 1} if match else set()
    return "".join(c if i in keep or not c.isalnum() else "*" for i, c in enumerate(value))


def mask_account(value: str) -> str:
    return _keep_last(value)


MASKERS = {
    ORDER: mask_order,
    EMAIL: mask_email,
    PHONE: _keep_last,
    IBAN: mask_iban,
    POSTCODE: mask_postcode,
    ACCOUNT: mask_account,
    PHRASE: str,
}
