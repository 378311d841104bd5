"""community.pii: what counts as the shopper's own account or order data, and how it is masked.

The labelled set is realistic shopper text in Dutch and English, with hard negatives (prices,
dates, years, SKUs, model numbers, quantities). Precision and recall are counted per finding:
a finding is right when its kind and value both match a label."""

import pytest

from community import pii
from community.pii import ACCOUNT, EMAIL, IBAN, ORDER, PHONE, PHRASE, POSTCODE

LABELLED = [
    # Dutch, positives
    ("Mijn bestelling 12345 is nog steeds niet binnen.", [(ORDER, "12345")]),
    ("Ordernummer VB-2026-123456, het pakket is beschadigd aangekomen.",
     [(ORDER, "VB-2026-123456")]),
    ("Ik heb ordernummer: 98765432 maar geen track & trace ontvangen.", [(ORDER, "98765432")]),
    ("Kunnen jullie bestelling #2026001 annuleren?", [(ORDER, "2026001")]),
    ("Bestelnummer VB2026654321 is dubbel afgeschreven.", [(ORDER, "VB2026654321")]),
    ("De bestelling met nummer 55501234 klopt niet.", [(ORDER, "55501234")]),
    ("Mail me op sanne.devries@example.nl als het binnen is.",
     [(EMAIL, "sanne.devries@example.nl")]),
    ("Mijn e-mailadres is j.jansen+shop@mail.example.com, stuur de factuur daarheen.",
     [(EMAIL, "j.jansen+shop@mail.example.com")]),
    ("Bel me even op 06-12345678, dan leg ik het uit.", [(PHONE, "06-12345678")]),
    ("Mijn nummer is 06 1234 5678.", [(PHONE, "06 1234 5678")]),
    ("Je kunt me bereiken op +31 6 12345678 na vijf uur.", [(PHONE, "+31 6 12345678")]),
    ("Telefoon 0031 20 123 4567, vraag naar Piet.", [(PHONE, "0031 20 123 4567")]),
    ("Mijn vaste nummer is 020-1234567.", [(PHONE, "020-1234567")]),
    ("Ik woon in België, bel 0470 12 34 56.", [(PHONE, "0470 12 34 56")]),
    ("Het geld moet terug op NL91 ABNA 0417 1643 00 graag.", [(IBAN, "NL91 ABNA 0417 1643 00")]),
    ("Mijn rekeningnummer is NL44RABO0123456789.",
     [(PHRASE, "Mijn rekeningnummer"), (IBAN, "NL44RABO0123456789")]),
    ("Terugstorten op BE68 5390 0754 7034 alstublieft.", [(IBAN, "BE68 5390 0754 7034")]),
    ("Het pakket moet naar 1234 AB 12 in Utrecht.", [(POSTCODE, "1234 AB 12")]),
    ("Bezorgadres is Kerkstraat 5, 3511 LK Utrecht.", [(POSTCODE, "Kerkstraat 5, 3511 LK")]),
    ("Ik woon op 9712CP, 7a en de bezorger kon het niet vinden.", [(POSTCODE, "9712CP, 7a")]),
    ("Wat moet ik doen met mijn rekeningnummer bij een retour?",
     [(PHRASE, "mijn rekeningnummer")]),
    ("Mijn klantnummer is 8812345, kunnen jullie mijn account controleren?",
     [(ACCOUNT, "8812345")]),
    ("Iemand heeft mijn wachtwoord veranderd.", [(PHRASE, "mijn wachtwoord")]),
    ("Bestelling 334455667 en 06-87654321 voor vragen.",
     [(ORDER, "334455667"), (PHONE, "06-87654321")]),
    ("Stuur de retourlabel naar piet@example.be en storten op NL20INGB0001234567.",
     [(EMAIL, "piet@example.be"), (IBAN, "NL20INGB0001234567")]),
    ("Pakketnummer 3SABCD1234567 zegt niets, mijn bestelling 7654321 is weg.",
     [(ORDER, "7654321")]),
    ("Order 4455667 is bij de buren afgeleverd op 2511 CV 30.",
     [(ORDER, "4455667"), (POSTCODE, "2511 CV 30")]),
    ("Graag terugbellen: 010 123 45 67.", [(PHONE, "010 123 45 67")]),
    ("Mijn pasnummer staat op de bon, is dat erg?", [(PHRASE, "Mijn pasnummer")]),
    ("Ordernr. 123456789 heb ik twee keer betaald.", [(ORDER, "123456789")]),
    # Dutch, hard negatives
    ("De KZ-300 kost € 12,95 bij jullie, elders € 14,50.", []),
    ("Levering duurt 3 dagen, soms 5 werkdagen.", []),
    ("Ik heb op 12-03-2026 besteld en het is nog niet binnen.", []),
    ("Sinds 2024 werkt de wasmachine WM-8400X niet meer goed.", []),
    ("Ik heb 2 stuks van artikel 40123 besteld.", []),
    ("Hoe lang is de garantie op de Philips HD9252/90?", []),
    ("Mijn bestelling is te laat, hoe lang duurt levering normaal?", []),
    ("De retourtermijn is 30 dagen, toch?", []),
    ("Op 05.12.2025 14:30 kwam de bezorger langs maar ik was niet thuis.", []),
    ("Is de 1200 W stofzuiger ook in het zwart te krijgen?", []),
    ("Waar vind ik mijn klantnummer in de app?", []),
    ("Ik bestelde 10000 mAh powerbanks, maar kreeg 5000 mAh.", []),
    ("Het pakket weegt 12 kg, kan dat met PostNL?", []),
    ("In 2025 en 2026 hadden jullie dezelfde actie.", []),
    ("Mijn bestelling 3 dagen geleden is nog niet verzonden.", []),
    ("De accu van de XR-1500 gaat maar 45 minuten mee.", []),
    # English, positives
    ("My order number is 12345678 and it still hasn't shipped.", [(ORDER, "12345678")]),
    ("Order #883421 arrived broken.", [(ORDER, "883421")]),
    ("Please refund to my IBAN NL51ABNA0987654321.",
     [(PHRASE, "my IBAN"), (IBAN, "NL51ABNA0987654321")]),
    ("You can email me at john.smith@example.com.", [(EMAIL, "john.smith@example.com")]),
    ("Call me on +31 20 123 4567 tomorrow.", [(PHONE, "+31 20 123 4567")]),
    ("What happens to my account number when I close the account?",
     [(PHRASE, "my account number")]),
    ("My customer number is 4471234, can you check it?", [(ACCOUNT, "4471234")]),
    ("Deliver order VB-2026-000777 to 1011 AB 1 please.",
     [(ORDER, "VB-2026-000777"), (POSTCODE, "1011 AB 1")]),
    ("My phone is 0032 470 12 34 56 (Belgium).", [(PHONE, "0032 470 12 34 56")]),
    ("Someone changed my password yesterday.", [(PHRASE, "my password")]),
    ("The parcel for order no. 99887766 was left outside.", [(ORDER, "99887766")]),
    ("My bank account details changed, refund to BE68539007547034 instead.",
     [(PHRASE, "My bank account details"), (IBAN, "BE68539007547034")]),
    # English, hard negatives
    ("The KZ-300 costs €12.95, is that the final price?", []),
    ("It took 3 days and 2 hours to arrive.", []),
    ("I ordered 3 items on 12/03/2026.", []),
    ("Does model TX-2000 support 4K at 120 Hz?", []),
    ("In order to return it, do I need the box?", []),
    ("I bought it in 2023, is the warranty still valid?", []),
    ("The order arrived after 14 days instead of 2.", []),
    ("Where do I find my customer number?", []),
    ("Is the 5000 mAh battery replaceable?", []),
    ("Can I pay with iDEAL for orders over 250 euros?", []),
    ("Order 25000 pieces and you get a discount, says the banner.", []),
    ("Just ordered the ABC-12345 blender, when will it ship?", []),
    ("My order from 2026 was fine, this one was not.", []),
]


