"""A first Dutch and English web-shop synonym list (written by us); editors change it under
Settings → Synonyms."""

from django.db import migrations

TWO_WAY = {
    "nl": [
        "retour, retourneren, terugsturen, terug sturen, retourzending, inleveren",
        "terugbetaling, geld terug, restitutie, terugstorting, retourgeld",
        "factuur, rekening, bon, kassabon, bonnetje, aankoopbewijs",
        "wachtwoord, pincode, inlogcode, wachtwoord vergeten",
        "afhaalpunt, pakketpunt, ophaalpunt, servicepunt, pickup punt",
        "pakket, pakje, zending, bestelling onderweg",
        "bezorging, levering, verzending, bezorgen, leveren",
        "annuleren, cancelen, afzeggen, stopzetten",
        "wijzigen, aanpassen, veranderen",
        "kapot, stuk, defect, beschadigd, werkt niet",
        "garantie, reparatie, repareren",
        "korting, kortingscode, actiecode, coupon, voucher",
        "cadeaubon, cadeaukaart, giftcard, waardebon",
        "account, profiel, inloggen, aanmelden",
        "registreren, account aanmaken, inschrijven",
        "klantenservice, klantendienst, helpdesk, contact",
        "ruilen, omruilen, omwisselen",
        "achteraf betalen, klarna, later betalen",
        "ontkalken, kalk, kalkaanslag",
        "adres, bezorgadres, afleveradres",
    ],
    "en": [
        "return, send back, returning, sending back",
        "refund, money back, reimbursement, restitution, repayment",
        "invoice, bill, receipt, proof of purchase",
        "password, pin, passcode, login code",
        "pick-up point, pickup point, collection point, parcel shop, parcel point",
        "parcel, package, shipment",
        "delivery, shipping, dispatch, shipped, delivered",
        "cancel, cancellation, call off",
        "change, modify, amend, edit",
        "broken, damaged, defective, faulty, not working",
        "warranty, guarantee, repair",
        "discount, discount code, promo code, coupon, voucher",
        "gift card, gift voucher, giftcard",
        "account, profile, log in, login, sign in",
        "register, sign up, signup, registration, create account",
        "customer service, support, helpdesk, contact",
        "exchange, swap, replace",
        "pay later, klarna, buy now pay later",
        "descale, limescale, scale",
        "address, delivery address, shipping address",
    ],
}
ONE_WAY = {
    "nl": [("refund, money back", "terugbetaling"), ("track and trace", "pakket volgen"),
           ("lekt, lekken", "water, lekkage")],
    "en": [("terugbetaling", "refund"), ("tracking, track and trace", "where is my parcel"),
           ("leaks, leaking", "water, leak")],
}


def seed(apps, schema_editor):
    SynonymSet = apps.get_model("search", "SynonymSet")
    rows = [SynonymSet(language=lang, terms=terms) for lang, sets in TWO_WAY.items()
            for terms in sets]
    rows += [SynonymSet(language=lang, terms=terms, expansions=expansions)
             for lang, pairs in ONE_WAY.items() for terms, expansions in pairs]
    SynonymSet.objects.bulk_create(rows)


def unseed(apps, schema_editor):
    apps.get_model("search", "SynonymSet").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonym_sets")]
    operations = [migrations.RunPython(seed, unseed)]
