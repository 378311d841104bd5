"""A second labelled set for community.pii, written as shoppers write to the desk (not by the
author of the rules): their own order numbers in the formats people actually type, spaced
IBANs, +31/0031/06 numbers, e-mail addresses with plus signs, addresses with postcode and house
number; and negatives that look alike (product and model codes, prices, dates, sizes, serial
numbers, a postcode without a house number, which is a region).

A label is (kind, value); value None accepts any value of that kind (a phrase such as "mijn
wachtwoord"); as in tests/community/test_pii.py, "mijn IBAN" before the IBAN itself is a
phrase finding of its own. A finding is right when its kind matches and its value equals the
label's, ignoring spaces and punctuation; precision and recall are counted per finding."""

import re

from community import pii
from community.pii import ACCOUNT, EMAIL, IBAN, ORDER, PHONE, PHRASE, POSTCODE

SHOPPER_SET = [
    # Dutch, with personal data
    ("Hoi, bestelnr. 2024-118833 is vorige week verstuurd maar nog niet bezorgd.",
     [(ORDER, "2024-118833")]),
    ("Ik wil graag mijn geld terug op NL20 INGB 0001 2345 67.",
     [(IBAN, "NL20 INGB 0001 2345 67")]),
    ("Kunnen jullie me terugbellen op 06-43218765? Ik ben na 17:00 thuis.",
     [(PHONE, "06-43218765")]),
    ("Mijn nieuwe adres is Lindenlaan 14, 3512 JK Utrecht.",
     [(POSTCODE, "Lindenlaan 14, 3512 JK")]),
    ("Bezorgen op 2511 CV 23 graag, niet bij de buren.", [(POSTCODE, "2511 CV 23")]),
    ("Stuur de factuur naar pieter.bakker+webshop@gmail.com aub",
     [(EMAIL, "pieter.bakker+webshop@gmail.com")]),
    ("Mijn telefoonnummer: +31 (0)6 2345 6789", [(PHONE, "+31 (0)6 2345 6789")]),
    ("Order 7781234 is maar half geleverd, de kabel ontbreekt.", [(ORDER, "7781234")]),
    ("Het gaat om bestelling VB-2025-004512, ik kreeg de verkeerde kleur.",
     [(ORDER, "VB-2025-004512")]),
    ("Ik heb twee keer betaald voor ordernr 20240931, kan het terug naar NL02 ABNA 0123 4567 89?",
     [(ORDER, "20240931"), (IBAN, "NL02 ABNA 0123 4567 89")]),
    ("Mijn klantnummer is 55123987, ik kan niet inloggen.", [(ACCOUNT, "55123987")]),
    ("Bel gerust: 010 234 56 78, liefst 's ochtends.", [(PHONE, "010 234 56 78")]),
    ("Graag terugstorten op rekening BE68 5390 0754 7034.", [(IBAN, "BE68 5390 0754 7034")]),
    ("Ik ben bereikbaar via 0612345678 of per mail: fam.devries@ziggo.nl",
     [(PHONE, "0612345678"), (EMAIL, "fam.devries@ziggo.nl")]),
    ("De doos moet naar Kerkweg 3a, 6711 AB Ede, want ik ben verhuisd.",
     [(POSTCODE, "Kerkweg 3a, 6711 AB")]),
    ("Mijn IBAN NL44RABO0123456789 staat verkeerd in mijn account.",
     [(PHRASE, None), (IBAN, "NL44RABO0123456789")]),
    ("Waarom is mijn bestelling 998877 geannuleerd?", [(ORDER, "998877")]),
    ("Mijn wachtwoord werkt niet meer en mijn e-mail is anouk_92@hotmail.com",
     [(PHRASE, None), (EMAIL, "anouk_92@hotmail.com")]),
    ("Bestelnummer: 40012345 – de retour is al twee weken onderweg", [(ORDER, "40012345")]),
    ("Adres: Hoofdstraat 120, 9711 LM Groningen. Graag daar bezorgen.",
     [(POSTCODE, "Hoofdstraat 120, 9711 LM")]),
    ("Ik heb bestelling nr. 88112233 teruggestuurd, wanneer krijg ik mijn geld?",
     [(ORDER, "88112233")]),
    ("Zet het maar op naam van Jansen, Dorpsstraat 8, 1234 AB Ergens.",
     [(POSTCODE, "Dorpsstraat 8, 1234 AB")]),
    ("Mijn mailadres is veranderd naar k.de.boer@kpnmail.nl", [(EMAIL, "k.de.boer@kpnmail.nl")]),
    ("Bel me op 06 - 23 45 67 89 als de bezorger niet kan vinden.",
     [(PHONE, "06 - 23 45 67 89")]),
    ("Ons rekeningnummer is NL44 ASNB 0708 1234 56, op naam van mijn vrouw.",
     [(IBAN, "NL44 ASNB 0708 1234 56")]),
    ("Pakketnummer 30012345678 staat al drie dagen op 'in sorteercentrum'.",
     [(ORDER, "30012345678")]),
    ("Postcode 5611 EJ, huisnummer 7 — daar woon ik sinds kort.",
     [(POSTCODE, "5611 EJ, huisnummer 7")]),
    ("mijn bestelling 2025-000781 is nog niet verzonden", [(ORDER, "2025-000781")]),
    # English, with personal data
    ("Hi, my order number is 20241877 and it still says processing.", [(ORDER, "20241877")]),
    ("Please call me back on +31 20 794 1234, I'm in all afternoon.",
     [(PHONE, "+31 20 794 1234")]),
    ("You can reach me at mark.thompson+orders@outlook.com.",
     [(EMAIL, "mark.thompson+orders@outlook.com")]),
    ("Refund to my account NL40 KNAB 0255 1234 44 please.", [(IBAN, "NL40 KNAB 0255 1234 44")]),
    ("Order #8834412 arrived damaged, the screen is cracked.", [(ORDER, "8834412")]),
    ("I moved, new address is Prinsengracht 263, 1016 GV Amsterdam.",
     [(POSTCODE, "Prinsengracht 263, 1016 GV")]),
    ("My phone number is 06 8765 4321 if you need it.", [(PHONE, "06 8765 4321")]),
    ("My customer number is 77001234 but the site says it doesn't exist.",
     [(ACCOUNT, "77001234")]),
    ("The parcel for order VB-2026-118004 never showed up.", [(ORDER, "VB-2026-118004")]),
    ("Text me on +32 470 98 76 54, I live in Antwerp.", [(PHONE, "+32 470 98 76 54")]),
    ("Please send the return label to emma.w@uni.example.ac.uk",
     [(EMAIL, "emma.w@uni.example.ac.uk")]),
    ("Deliver to 1072 AB 45 please, the buzzer doesn't work.", [(POSTCODE, "1072 AB 45")]),
    ("My IBAN is DE89 3704 0044 0532 0130 00, can you refund there?",
     [(IBAN, "DE89 3704 0044 0532 0130 00")]),
    ("my order 5566778 was charged twice", [(ORDER, "5566778")]),
    ("Call 0031 6 1122 3344 between 9 and 5.", [(PHONE, "0031 6 1122 3344")]),
    ("Order no. 66120045: wrong size delivered, I need a 44 instead of a 42.",
     [(ORDER, "66120045")]),
    # Dutch, nothing personal (but looks like it)
    ("Is de Nike Air Max in maat EU 42 weer op voorraad?", []),
    ("Ik zoek de oplader met artikelnummer 4005176 voor mijn stofzuiger.", []),
    ("De koffiemachine kost nu €129,95, was dat vorige week niet €149?", []),
    ("Ik heb op 12-03-2024 besteld en het is nog steeds niet binnen.", []),
    ("Past de Samsung QE55Q80C op een muurbeugel van 200x200?", []),
    ("Mijn telefoon, een SM-G991B/DS, geeft foutmelding 0x80070005 in de app.", []),
    ("Hoeveel weegt de fiets? Op de site staat 23,5 kg.", []),
    ("Mijn bestelling van 3 stuks komt in twee pakketten.", []),
    ("Is EAN 8710103917762 hetzelfde als het vorige model?", []),
    ("De levertijd was 5-7 werkdagen, nu zit ik op dag 10.", []),
    ("Werkt de Philips HD9252/90 ook op 110 volt?", []),
    ("Mijn rekening van de energieleverancier is hoger sinds de airco, verbruikt die veel?", []),
    ("Hoe lang is de garantie op de Dyson V15? Ik kocht hem in 2023.", []),
    ("Kan ik betalen met iDEAL of alleen met creditcard?", []),
    ("Bezorgen jullie ook in 9711 AB op zaterdag?", []),
    ("Ik heb 12345 punten gespaard, kan ik die inwisselen?", []),
    ("Waarom staat er 'pakket 2 van 3' in de track and trace?", []),
    ("Serienummer SN 4821-7733-0912 staat op de achterkant.", []),
    ("Heeft de lamp een E27 of GU10 fitting?", []),
    ("Ik betaalde 2 x €24,99 = €49,98 maar zie €59,98 op de bon.", []),
    ("Typenummer 0 611 2B0 000 staat op het plaatje van de boorhamer.", []),
    ("Levering vertraagd tot 14.12.2024? Dat is wel erg laat.", []),
    # English, nothing personal
    ("I ordered 2 pairs in size 44 and got 43.", []),
    ("Order total was €1.249,00 including shipping, is that right?", []),
    ("Does the Bosch GSR 18V-55 come with two batteries?", []),
    ("Batch number 2024118833 is printed on the bottle, is it part of the recall?", []),
    ("The SKU is VB-TEA-0042 in your catalogue but the page is gone.", []),
    ("Returns within 30 days, right? I got it on 01/11/2024.", []),
    ("The charger outputs 20 V / 3.25 A, 65 W — is that enough for my laptop?", []),
    ("The TV is 139 cm (55 inch) and weighs 17,8 kg.", []),
    ("Logitech part number 910-005282 — do you sell the receiver separately?", []),
    ("Customer service hours are 08:30–17:30, right?", []),
]