def _labelled(text):
    return {(f.kind, f.value) for f in pii.find(text)}


def test_labelled_set_has_at_least_60_sentences_in_both_languages():
    assert len(LABELLED) >= 60
    assert sum(1 for _text, labels in LABELLED if not labels) >= 25  # hard negatives


def test_precision_and_recall_on_the_labelled_set_are_at_least_0_9():
    true_pos = false_pos = false_neg = 0
    misses = []
    for text, labels in LABELLED:
        found, expected = _labelled(text), set(labels)
        true_pos += len(found & expected)
        false_pos += len(found - expected)
        false_neg += len(expected - found)
        if found != expected:
            misses.append((text, sorted(found - expected), sorted(expected - found)))
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    print(f"\nPII detector on {len(LABELLED)} sentences: precision {precision:.3f}, "
          f"recall {recall:.3f}")
    for miss in misses:
        print("  differs:", miss)
    assert precision >= 0.9, misses
    assert recall >= 0.9, misses


class TestOrderNumbers:
    def test_shop_format_is_found_without_context(self):
        assert _labelled("Zie VB-2026-123456.") == {(ORDER, "VB-2026-123456")}

    def test_a_bare_number_needs_an_order_word_before_it(self):
        assert _labelled("Ik wacht al op 12345678.") == set()
        assert _labelled("Ik wacht al op bestelling 12345678.") == {(ORDER, "12345678")}

    def test_years_quantities_and_prices_after_an_order_word_are_not_order_numbers(self):
        assert _labelled("Mijn bestelling 2026 was prima.") == set()
        assert _labelled("Bestelling 12500 stuks.") == set()
        assert _labelled("Order 10000 euro.") == set()

    def test_masking_keeps_the_prefix_and_the_last_two_digits(self):
        text = "Order VB-2026-123456 en bestelling 98765"
        assert pii.scrub(text) == "Order VB-****-****56 en bestelling ***65"


