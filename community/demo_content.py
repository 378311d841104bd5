"""Demo community content: realistic questions from shoppers of a Dutch web shop.

Each question: (author, title, body, tags, product slug or "", answers, extras). An answer is
(author, body, votes, marks) where marks may hold "accepted" and/or "verified"; votes is a
net number of up-votes (negative: down-votes). Extras: "comments" [(author, answer index or
None, text)], "votes" on the question, "closed" (reason, note), "duplicate_of" (title),
"locked", "pinned", "flags" [(flagger, answer index or None, reason, note)], "lang".
"""

EXTRA_SHOPPERS = [
    ("lotte", "Lotte Visser"),
    ("mehmet", "Mehmet Yilmaz"),
    ("anouk", "Anouk Smit"),
    ("pieter", "Pieter de Boer"),
    ("emma", "Emma Mulder"),
    ("daan", "Daan Hendriks"),
    ("sophie", "Sophie Clarke"),
]
NEWCOMER = ("nieuwkomer", "Kim Nieuwenhuis")
SPAMMER = ("superdeals", "Super Deals")

QUESTIONS = [
    (
        "sanne",
        "Mijn pakket staat al drie dagen op 'onderweg', wat nu?",
        "Ik heb vorige week maandag een jas besteld. Volgens de track-and-trace is het pakket "
        "sinds donderdag 'onderweg naar de bezorger', maar er gebeurt niets meer. Moet ik al "
        "contact opnemen of nog even wachten?",
        ["levering", "track-and-trace"],
        "noord-softshell",
        [
            (
                "bram",
                "Dat had ik ook een keer. Vaak ligt het pakket in een sorteercentrum en wordt "
                "de status pas bijgewerkt als het weer gescand wordt. Bij mij kwam het de "
                "volgende dag alsnog.",
                3,
                (),
            ),
            (
                "moderator",
                "Wacht gerust tot vijf werkdagen na verzending. Staat de status dan nog "
                "stil, stuur ons dan je **ordernummer** via het contactformulier; wij "
                "starten dan een onderzoek bij de vervoerder en sturen zo nodig een "
                "nieuw pakket.",
                6,
                ("accepted", "verified"),
            ),
        ],
        {
            "comments": [
                ("sanne", 1, "Dank je, ik wacht nog tot vrijdag."),
                ("fatima", None, "Welke vervoerder was het? Bij PostNL duurt het soms langer."),
            ],
            "votes": 4,
        },
    ),
    (
        "bram",
        "Kan ik mijn bestelling nog wijzigen nadat ik heb betaald?",
        "Ik heb per ongeluk de verkeerde kleur waterkoker besteld (zwart in plaats van wit). "
        "De betaling is al rond. Kan ik dit nog aanpassen?",
        ["bestellen", "wijzigen"],
        "vita-waterkoker",
        [
            (
                "joost",
                "Zolang de bestelling nog niet is ingepakt kun je hem in je account annuleren "
                "en opnieuw bestellen. Het geld komt binnen een paar dagen terug.",
                2,
                ("accepted",),
            ),
            (
                "lotte",
                "Bellen werkt ook, de klantenservice kon het bij mij direct aanpassen.",
                1,
                (),
            ),
        ],
        {"votes": 2},
    ),
    (
        "fatima",
        "Hoe lang heb ik bedenktijd bij een online aankoop?",
        "Ik twijfel over een koptelefoon die ik heb gekocht. Hoeveel dagen heb ik om hem terug "
        "te sturen?",
        ["retour", "bedenktijd"],
        "pulse-koptelefoon",
        [
            (
                "moderator",
                "Je hebt **30 dagen** bedenktijd vanaf de dag van ontvangst; dat is "
                "ruimer dan de wettelijke 14 dagen. Het product moet compleet en "
                "onbeschadigd zijn; uitproberen zoals in een winkel mag.",
                8,
                ("verified", "accepted"),
            ),
            (
                "mehmet",
                "Let op dat je de oordopjes-hoesjes er ook bij doet, anders trekken ze wat af.",
                2,
                (),
            ),
        ],
        {
            "votes": 5,
            "comments": [
                ("anouk", 0, "Geldt dat ook voor sale-artikelen?"),
                ("moderator", 0, "Ja, ook voor sale-artikelen."),
            ],
        },
    ),
    (
        "joost",
        "Retourlabel kwijt, hoe krijg ik een nieuw?",
        "Ik heb het retourlabel uit de doos weggegooid. Hoe kan ik mijn jas nu retourneren?",
        ["retour", "retourlabel"],
        "noord-softshell",
        [
            (
                "anouk",
                "In je account onder 'Mijn bestellingen' kun je een retour aanmelden; je krijgt "
                "dan een nieuw label per mail dat je kunt printen of als QR-code laten scannen.",
                4,
                ("accepted",),
            )
        ],
        {},
    ),
    (
        "lotte",
        "Welke maat softshell jas moet ik nemen? Ik twijfel tussen M en L",
        "Ik ben 1,72 m en draag normaal M, maar wil er een dikke trui onder kunnen dragen. "
        "Valt de Noord softshell ruim of klein?",
        ["maat", "kleding"],
        "noord-softshell",
        [
            (
                "emma",
                "Ik heb hem in M en hij valt vrij getailleerd. Met een dikke trui eronder zou "
                "ik L nemen.",
                5,
                ("accepted",),
            ),
            ("pieter", "Mee eens, de mouwen zijn ook aan de korte kant. L dus.", 2, ()),
        ],
        {"votes": 3},
    ),
    (
        "mehmet",
        "Koffiezetapparaat lekt water aan de onderkant",
        "Mijn Aroma 300 is vier maanden oud en lekt sinds kort water onder het apparaat. "
        "Ik heb hem al ontkalkt. Valt dit onder de garantie?",
        ["garantie", "koffie"],
        "aroma-300",
        [
            (
                "moderator",
                "Ja, dat valt onder de garantie van 2 jaar. Meld het via 'Garantie "
                "aanvragen' in je account met een foto of kort filmpje van de lekkage; "
                "we sturen een ophaallabel en repareren of vervangen het apparaat.",
                7,
                ("verified",),
            ),
            (
                "joost",
                "Check ook even of het waterreservoir goed vastklikt, bij mij lekte het daardoor.",
                3,
                ("accepted",),
            ),
        ],
        {"comments": [("mehmet", 1, "Dat was het! Reservoir zat scheef. Dank!")], "votes": 2},
    ),
    (
        "anouk",
        "Achteraf betalen met Klarna: wanneer moet ik betalen?",
        "Ik heb gekozen voor achteraf betalen. Vanaf wanneer lopen de 30 dagen: bestel- of "
        "leverdatum?",
        ["betalen", "klarna"],
        "",
        [
            (
                "fatima",
                "Vanaf de verzenddatum. Je krijgt een mail van Klarna met de precieze datum.",
                3,
                ("accepted",),
            )
        ],
        {"votes": 1},
    ),
    (
        "pieter",
        "iDEAL-betaling mislukt maar geld is wel afgeschreven",
        "Tijdens het afrekenen kreeg ik een foutmelding, maar bij mijn bank zie ik dat het bedrag "
        "is afgeschreven. Heb ik nu dubbel betaald als ik het opnieuw probeer?",
        ["betalen", "ideal"],
        "",
        [
            (
                "moderator",
                "Niet opnieuw betalen! Een mislukte iDEAL-betaling wordt automatisch binnen "
                "2 werkdagen teruggestort. Zie je de bestelling niet in je account, mail "
                "ons dan een schermafbeelding van de afschrijving.",
                5,
                ("verified",),
            ),
            ("bram", "Bij mij stond het geld na een dag weer op mijn rekening.", 2, ("accepted",)),
        ],
        {"votes": 3},
    ),
    (
        "emma",
        "Kan ik een cadeaubon combineren met een kortingscode?",
        "Ik heb een cadeaubon van 25 euro en een kortingscode van 10%. Kan ik die samen gebruiken?",
        ["betalen", "cadeaubon", "korting"],
        "",
        [
            (
                "sanne",
                "Ja, dat kan. Eerst de kortingscode invullen, daarna de cadeaubon bij de "
                "betaalmethoden.",
                2,
                ("accepted",),
            )
        ],
        {},
    ),
    (
        "daan",
        "Bezorging op een afhaalpunt kiezen, kan dat achteraf nog?",
        "Ik ben volgende week niet thuis. Kan ik de bezorging nog omzetten naar een "
        "PostNL-punt nu de bestelling al verzonden is?",
        ["levering", "afhaalpunt"],
        "",
        [
            (
                "lotte",
                "Via de link in de verzendmail van de vervoerder kun je vaak nog een ander "
                "adres of afhaalpunt kiezen.",
                4,
                ("accepted",),
            ),
            (
                "moderator",
                "Klopt. Lukt het niet via de vervoerder, neem dan contact met ons op "
                "voordat het pakket is gesorteerd.",
                2,
                (),
            ),
        ],
        {"votes": 2},
    ),
    (
        "sanne",
        "Stofzuiger laadt niet meer op",
        "Mijn Zephyr X laadt niet meer op: het lampje knippert rood. Wat kan ik proberen?",
        ["garantie", "accu", "stofzuiger"],
        "zephyr-x",
        [
            (
                "pieter",
                "Rood knipperen betekent vaak dat de accu te warm is. Laat hem een uur "
                "afkoelen en probeer het daarna opnieuw met de originele lader.",
                4,
                (),
            ),
            (
                "moderator",
                "Helpt afkoelen niet, stuur dan via 'Garantie aanvragen' het serienummer "
                "(onder de accu). We sturen dan kosteloos een nieuwe accu.",
                5,
                ("verified", "accepted"),
            ),
        ],
        {"votes": 3},
    ),
    (
        "fatima",
        "Ruilen voor een andere maat: moet ik eerst retourneren?",
        "Mijn jas is te klein. Kan ik direct ruilen of moet ik hem retourneren en opnieuw "
        "bestellen?",
        ["ruilen", "maat", "retour"],
        "noord-softshell",
        [
            (
                "joost",
                "Je kunt bij het aanmelden van de retour kiezen voor 'ruilen'. De nieuwe "
                "maat wordt verstuurd zodra ze de oude binnen hebben.",
                3,
                ("accepted",),
            )
        ],
        {},
    ),
    (
        "joost",
        "Bestelling als zakelijke klant met factuur op bedrijfsnaam",
        "Ik wil een paar waterkokers voor kantoor bestellen. Kan ik een factuur met btw op "
        "bedrijfsnaam krijgen?",
        ["bestellen", "factuur", "zakelijk"],
        "vita-waterkoker",
        [
            (
                "moderator",
                "Ja: vul bij het afrekenen 'Bedrijfsnaam' en je btw-nummer in. De factuur "
                "staat daarna als pdf in je account.",
                4,
                ("verified",),
            )
        ],
        {"votes": 1},
    ),
    (
        "mehmet",
        "Waarom zijn de verzendkosten hoger voor België?",
        "Ik woon in Antwerpen en betaal 5,95 verzendkosten, terwijl het in Nederland gratis is "
        "vanaf 20 euro. Klopt dat?",
        ["levering", "belgie", "verzendkosten"],
        "",
        [
            (
                "moderator",
                "Dat klopt: naar België is verzending gratis vanaf 50 euro; daaronder "
                "betaal je 5,95 omdat de vervoerder ons meer rekent.",
                3,
                ("verified",),
            )
        ],
        {},
    ),
    (
        "anouk",
        "Koptelefoon maakt geen verbinding met mijn laptop",
        "De Pulse koptelefoon werkt prima met mijn telefoon, maar mijn Windows-laptop vindt hem "
        "niet. Hoe krijg ik dat voor elkaar?",
        ["bluetooth", "koptelefoon"],
        "pulse-koptelefoon",
        [
            (
                "daan",
                "Houd de aan-knop 7 seconden ingedrukt tot het lampje blauw-rood knippert; dan "
                "staat hij in koppelmodus. Verwijder hem eerst van je telefoon of zet daar "
                "bluetooth uit.",
                6,
                ("accepted",),
            ),
            ("emma", "Bij mij moest ik ook de bluetooth-driver van de laptop updaten.", 2, ()),
        ],
        {"votes": 4, "comments": [("anouk", 0, "Gelukt met de 7 seconden, top!")]},
    ),
    (
        "pieter",
        "Kan ik mijn bestelling annuleren als hij al verzonden is?",
        "Ik heb iets besteld dat ik in de winkel goedkoper zag. Hij is al verzonden.",
        ["annuleren", "bestellen"],
        "",
        [
            (
                "sanne",
                "Annuleren gaat dan niet meer, maar je kunt het pakket weigeren of binnen 30 "
                "dagen retourneren.",
                3,
                ("accepted",),
            )
        ],
        {},
    ),
    (
        "emma",
        "Waterkoker ruikt naar plastic",
        "Mijn nieuwe Vita waterkoker geeft een plasticgeur af aan het water. Is dat normaal?",
        ["waterkoker", "gebruik"],
        "vita-waterkoker",
        [
            (
                "lotte",
                "Kook hem een paar keer vol met water en een scheutje azijn, en spoel goed na. "
                "Bij mij was de geur daarna weg.",
                4,
                ("accepted",),
            ),
            (
                "moderator",
                "Dat is bij nieuwe waterkokers normaal en onschadelijk. Blijft de geur "
                "na vijf keer koken, neem dan contact met ons op.",
                3,
                ("verified",),
            ),
        ],
        {"votes": 2},
    ),
    (
        "daan",
        "Kan ik bezorging op zaterdag kiezen?",
        "Ik werk doordeweeks. Is zaterdagbezorging mogelijk?",
        ["levering", "bezorgmoment"],
        "",
        [
            (
                "bram",
                "Ja, bij het afrekenen kun je 'zaterdag' kiezen; dat kost 2,95 extra.",
                2,
                ("accepted",),
            )
        ],
        {},
    ),
    (
        "lotte",
        "Kortingscode werkt niet bij afrekenen",
        "Ik krijg de melding 'code ongeldig' terwijl de code uit de nieuwsbrief van deze week "
        "komt.",
        ["korting", "betalen"],
        "",
        [
            (
                "fatima",
                "Soms geldt de code alleen vanaf een minimumbedrag of niet voor sale. Staat "
                "dat in de kleine lettertjes van de nieuwsbrief?",
                3,
                ("accepted",),
            )
        ],
        {"comments": [("lotte", 0, "Inderdaad, pas vanaf 50 euro. Dank je!")]},
    ),
    (
        "bram",
        "Hoe ontkalk ik de Aroma 300?",
        "Het ontkalkingslampje brandt. Welk middel gebruik ik en hoe lang duurt het?",
        ["koffie", "onderhoud", "ontkalken"],
        "aroma-300",
        [
            (
                "mehmet",
                "Gebruik het ontkalkingsmiddel van het merk of citroenzuur (geen azijn). "
                "Houd de stoomknop en de koffieknop 3 seconden samen ingedrukt om het "
                "programma te starten; het duurt ongeveer 25 minuten.",
                5,
                ("accepted",),
            )
        ],
        {"votes": 3},
    ),
    (
        "sophie",
        "Do you ship to Germany?",
        "I live in Cologne. Can I order from your shop and how long does delivery take?",
        ["delivery", "germany"],
        "",
        [
            (
                "moderator",
                "Yes, we ship to Germany within 3-5 working days. Shipping is free from "
                "EUR 50; below that it costs EUR 6.95.",
                4,
                ("verified", "accepted"),
            )
        ],
        {"lang": "en", "votes": 2},
    ),
    (
        "sophie",
        "How do I return an item from abroad?",
        "I'm in the UK. Is there a free return label for international orders?",
        ["returns", "international"],
        "",
        [
            (
                "moderator",
                "For orders outside the Netherlands and Belgium you send the parcel "
                "yourself with a tracked service; we refund return costs up to EUR 10 "
                "when you include the receipt.",
                3,
                ("verified",),
            )
        ],
        {"lang": "en"},
    ),
    (
        "emma",
        "Headphones battery life much shorter than advertised",
        "The Pulse is advertised with 30 hours, but I get about 15 with noise cancelling on. "
        "Is my battery faulty?",
        ["battery", "headphones"],
        "pulse-koptelefoon",
        [
            (
                "daan",
                "The 30 hours is with noise cancelling off. With it on, 15-18 hours is normal.",
                4,
                ("accepted",),
            )
        ],
        {"lang": "en", "votes": 1},
    ),
    (
        "sophie",
        "Can I change the delivery address after ordering?",
        "I typed the wrong house number. The order was placed ten minutes ago.",
        ["delivery", "order"],
        "",
        [
            (
                "bram",
                "Contact customer service straight away; before the order is packed they can "
                "still change it.",
                2,
                ("accepted",),
            )
        ],
        {"lang": "en"},
    ),
    (
        "daan",
        "Which vacuum cleaner attachments fit the Zephyr X?",
        "I'd like a longer crevice tool. Do attachments from the older Zephyr fit?",
        ["vacuum", "accessories"],
        "zephyr-x",
        [],
        {"lang": "en"},
    ),
    (
        "fatima",
        "Krijg ik de verzendkosten terug als ik alles retourneer?",
        "Ik heb 4,95 verzendkosten betaald en stuur de hele bestelling terug.",
        ["retour", "verzendkosten", "terugbetaling"],
        "",
        [
            (
                "moderator",
                "Ja, bij een volledige retour binnen de bedenktijd betalen we de "
                "oorspronkelijke verzendkosten terug.",
                5,
                ("verified", "accepted"),
            )
        ],
        {"votes": 2},
    ),
    (
        "joost",
        "Hoe lang duurt het voordat mijn retourgeld terug is?",
        "Mijn retour is volgens de track-and-trace gisteren afgeleverd. Wanneer krijg ik mijn "
        "geld terug?",
        ["retour", "terugbetaling"],
        "",
        [
            (
                "anouk",
                "Bij mij duurde het 4 werkdagen na ontvangst. Je krijgt een mail als de retour "
                "is verwerkt.",
                3,
                ("accepted",),
            ),
            (
                "moderator",
                "We verwerken retouren binnen 5 werkdagen; daarna staat het geld binnen "
                "1-2 werkdagen op je rekening.",
                4,
                ("verified",),
            ),
        ],
        {"votes": 3},
    ),
    (
        "anouk",
        "Pakket als bezorgd gemeld maar niet ontvangen",
        "Volgens de bezorger is mijn pakket vanmiddag afgeleverd, maar ik heb niets gekregen en "
        "de buren ook niet.",
        ["levering", "zoekgeraakt"],
        "",
        [
            (
                "pieter",
                "Kijk even bij de buren twee huizen verder en in de meterkast of schuur; "
                "bezorgers leggen het soms op een 'veilige plek'.",
                4,
                (),
            ),
            (
                "moderator",
                "Heb je na 24 uur nog niets, meld het dan via het contactformulier. We "
                "vragen een bezorgbewijs op bij de vervoerder en sturen zo nodig een "
                "nieuw pakket.",
                6,
                ("verified",),
            ),
        ],
        {"votes": 5},
    ),
    (
        "mehmet",
        "Kan ik ook betalen met een creditcard?",
        "Welke creditcards accepteren jullie?",
        ["betalen", "creditcard"],
        "",
        [("lotte", "Visa en Mastercard, American Express volgens mij niet.", 2, ("accepted",))],
        {},
    ),
    (
        "lotte",
        "Apparaat kapot na 2,5 jaar: geen garantie meer?",
        "Mijn koffiezetapparaat is na tweeënhalf jaar stuk. De garantie is 2 jaar. Heb ik pech?",
        ["garantie", "conformiteit"],
        "aroma-300",
        [
            (
                "joost",
                "Naast de garantie heb je wettelijk recht op een product dat zo lang meegaat "
                "als je redelijkerwijs mag verwachten. Voor een koffieapparaat van deze prijs "
                "is 2,5 jaar kort, dus vraag om reparatie.",
                6,
                ("accepted",),
            ),
            (
                "moderator",
                "Klopt. Meld het via het contactformulier met je aankoopbewijs, dan kijken "
                "we per geval wat redelijk is.",
                4,
                ("verified",),
            ),
        ],
        {"votes": 4},
    ),
    (
        "pieter",
        "Ontvang ik een factuur bij mijn bestelling?",
        "Ik heb een factuur nodig voor mijn administratie.",
        ["factuur", "bestellen"],
        "",
        [("emma", "De factuur staat als pdf bij je bestelling in je account.", 2, ("accepted",))],
        {},
    ),
    (
        "emma",
        "Kan ik mijn account verwijderen?",
        "Ik wil niet langer klant zijn en wil dat mijn gegevens verwijderd worden.",
        ["account", "privacy"],
        "",
        [
            (
                "moderator",
                "Dat kan via 'Instellingen' > 'Account verwijderen'. Bestelgegevens "
                "bewaren we 7 jaar voor de belastingdienst, de rest wordt gewist.",
                3,
                ("verified",),
            )
        ],
        {},
    ),
    (
        "daan",
        "Softshell jas laat water door bij de naden",
        "Na een uur regen is mijn schouder nat. De jas is twee maanden oud.",
        ["kleding", "garantie"],
        "noord-softshell",
        [
            (
                "sanne",
                "Een softshell is waterafstotend, niet waterdicht. Bij lange regen is een "
                "regenjas beter. Impregneren helpt wel.",
                4,
                (),
            ),
            ("lotte", "Je kunt hem wel als klacht melden als de naden echt loslaten.", 1, ()),
        ],
        {"votes": 1},
    ),
    (
        "sanne",
        "Kan ik een bestelling ophalen in de winkel?",
        "Is er een mogelijkheid om gratis af te halen in plaats van laten bezorgen?",
        ["levering", "afhalen"],
        "",
        [],
        {},
    ),
    (
        "bram",
        "Verkeerd artikel ontvangen",
        "Ik had de Vita waterkoker besteld maar kreeg een broodrooster. Wat moet ik doen?",
        ["levering", "verkeerd-artikel"],
        "vita-waterkoker",
        [
            (
                "moderator",
                "Sorry daarvoor! Meld het via je account als 'verkeerd artikel ontvangen'. "
                "We sturen meteen de juiste waterkoker en een gratis retourlabel voor de "
                "broodrooster.",
                5,
                ("verified", "accepted"),
            )
        ],
        {"votes": 2},
    ),
    (
        "fatima",
        "Is er een studentenkorting?",
        "Ik ben student, krijg ik ergens korting?",
        ["korting"],
        "",
        [],
        {},
    ),
    (
        "joost",
        "Stofzuiger maakt hard fluitend geluid",
        "Sinds gisteren fluit mijn Zephyr X heel hard tijdens het zuigen.",
        ["stofzuiger", "onderhoud"],
        "zephyr-x",
        [
            (
                "daan",
                "Waarschijnlijk zit er iets vast in de buis of is het filter vol. Maak het "
                "filter schoon onder de kraan en laat het 24 uur drogen.",
                5,
                ("accepted",),
            )
        ],
        {"votes": 2},
    ),
    (
        "mehmet",
        "Hoe lang duurt levering als iets 'tijdelijk uitverkocht' is?",
        "Ik wil de Pulse koptelefoon bestellen maar er staat 'tijdelijk uitverkocht, levertijd "
        "2-3 weken'. Klopt dat?",
        ["levering", "voorraad"],
        "pulse-koptelefoon",
        [
            (
                "anouk",
                "Bij mij klopte de aangegeven levertijd precies. Je kunt ook een mail laten "
                "sturen als hij weer op voorraad is.",
                2,
                (),
            )
        ],
        {},
    ),
    (
        "anouk",
        "Pakket beschadigd aangekomen",
        "De doos was ingedeukt en de waterkoker heeft een deuk. Moet ik foto's maken?",
        ["levering", "beschadigd"],
        "vita-waterkoker",
        [
            (
                "moderator",
                "Ja, maak foto's van de doos en het product en meld het binnen 48 uur via "
                "je account. Je krijgt een nieuwe of je geld terug, wat je wilt.",
                6,
                ("verified", "accepted"),
            )
        ],
        {"votes": 3},
    ),
    (
        "pieter",
        "Mijn pakket is nog niet aangekomen na 5 dagen",
        "Besteld op maandag, nu zaterdag en nog geen pakket. De status is 'onderweg'.",
        ["levering", "track-and-trace"],
        "",
        [("lotte", "Zie de andere vraag hierover, daar staat precies wat je moet doen.", 1, ())],
        {"duplicate_of": "Mijn pakket staat al drie dagen op 'onderweg', wat nu?"},
    ),
    (
        "emma",
        "Wat is jullie lievelingskleur?",
        "Gewoon benieuwd, welke kleur jassen verkopen jullie het meest?",
        ["kleding"],
        "",
        [],
        {"closed": ("off_topic", "Dit is geen vraag over een bestelling of product.")},
    ),
    (
        "daan",
        "Kan ik met Apple Pay betalen?",
        "Ik zie Apple Pay niet staan bij het afrekenen.",
        ["betalen", "apple-pay"],
        "",
        [("mehmet", "In de app wel, op de website (nog) niet.", 2, ())],
        {"votes": 1},
    ),
    (
        "sanne",
        "Lees dit eerst: zo stel je een vraag die snel beantwoord wordt",
        "Welkom in de community! Noem in je vraag:\n\n1. wat je hebt besteld (product of "
        "ordernummer zonder je adres),\n2. wat er gebeurde,\n3. wat je al hebt geprobeerd.\n\n"
        "Deel **nooit** je adres, telefoonnummer of betaalgegevens.",
        ["community", "tips"],
        "",
        [("bram", "Handig! En voeg tags toe, dan vinden anderen je vraag makkelijker.", 3, ())],
        {"pinned": True, "locked": True, "votes": 6},
    ),
    (
        "lotte",
        "Bezorger belt niet aan, pakket gaat steeds terug",
        "Voor de derde keer staat er 'niemand thuis' terwijl ik thuis was.",
        ["levering", "bezorger"],
        "",
        [
            (
                "superdeals",
                "Koop nu goedkope merkjassen op superdeals-outlet punt example! 80% "
                "korting!!! https://superdeals.example/jassen",
                0,
                (),
            ),
            (
                "fatima",
                "Kies een afhaalpunt, dan heb je er geen last meer van. En dien een klacht in "
                "bij de vervoerder.",
                3,
                ("accepted",),
            ),
        ],
        {
            "flags": [
                ("sanne", 0, "spam", "Reclame voor een andere winkel"),
                ("bram", 0, "spam", ""),
            ],
            "votes": 2,
        },
    ),
    (
        "joost",
        "Kan ik de garantie verlengen?",
        "Bij de Aroma 300 wordt een verlengde garantie aangeboden. Is dat de moeite waard?",
        ["garantie", "koffie"],
        "aroma-300",
        [
            (
                "pieter",
                "Vaak niet: je hebt wettelijk al recht op een product dat lang genoeg meegaat.",
                2,
                (),
            )
        ],
        {"flags": [("mehmet", None, "needs_improvement", "Welke verlengde garantie precies?")]},
    ),
]

PENDING_FIRST_POST = (
    "Kan ik mijn bestelling laten bezorgen op mijn werkadres?",
    "Ik ben overdag niet thuis. Mag het afleveradres een kantooradres zijn?",
    ["levering", "adres"],
)
