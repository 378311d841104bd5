"""More of the Dutch and English web-shop vocabulary we write ourselves (the terms of law and
of the trade next to the everyday words, contact channels, confirmation and tracking mail),
beside the first list of 0005. Editors change it under Settings → Synonyms."""

from django.db import migrations

TWO_WAY = {
    "nl": [
        "bedenktijd, herroepingsrecht, zichttermijn, retourtermijn",
        "nieuwsbrief, mailing, reclame, reclamemail, marketingmail",
        "afmelden nieuwsbrief, uitschrijven, abonnement opzeggen",
        "account verwijderen, account opheffen, profiel verwijderen, gegevens wissen",
        "achteraf betalen, op rekening, in termijnen, gespreid betalen",
        "bestelbevestiging, orderbevestiging, bevestigingsmail, bevestiging",
        "track en trace, trackingcode, volgcode, volgnummer, pakket volgen",
        "levertijd, bezorgtijd, levertermijn, leverdatum, bezorgdatum",
        "bezorgopties, verzendopties, verzendmethode, bezorgmethode",
        "verzendkosten, bezorgkosten, portokosten, verzendtarief",
        "verpakking, doos, originele verpakking",
        "maat, maattabel, maatadvies, pasvorm",
        "zakelijk, bedrijf, zakelijke klant, btw",
    ],
    "en": [
        "cooling-off period, right of withdrawal, return period, return window",
        "newsletter, mailing list, marketing emails, promotional emails",
        "unsubscribe, opt out",
        "delete account, close account, remove account",
        "pay later, pay in instalments, instalments, installments",
        "order confirmation, confirmation email, confirmation mail",
        "tracking number, tracking code, track and trace, tracking link",
        "delivery time, delivery date, shipping time, lead time",
        "shipping costs, delivery costs, postage, shipping fee",
        "packaging, box, original packaging",
        "size, size chart, size guide, fit",
        "business, company, business customer, vat",
    ],
}
ONE_WAY = {
    "nl": [
        (
            "bellen, telefoon, telefoonnummer, telefonisch, chat, chatten, whatsapp, mailen",
            "klantenservice, contact",
        ),
        ("afrekenen, checkout, kassa", "betalen, betaling"),
        ("reset, resetten", "wachtwoord"),
    ],
    "en": [
        (
            "call, phone, telephone, phone number, chat, live chat, whatsapp",
            "customer service, contact",
        ),
        ("checkout, check out", "payment, pay"),
        ("reset", "password"),
    ],
}


def seed(apps, schema_editor):
    SynonymSet = apps.get_model("search", "SynonymSet")
    rows = [
        SynonymSet(language=lang, terms=terms) for lang, sets in TWO_WAY.items() for terms in sets
    ]
    rows += [
        SynonymSet(language=lang, terms=terms, expansions=expansions)
        for lang, pairs in ONE_WAY.items()
        for terms, expansions in pairs
    ]
    SynonymSet.objects.bulk_create(rows)


def unseed(apps, schema_editor):
    SynonymSet = apps.get_model("search", "SynonymSet")
    for lang, sets in TWO_WAY.items():
        SynonymSet.objects.filter(language=lang, terms__in=sets, expansions="").delete()
    for lang, pairs in ONE_WAY.items():
        for terms, expansions in pairs:
            SynonymSet.objects.filter(language=lang, terms=terms, expansions=expansions).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postgres_speed")]
    operations = [migrations.RunPython(seed, unseed)]