class TestEmail:
    def test_masked_to_first_letter_and_domain(self):
        assert pii.scrub("Mail sanne@example.nl.") == "Mail s****@example.nl."


class TestPhone:
    @pytest.mark.parametrize("number", [
        "06-12345678", "0612345678", "+31612345678", "+31 (0)6 12345678", "0031 6 1234 5678",
        "020 123 4567", "+32 470 12 34 56", "02 123 45 67",
    ])
    def test_dutch_and_belgian_formats(self, number):
        assert _labelled(f"Bel {number} graag") == {(PHONE, number)}

    @pytest.mark.parametrize("text", [
        "Artikel 123456789", "op 01-03-2026", "om 06.12.2025 10:15", "€ 0612,34", "0000000000",
    ])
    def test_not_phones(self, text):
        assert PHONE not in {kind for kind, _value in _labelled(text)}

    def test_masking_keeps_separators_and_the_last_two_digits(self):
        assert pii.scrub("Bel 06-12345678") == "Bel **-******78"
        assert pii.scrub("Bel +31 6 12345678") == "Bel +** * ******78"


class TestIban:
    def test_checksum_is_validated(self):
        assert pii.iban_is_valid("NL91ABNA0417164300")
        assert not pii.iban_is_valid("NL91ABNA0417164301")
        assert not pii.iban_is_valid("NL91ABNA041716430")  # wrong length for NL
        assert _labelled("Op NL91ABNA0417164301") == set()

    def test_masking_shows_country_and_last_two(self):
        assert pii.scrub("Op NL91 ABNA 0417 1643 00 graag") == "Op NL** **** **** **** 00 graag"
        assert pii.mask_iban("BE68539007547034") == "BE** **** **** **34"

    def test_lower_case_is_found(self):
        assert _labelled("op nl91abna0417164300") == {(IBAN, "nl91abna0417164300")}


class TestPostcode:
    def test_postcode_alone_is_a_region_not_an_address(self):
        assert _labelled("Levering vertraagd rond 8900 AB?") == set()

    def test_postcode_with_house_number_is_masked_except_the_region(self):
        assert pii.scrub("Naar 1234 AB 12 graag") == "Naar 12** ** ** graag"


class TestAccountPhrases:
    def test_phrase_with_a_value_masks_the_value(self):
        assert pii.scrub("Mijn klantnummer is 8812345.") == "Mijn klantnummer is *****45."

    def test_phrase_alone_is_found_but_the_text_is_unchanged(self):
        text = "Mag ik mijn rekeningnummer hier noemen?"
        assert _labelled(text) == {(PHRASE, "mijn rekeningnummer")}
        assert pii.scrub(text) == text


def test_mask_leaves_everything_else_as_typed():
    text = "Hoi! Bestelling 123456 (KZ-300, € 12,95) — mail: a@b.nl\nDank."
    assert pii.scrub(text) == "Hoi! Bestelling ****56 (KZ-300, € 12,95) — mail: a****@b.nl\nDank."