def _norm(value: str) -> str:
    return re.sub(r"[\W_]", "", value).upper()


def _score():
    true_pos = false_pos = false_neg = 0
    wrong = []
    for text, labels in SHOPPER_SET:
        found = [(f.kind, f.value) for f in pii.find(text)]
        open_labels = list(labels)
        for kind, value in found:
            match = next((label for label in open_labels if label[0] == kind and (
                label[1] is None or _norm(label[1]) == _norm(value))), None)
            if match:
                open_labels.remove(match)
                true_pos += 1
            else:
                false_pos += 1
                wrong.append(("extra", text, kind, value))
        false_neg += len(open_labels)
        wrong += [("missed", text, *label) for label in open_labels]
    return true_pos, false_pos, false_neg, wrong


def test_the_shopper_set_has_at_least_60_sentences_in_both_languages_with_negatives():
    assert len(SHOPPER_SET) >= 60
    assert sum(1 for _text, labels in SHOPPER_SET if not labels) >= 25


def test_precision_and_recall_on_the_shopper_set_are_at_least_0_9():
    true_pos, false_pos, false_neg, wrong = _score()
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    print(f"\nPII detector on {len(SHOPPER_SET)} shopper sentences: precision {precision:.3f}, "
          f"recall {recall:.3f}")
    for line in wrong:
        print("  ", *line)
    assert precision >= 0.9, wrong
    assert recall >= 0.9, wrong
