"""The demo help centre's text: categories, articles, FAQ pages, products and the service
promise, in Dutch with English versions of the most-read articles. `kb.demo` builds pages
from it.

Article bodies are a small list notation, turned into StreamField data by `kb.demo`:
"## Heading", "### Subheading", "plain paragraph" (may contain <b>, <i>),
("tip", text), ("warning", text), ("steps", [step or (step, explanation)]),
("table", caption, [header row, rows…]), ("faq", [(question, answer)]),
("links", [article slug]), ("image", product slug, caption).
"""

CATEGORIES = [
    # (slug, title, icon, intro, english slug, english title, english intro)
    ("bestellen", "Bestellen", "cart", "Een bestelling plaatsen, wijzigen of annuleren.",
     "ordering", "Ordering", "Placing, changing or cancelling an order."),
    ("betalen", "Betalen", "card", "iDEAL, achteraf betalen, creditcard en cadeaubonnen.",
     "payment", "Payment", "iDEAL, pay later, credit card and gift cards."),
    ("verzending-en-levering", "Verzending en levering", "truck",
     "Bezorgopties, kosten, levertijden en je pakket volgen.",
     "shipping-and-delivery", "Shipping and delivery",
     "Delivery options, costs, delivery times and tracking your parcel."),
    ("retourneren-en-ruilen", "Retourneren en ruilen", "return",
     "Iets terugsturen, ruilen en wanneer je je geld terugkrijgt.",
     "returns-and-exchanges", "Returns and exchanges",
     "Sending something back, exchanging it and when you get your money back."),
    ("account", "Account", "user", "Inloggen, je gegevens wijzigen en privacy.",
     "account", "Account", "Logging in, changing your details and privacy."),
    ("productonderhoud", "Productonderhoud", "tools",
     "Zo gaan je apparaten en kleding langer mee.",
     "product-care", "Product care", "Make your appliances and clothes last longer."),
]

# A nested category: (parent slug, slug, title, icon, intro, english slug, title, intro).
SUBCATEGORIES = [
    ("productonderhoud", "garantie-en-reparatie", "Garantie en reparatie", "tools",
     "Wat je garantie dekt en hoe een reparatie verloopt.",
     "warranty-and-repairs", "Warranty and repairs", "What your warranty covers and how a "
     "repair works."),
]

PRODUCTS = [
    # (slug, name, sku, category, colour, english name)
    ("aroma-300", "Koffiezetapparaat Aroma 300", "KZ-300", "Keukenapparatuur", "#7a4a2a",
     "Aroma 300 coffee maker"),
    ("zephyr-x", "Steelstofzuiger Zephyr X", "SZ-410", "Huishouden", "#2f6db5",
     "Zephyr X stick vacuum cleaner"),
    ("vita-waterkoker", "Waterkoker Vita 1,7 liter", "WK-170", "Keukenapparatuur", "#4b8f6d",
     "Vita kettle 1.7 litres"),
    ("noord-softshell", "Softshell jas Noord", "KL-2207", "Kleding", "#2c3e50",
     "Noord softshell jacket"),
    ("pulse-koptelefoon", "Draadloze koptelefoon Pulse", "EL-880", "Elektronica", "#8e44ad",
     "Pulse wireless headphones"),
]

ARTICLES = [
    # Bestellen
    {
        "category": "bestellen",
        "slug": "hoe-plaats-ik-een-bestelling",
        "title": "Hoe plaats ik een bestelling?",
        "intro": "In vijf stappen van winkelmandje naar bevestiging, met of zonder account.",
        "tags": ["bestellen", "winkelmandje"],
        "featured": True,
        "body": [
            "Bestellen gaat het snelst op de website of in onze app. Je kunt bestellen met een "
            "account of als gast; met een account zie je je bestellingen later terug.",
            ("steps", [
                ("Leg je artikelen in het winkelmandje",
                 "Kies maat of kleur en klik op <b>In winkelmandje</b>."),
                ("Open je winkelmandje", "Controleer aantallen en gebruik eventueel een "
                 "kortingscode."),
                ("Log in of bestel als gast", ""),
                ("Kies een bezorgoptie", "Thuisbezorgen, een afhaalpunt of avondbezorging."),
                ("Betaal je bestelling", "Na je betaling krijg je direct een "
                 "bestelbevestiging per e-mail."),
            ]),
            "## Na het bestellen",
            "Zodra je pakket onderweg is, sturen we je een e-mail met een track-en-tracecode. "
            "Bestel je op een werkdag vóór 22.00 uur, dan versturen we het dezelfde dag nog.",
            ("tip", "Bewaar je bestelbevestiging: het bestelnummer heb je nodig als je iets "
             "wilt wijzigen of retourneren."),
        ],
        "en": {
            "slug": "how-do-i-place-an-order",
            "title": "How do I place an order?",
            "intro": "From basket to confirmation in five steps, with or without an account.",
            "body": [
                "Ordering is quickest on the website or in our app. You can order with an "
                "account or as a guest; with an account you can find your orders later.",
                ("steps", [
                    ("Add items to your basket", "Choose a size or colour and click "
                     "<b>Add to basket</b>."),
                    ("Open your basket", "Check the quantities and add a discount code if "
                     "you have one."),
                    ("Log in or order as a guest", ""),
                    ("Choose a delivery option", "Home delivery, a pick-up point or evening "
                     "delivery."),
                    ("Pay for your order", "You receive an order confirmation by e-mail "
                     "right after paying."),
                ]),
                "## After ordering",
                "As soon as your parcel is on its way we e-mail you a tracking code. Order on "
                "a working day before 22:00 and we ship it the same day.",
                ("tip", "Keep your order confirmation: you need the order number to change "
                 "or return something."),
            ],
        },
    },
    {
        "category": "bestellen",
        "slug": "bestelling-wijzigen-of-annuleren",
        "title": "Kan ik mijn bestelling wijzigen of annuleren?",
        "intro": "Dat kan zolang je bestelling nog niet is ingepakt. Zo doe je het.",
        "tags": ["bestellen", "annuleren"],
        "featured": True,
        "body": [
            "Je kunt een bestelling wijzigen of annuleren zolang de status in je account "
            "<b>Ontvangen</b> is. Heeft je bestelling de status <b>Wordt ingepakt</b>, dan "
            "ligt ze al bij ons magazijn en kunnen we niets meer aanpassen.",
            "## Annuleren",
            ("steps", [
                "Log in en ga naar Mijn bestellingen.",
                "Kies de bestelling en klik op Annuleren.",
                "Bevestig de annulering. Je krijgt je geld binnen 3 werkdagen terug.",
            ]),
            "## Wijzigen",
            "Een ander adres, een andere maat of een extra artikel? Annuleer de bestelling en "
            "plaats een nieuwe. Zo weet je zeker dat alles klopt.",
            ("warning", "Is je bestelling al verstuurd? Weiger het pakket dan niet, maar meld "
             "het gratis aan voor retour. Een geweigerd pakket duurt veel langer."),
            ("links", ["hoe-plaats-ik-een-bestelling"]),
        ],
        "en": {
            "slug": "change-or-cancel-an-order",
            "title": "Can I change or cancel my order?",
            "intro": "You can, as long as your order has not been packed yet. Here is how.",
            "body": [
                "You can change or cancel an order as long as its status in your account is "
                "<b>Received</b>. Once it says <b>Being packed</b>, it is already in our "
                "warehouse and we can no longer change it.",
                "## Cancelling",
                ("steps", [
                    "Log in and go to My orders.",
                    "Choose the order and click Cancel.",
                    "Confirm. Your money is refunded within 3 working days.",
                ]),
                "## Changing",
                "A different address, size or an extra item? Cancel the order and place a new "
                "one, so you know everything is right.",
                ("warning", "Has your order already shipped? Don't refuse the parcel; register "
                 "a free return instead. A refused parcel takes much longer."),
            ],
        },
    },
    {
        "category": "bestellen",
        "slug": "bestellen-zonder-account",
        "title": "Bestellen zonder account",
        "intro": "Als gast bestellen kan altijd. Dit zijn de verschillen met een account.",
        "tags": ["bestellen", "account"],
        "body": [
            "Je hoeft geen account aan te maken om bij ons te bestellen. Kies bij het afrekenen "
            "voor <b>Bestellen als gast</b> en vul je naam, adres en e-mailadres in.",
            ("table", "Gast of account", [
                ["", "Als gast", "Met account"],
                ["Bestelling volgen", "Via de link in je e-mail", "In Mijn bestellingen"],
                ["Retour aanmelden", "Met bestelnummer en postcode", "Met één klik"],
                ["Adres onthouden", "Nee", "Ja"],
            ]),
            "Heb je als gast besteld en maak je later een account aan met hetzelfde "
            "e-mailadres? Dan koppelen we je eerdere bestellingen automatisch.",
        ],
    },
    {
        "category": "bestellen",
        "slug": "kortingscode-gebruiken",
        "title": "Kortingscode gebruiken",
        "intro": "Waar je je kortingscode invult en waarom een code soms niet werkt.",
        "tags": ["bestellen", "korting"],
        "body": [
            "Je vult een kortingscode in je winkelmandje in, in het veld <b>Kortingscode</b>. "
            "Klik op Toepassen; de korting zie je meteen in het totaalbedrag.",
            "## Werkt je code niet?",
            "Controleer dan of de code nog geldig is, of je het minimale bestelbedrag haalt en "
            "of de actie geldt voor de artikelen in je mandje. Per bestelling kun je één "
            "kortingscode gebruiken.",
            ("tip", "Let op hoofdletters en spaties: kopieer de code het liefst direct uit de "
             "e-mail of nieuwsbrief."),
        ],
    },
    {
        "category": "bestellen",
        "slug": "bestelbevestiging-niet-ontvangen",
        "title": "Bestelbevestiging niet ontvangen",
        "intro": "Geen e-mail gekregen na je bestelling? Kijk eerst hier.",
        "tags": ["bestellen", "e-mail"],
        "body": [
            "Je bestelbevestiging sturen we binnen enkele minuten na je betaling. Zie je niets?",
            ("steps", [
                "Kijk in je map met ongewenste e-mail of reclame.",
                "Controleer in je account of het e-mailadres klopt.",
                "Kijk in Mijn bestellingen: staat je bestelling daar, dan is ze gelukt.",
            ]),
            "Staat je bestelling niet in je account en is er wel geld afgeschreven? Neem dan "
            "contact met ons op; we zoeken het voor je uit.",
        ],
    },
    # Betalen
    {
        "category": "betalen",
        "slug": "betalen-met-ideal",
        "title": "Betalen met iDEAL",
        "intro": "Direct betalen vanaf je eigen bankrekening, veilig via je bank-app.",
        "tags": ["betalen", "ideal"],
        "featured": True,
        "body": [
            "Met iDEAL betaal je direct vanaf je Nederlandse bankrekening. Je rondt de "
            "betaling af in de app of internetbankieromgeving van je eigen bank.",
            ("steps", [
                "Kies iDEAL bij het afrekenen.",
                "Scan de QR-code met je bank-app, of kies je bank als je op je telefoon zit.",
                "Bevestig de betaling in je bank-app.",
                "Je komt terug in onze winkel en ziet je bestelbevestiging.",
            ]),
            ("tip", "Sluit de pagina niet af terwijl je in je bank-app betaalt. Is dat toch "
             "gebeurd? Je bestelling komt meestal binnen een paar minuten alsnog binnen."),
            "## Kosten",
            "Betalen met iDEAL is gratis.",
        ],
        "en": {
            "slug": "paying-with-ideal",
            "title": "Paying with iDEAL",
            "intro": "Pay directly from your own bank account, safely through your banking app.",
            "body": [
                "With iDEAL you pay directly from your Dutch bank account, finishing the "
                "payment in your own bank's app or online banking.",
                ("steps", [
                    "Choose iDEAL at checkout.",
                    "Scan the QR code with your banking app, or pick your bank on your phone.",
                    "Confirm the payment in your banking app.",
                    "You return to our shop and see your order confirmation.",
                ]),
                ("tip", "Don't close the page while paying in your banking app. If you did, "
                 "your order usually still comes through within a few minutes."),
                "## Costs",
                "Paying with iDEAL is free.",
            ],
        },
    },
    {
        "category": "betalen",
        "slug": "achteraf-betalen-met-klarna",
        "title": "Achteraf betalen met Klarna",
        "intro": "Eerst passen, dan betalen: binnen 30 dagen, zonder extra kosten.",
        "tags": ["betalen", "klarna", "achteraf-betalen"],
        "featured": True,
        "body": [
            "Met Klarna betaal je pas nadat je je bestelling hebt ontvangen. Je hebt 30 dagen "
            "de tijd en het kost je niets extra, zolang je op tijd betaalt.",
            "## Zo werkt het",
            ("steps", [
                "Kies Achteraf betalen met Klarna bij het afrekenen.",
                "Klarna doet een korte controle; je hoort direct of het lukt.",
                "Je ontvangt de betaalinstructies van Klarna per e-mail of in de Klarna-app.",
                "Retourneer je iets? Dan past Klarna het bedrag automatisch aan.",
            ]),
            ("warning", "Betaal je te laat, dan kan Klarna kosten in rekening brengen. Lees de "
             "voorwaarden van Klarna goed. Geld lenen kost geld."),
            "## Waarom wordt Klarna soms geweigerd?",
            "Klarna beslist zelf of je achteraf kunt betalen, bijvoorbeeld op basis van een "
            "openstaand bedrag of een afwijkend bezorgadres. Wij kunnen die beslissing niet "
            "veranderen; kies dan een andere betaalmethode.",
        ],
        "en": {
            "slug": "pay-later-with-klarna",
            "title": "Pay later with Klarna",
            "intro": "Try first, pay later: within 30 days, at no extra cost.",
            "body": [
                "With Klarna you pay only after your order has arrived. You have 30 days and "
                "it costs nothing extra, as long as you pay on time.",
                "## How it works",
                ("steps", [
                    "Choose Pay later with Klarna at checkout.",
                    "Klarna runs a quick check; you hear straight away whether it is accepted.",
                    "Klarna sends the payment instructions by e-mail or in the Klarna app.",
                    "Returning something? Klarna adjusts the amount automatically.",
                ]),
                ("warning", "If you pay late, Klarna may charge fees. Read Klarna's terms "
                 "carefully."),
                "## Why is Klarna sometimes declined?",
                "Klarna decides whether you can pay later, for instance because of an unpaid "
                "amount or a different delivery address. We cannot change that decision; "
                "choose another payment method instead.",
            ],
        },
    },
    {
        "category": "betalen",
        "slug": "betalen-met-creditcard",
        "title": "Betalen met creditcard",
        "intro": "We accepteren Visa, Mastercard en American Express.",
        "tags": ["betalen", "creditcard"],
        "body": [
            "Je betaalt met Visa, Mastercard of American Express. Voor je veiligheid bevestig je "
            "de betaling meestal in de app van je bank of creditcardmaatschappij (3D Secure).",
            "Het bedrag wordt pas definitief afgeschreven als we je bestelling versturen. Tot "
            "die tijd zie je soms een reservering op je kaart staan.",
            ("tip", "Debitcards met een Visa- of Mastercard-logo werken ook."),
        ],
    },
    {
        "category": "betalen",
        "slug": "betaling-mislukt",
        "title": "Betaling mislukt: wat nu?",
        "intro": "Wat je kunt doen als je betaling niet lukt of geannuleerd is.",
        "tags": ["betalen", "storing"],
        "body": [
            "Een betaling kan mislukken door een storing bij de bank, een verlopen sessie of "
            "een bestedingslimiet. Er is dan niets afgeschreven en je bestelling staat nog "
            "open.",
            ("steps", [
                "Ga naar Mijn bestellingen en kies Opnieuw betalen.",
                "Probeer eventueel een andere betaalmethode.",
                "Lukt het na een uur nog steeds niet? Neem contact met ons op.",
            ]),
            ("warning", "Is er wél geld afgeschreven maar staat je bestelling op Niet betaald? "
             "Wacht dan een uur: bankbevestigingen komen soms later binnen. Betaal niet twee "
             "keer."),
        ],
    },
    {
        "category": "betalen",
        "slug": "cadeaubon-gebruiken",
        "title": "Cadeaubon gebruiken",
        "intro": "Zo verzilver je een cadeaubon, ook in combinatie met een andere betaalmethode.",
        "tags": ["betalen", "cadeaubon"],
        "body": [
            "Bij het afrekenen kies je <b>Cadeaubon</b> en vul je de code en pincode in. Is je "
            "bestelling duurder dan het tegoed, dan betaal je de rest met een andere "
            "betaalmethode.",
            "Een cadeaubon is twee jaar geldig. Het resterende tegoed kun je bij een volgende "
            "bestelling gebruiken.",
        ],
    },
    # Verzending en levering
    {
        "category": "verzending-en-levering",
        "slug": "waar-is-mijn-pakket",
        "title": "Waar is mijn pakket?",
        "intro": "Volg je pakket met de track-en-tracecode en lees wat je doet als het uitblijft.",
        "tags": ["bezorging", "track-en-trace"],
        "featured": True,
        "products": [],
        "body": [
            "Zodra we je pakket hebben overgedragen aan de bezorger, krijg je een e-mail met een "
            "track-en-tracecode. Met die code volg je je pakket bij de vervoerder.",
            "## De status klopt niet of verandert niet",
            "Een status wordt soms pas 's avonds bijgewerkt. Verandert er langer dan twee "
            "werkdagen niets, neem dan contact met ons op; wij starten een onderzoek bij de "
            "vervoerder.",
            "## Volgens de bezorger is het bezorgd, maar ik heb niets",
            ("steps", [
                "Vraag bij je buren of ze het pakket hebben aangenomen.",
                "Kijk of er een briefje in je brievenbus zit.",
                "Controleer een eventuele afgesproken plek, zoals een schuur.",
                "Nog steeds niets? Meld het binnen 5 dagen bij ons.",
            ]),
            ("tip", "In de app van de vervoerder kun je vaak een andere bezorgdag of een "
             "afhaalpunt kiezen, zolang het pakket nog niet in de bus ligt."),
        ],
        "en": {
            "slug": "where-is-my-parcel",
            "title": "Where is my parcel?",
            "intro": "Track your parcel with the tracking code and what to do if it doesn't "
            "arrive.",
            "body": [
                "As soon as we hand your parcel to the carrier, you get an e-mail with a "
                "tracking code. Use it to follow your parcel on the carrier's website.",
                "## The status is wrong or doesn't change",
                "Statuses are sometimes only updated in the evening. If nothing changes for "
                "more than two working days, contact us and we will open an investigation "
                "with the carrier.",
                "## The carrier says it was delivered, but I have nothing",
                ("steps", [
                    "Ask your neighbours whether they accepted the parcel.",
                    "Check your letterbox for a note.",
                    "Check any agreed safe place, such as a shed.",
                    "Still nothing? Let us know within 5 days.",
                ]),
                ("tip", "The carrier's app often lets you choose another day or a pick-up "
                 "point, as long as the parcel is not yet in the van."),
            ],
        },
    },
    {
        "category": "verzending-en-levering",
        "slug": "bezorgopties-en-kosten",
        "title": "Bezorgopties en -kosten",
        "intro": "Alle manieren van bezorgen op een rij, met levertijden en kosten.",
        "tags": ["bezorging", "verzendkosten"],
        "featured": True,
        "body": [
            "Bij het afrekenen kies je hoe je je bestelling wilt ontvangen. Vanaf € 25 bezorgen "
            "we standaard gratis.",
            ("table", "Bezorgopties in Nederland", [
                ["Optie", "Levertijd", "Kosten"],
                ["Standaard thuisbezorgen", "1 werkdag", "€ 3,95 (gratis vanaf € 25)"],
                ["Avondbezorging (18-22 uur)", "Dezelfde of volgende dag", "€ 4,95"],
                ["Afhaalpunt", "1-2 werkdagen", "Gratis"],
                ["Grote artikelen", "2-4 werkdagen, op afspraak", "€ 29,95"],
            ]),
            ("tip", "Kies een afhaalpunt als je overdag niet thuis bent. Je pakket ligt daar "
             "zeven dagen voor je klaar."),
            "## Zaterdag- en zondagbezorging",
            "In de meeste postcodegebieden bezorgen we ook op zaterdag. Op zondag bezorgen we "
            "alleen in de grote steden; je ziet het bij het afrekenen.",
        ],
        "en": {
            "slug": "delivery-options-and-costs",
            "title": "Delivery options and costs",
            "intro": "Every way we deliver, with delivery times and costs.",
            "body": [
                "At checkout you choose how you want to receive your order. From € 25 "
                "standard delivery is free.",
                ("table", "Delivery options in the Netherlands", [
                    ["Option", "Delivery time", "Costs"],
                    ["Standard home delivery", "1 working day", "€ 3.95 (free from € 25)"],
                    ["Evening delivery (18-22h)", "Same or next day", "€ 4.95"],
                    ["Pick-up point", "1-2 working days", "Free"],
                    ["Large items", "2-4 working days, by appointment", "€ 29.95"],
                ]),
                ("tip", "Choose a pick-up point if you are not home during the day. Your parcel "
                 "waits there for seven days."),
                "## Saturday and Sunday delivery",
                "We deliver on Saturdays in most postcode areas. On Sundays we only deliver "
                "in the big cities; you will see it at checkout.",
            ],
        },
    },
    {
        "category": "verzending-en-levering",
        "slug": "pakket-afhalen-bij-afhaalpunt",
        "title": "Pakket afhalen bij een afhaalpunt",
        "intro": "Wat je meeneemt en hoe lang je pakket blijft liggen.",
        "tags": ["bezorging", "afhaalpunt"],
        "body": [
            "Je krijgt een e-mail zodra je pakket bij het afhaalpunt ligt. Neem de ophaalcode "
            "uit die e-mail en een geldig identiteitsbewijs mee.",
            "Je pakket blijft zeven dagen liggen. Haal je het niet op, dan komt het terug naar "
            "ons en betalen we je bestelling automatisch terug.",
            ("tip", "Iemand anders laten ophalen? Geef diegene de ophaalcode en een kopie van "
             "je identiteitsbewijs mee."),
        ],
    },
    {
        "category": "verzending-en-levering",
        "slug": "bezorgen-in-belgie",
        "title": "Bezorgen in België",
        "intro": "We bezorgen ook in België, meestal binnen twee werkdagen.",
        "tags": ["bezorging", "belgie"],
        "body": [
            "Bestellingen naar België bezorgen we binnen 2 werkdagen. De verzendkosten zijn "
            "€ 4,95; vanaf € 50 is bezorging gratis.",
            "Afhaalpunten in België zijn beschikbaar. Avond- en zondagbezorging bieden we in "
            "België nog niet aan.",
        ],
    },
    {
        "category": "verzending-en-levering",
        "slug": "pakket-beschadigd-ontvangen",
        "title": "Pakket beschadigd ontvangen",
        "intro": "Is je pakket of artikel beschadigd aangekomen? Zo lossen we het op.",
        "tags": ["bezorging", "schade"],
        "body": [
            "Vervelend dat je bestelling beschadigd is. Meld het binnen 14 dagen, dan zorgen "
            "we voor een nieuw artikel of je geld terug.",
            ("steps", [
                "Maak foto's van de doos en van het beschadigde artikel.",
                "Ga naar Mijn bestellingen en kies Probleem melden.",
                "Upload de foto's en kies vervanging of terugbetaling.",
            ]),
            ("warning", "Gooi de verpakking nog niet weg; de vervoerder vraagt er soms naar."),
        ],
    },
    # Retourneren en ruilen
    {
        "category": "retourneren-en-ruilen",
        "slug": "hoe-retourneer-ik-een-artikel",
        "title": "Hoe retourneer ik een artikel?",
        "intro": "Je hebt 30 dagen bedenktijd. Zo meld je je retour aan en stuur je het op.",
        "tags": ["retourneren"],
        "featured": True,
        "body": [
            "Niet tevreden of past het niet? Je kunt bijna alles binnen 30 dagen na ontvangst "
            "retourneren.",
            ("steps", [
                ("Meld je retour aan", "Ga naar Mijn bestellingen, kies het artikel en klik op "
                 "Retourneren. Als gast gebruik je je bestelnummer en postcode."),
                ("Pak het artikel goed in", "Het liefst in de originele verpakking, met alle "
                 "onderdelen."),
                ("Plak het retourlabel op de doos", "Geen printer? Kies dan de QR-code; die "
                 "laat je scannen bij het afgiftepunt."),
                ("Breng het pakket weg", "Bij een afgiftepunt van de vervoerder. Bewaar het "
                 "afgiftebewijs."),
            ]),
            ("tip", "Ontvangen we je retour, dan krijg je een e-mail. Vanaf dat moment betalen "
             "we binnen 5 werkdagen terug."),
            "## Heb je achteraf betaald?",
            "Dan hoef je het geretourneerde deel niet meer te betalen. Klarna past het bedrag "
            "aan zodra wij je retour hebben verwerkt.",
        ],
        "en": {
            "slug": "how-do-i-return-an-item",
            "title": "How do I return an item?",
            "intro": "You have 30 days to change your mind. Here is how to register and send "
            "your return.",
            "body": [
                "Not happy, or doesn't it fit? You can return almost anything within 30 days "
                "of receiving it.",
                ("steps", [
                    ("Register your return", "Go to My orders, choose the item and click "
                     "Return. Guests use their order number and postcode."),
                    ("Pack the item well", "Preferably in its original packaging, with all "
                     "parts."),
                    ("Stick the return label on the box", "No printer? Choose the QR code and "
                     "have it scanned at the drop-off point."),
                    ("Drop off the parcel", "At one of the carrier's drop-off points. Keep the "
                     "receipt."),
                ]),
                ("tip", "We e-mail you when your return arrives, and refund you within 5 "
                 "working days from then."),
                "## Did you pay later?",
                "Then you don't pay for what you returned. Klarna adjusts the amount once we "
                "have processed your return.",
            ],
        },
    },
    {
        "category": "retourneren-en-ruilen",
        "slug": "wanneer-krijg-ik-mijn-geld-terug",
        "title": "Wanneer krijg ik mijn geld terug?",
        "intro": "Binnen 5 werkdagen nadat we je retour hebben ontvangen.",
        "tags": ["retourneren", "terugbetaling"],
        "featured": True,
        "body": [
            "We betalen terug binnen 5 werkdagen nadat je retour bij ons is binnengekomen en "
            "gecontroleerd. Je krijgt het geld terug via de betaalmethode waarmee je hebt "
            "betaald.",
            ("table", "Hoe lang het duurt", [
                ["Betaalmethode", "Geld op je rekening"],
                ["iDEAL", "1-2 werkdagen na terugbetaling"],
                ["Creditcard", "Tot 10 werkdagen, afhankelijk van je bank"],
                ["Klarna", "Klarna past je openstaande bedrag direct aan"],
                ["Cadeaubon", "Als nieuw tegoed op je cadeaubon"],
            ]),
            ("links", ["hoe-retourneer-ik-een-artikel"]),
        ],
        "en": {
            "slug": "when-do-i-get-my-money-back",
            "title": "When do I get my money back?",
            "intro": "Within 5 working days of receiving your return.",
            "body": [
                "We refund within 5 working days after your return has arrived and been "
                "checked, using the payment method you paid with.",
                ("table", "How long it takes", [
                    ["Payment method", "Money in your account"],
                    ["iDEAL", "1-2 working days after the refund"],
                    ["Credit card", "Up to 10 working days, depending on your bank"],
                    ["Klarna", "Klarna adjusts your outstanding amount straight away"],
                    ["Gift card", "As new credit on your gift card"],
                ]),
            ],
        },
    },
    {
        "category": "retourneren-en-ruilen",
        "slug": "artikel-ruilen",
        "title": "Artikel ruilen voor een andere maat of kleur",
        "intro": "Ruilen doe je door te retourneren en opnieuw te bestellen.",
        "tags": ["retourneren", "ruilen", "maat"],
        "body": [
            "Zo heb je de nieuwe maat het snelst: bestel de juiste maat meteen opnieuw en "
            "retourneer het oude artikel. Je geld voor het oude artikel krijg je terug zodra "
            "we het ontvangen.",
            ("tip", "Twijfel je over je maat? Kijk op de productpagina bij Maattabel; daar "
             "staan de maten per merk."),
        ],
    },
    {
        "category": "retourneren-en-ruilen",
        "slug": "retourkosten",
        "title": "Wat kost retourneren?",
        "intro": "Retourneren is gratis binnen Nederland en België.",
        "tags": ["retourneren", "kosten"],
        "body": [
            "Retourneren is gratis als je het retourlabel of de QR-code van ons gebruikt. "
            "Stuur je het pakket op een andere manier, dan betaal je zelf de verzendkosten.",
            "Grote artikelen, zoals meubels, halen we bij je op. Daarvoor rekenen we € 29,95, "
            "behalve als het artikel defect is.",
        ],
    },
    {
        "category": "retourneren-en-ruilen",
        "slug": "uitgesloten-van-retour",
        "title": "Welke artikelen kun je niet retourneren?",
        "intro": "Een paar artikelen zijn om hygiënische redenen uitgesloten.",
        "tags": ["retourneren", "voorwaarden"],
        "body": [
            "Deze artikelen kun je niet retourneren als de verpakking geopend is:",
            "<ul><li>oordopjes en in-ear koptelefoons</li><li>ondergoed en badkleding zonder "
            "hygiënestrip</li><li>verzorgingsproducten en cosmetica</li><li>software en "
            "gedownloade content</li></ul>",
            ("warning", "Is zo'n artikel defect? Dan valt het wel onder de garantie."),
        ],
    },
    # Account
    {
        "category": "account",
        "slug": "account-aanmaken",
        "title": "Account aanmaken",
        "intro": "Met een account volg je je bestellingen en retourneer je met één klik.",
        "tags": ["account"],
        "body": [
            "Klik rechtsboven op Aanmelden, vul je e-mailadres in en kies een wachtwoord. Je "
            "krijgt een e-mail met een bevestigingslink; daarna is je account klaar.",
            ("tip", "Kies een wachtwoord dat je nergens anders gebruikt, van minstens "
             "12 tekens."),
        ],
    },
    {
        "category": "account",
        "slug": "wachtwoord-vergeten",
        "title": "Wachtwoord vergeten",
        "intro": "Stel in twee minuten een nieuw wachtwoord in.",
        "tags": ["account", "inloggen"],
        "featured": True,
        "body": [
            ("steps", [
                "Klik op Inloggen en daarna op Wachtwoord vergeten.",
                "Vul het e-mailadres van je account in.",
                "Open de e-mail en klik binnen een uur op de link.",
                "Kies een nieuw wachtwoord.",
            ]),
            "Geen e-mail ontvangen? Kijk in je map met ongewenste e-mail, of je het goede "
            "e-mailadres hebt gebruikt.",
            ("warning", "Wij vragen nooit per e-mail of telefoon naar je wachtwoord."),
        ],
        "en": {
            "slug": "forgot-your-password",
            "title": "Forgot your password",
            "intro": "Set a new password in two minutes.",
            "body": [
                ("steps", [
                    "Click Log in, then Forgot password.",
                    "Enter your account's e-mail address.",
                    "Open the e-mail and click the link within an hour.",
                    "Choose a new password.",
                ]),
                "No e-mail? Check your spam folder and whether you used the right address.",
                ("warning", "We never ask for your password by e-mail or phone."),
            ],
        },
    },
    {
        "category": "account",
        "slug": "gegevens-en-adres-wijzigen",
        "title": "Gegevens en adres wijzigen",
        "intro": "Je naam, e-mailadres of bezorgadres aanpassen.",
        "tags": ["account", "adres"],
        "body": [
            "Log in en ga naar Mijn gegevens. Daar wijzig je je naam, telefoonnummer en "
            "adressen. Een nieuw e-mailadres bevestig je via een link die we naar dat adres "
            "sturen.",
            ("tip", "Het adres van een bestelling die al onderweg is, wijzig je in de app van "
             "de vervoerder."),
        ],
    },
    {
        "category": "account",
        "slug": "afmelden-voor-de-nieuwsbrief",
        "title": "Afmelden voor de nieuwsbrief",
        "intro": "Geen nieuwsbrief meer ontvangen? Eén klik is genoeg.",
        "tags": ["account", "nieuwsbrief"],
        "body": [
            "Onderaan elke nieuwsbrief staat een afmeldlink. Je kunt je ook afmelden in je "
            "account onder Voorkeuren. Het kan tot twee dagen duren voor je geen mails meer "
            "krijgt.",
        ],
    },
    {
        "category": "account",
        "slug": "account-verwijderen",
        "title": "Account verwijderen",
        "intro": "Wat we verwijderen en wat we volgens de wet moeten bewaren.",
        "tags": ["account", "privacy"],
        "body": [
            "Je kunt je account verwijderen onder Mijn gegevens. We verwijderen dan je "
            "profiel, adressen en voorkeuren.",
            "Facturen bewaren we zeven jaar, omdat de belastingwet dat verplicht. Die gegevens "
            "gebruiken we nergens anders voor.",
            ("warning", "Heb je nog een openstaande bestelling of retour? Wacht dan tot die "
             "is afgerond."),
        ],
    },
    # Productonderhoud
    {
        "category": "productonderhoud",
        "slug": "koffiezetapparaat-ontkalken",
        "title": "Koffiezetapparaat ontkalken",
        "intro": "Zo ontkalk je de Aroma 300, zodat je koffie lekker blijft smaken.",
        "tags": ["onderhoud", "koffie", "ontkalken"],
        "products": ["aroma-300"],
        "featured": True,
        "body": [
            "Kalk maakt je koffie minder heet en minder lekker. Ontkalk je Aroma 300 elke "
            "maand, of zodra het kalklampje brandt.",
            ("image", "aroma-300", "Het kalklampje zit rechts naast de aan-uitknop."),
            "## Wat heb je nodig?",
            "Ontkalker voor koffiezetapparaten of 250 ml schoonmaakazijn, water en een lege "
            "kan.",
            "## Zo ontkalk je",
            ("steps", [
                "Vul het waterreservoir met ontkalker en water volgens de verpakking.",
                "Zet de lege kan op de warmhoudplaat, zonder filter.",
                "Houd de aan-uitknop 5 seconden ingedrukt om het ontkalkprogramma te starten.",
                "Laat het apparaat daarna twee keer doorlopen met alleen schoon water.",
            ]),
            ("warning", "Gebruik geen citroenzuur: dat kan de rubbers aantasten en valt niet "
             "onder de garantie."),
            "### Hoe vaak?",
            ("table", "Ontkalken naar waterhardheid", [
                ["Waterhardheid", "Ontkalken"],
                ["Zacht (tot 8 °dH)", "Elke 3 maanden"],
                ["Gemiddeld (8-14 °dH)", "Elke 2 maanden"],
                ["Hard (vanaf 14 °dH)", "Elke maand"],
            ]),
        ],
        "en": {
            "slug": "descaling-your-coffee-maker",
            "title": "Descaling your coffee maker",
            "intro": "How to descale the Aroma 300 so your coffee keeps tasting good.",
            "body": [
                "Limescale makes your coffee less hot and less tasty. Descale your Aroma 300 "
                "every month, or as soon as the descaling light comes on.",
                ("image", "aroma-300", "The descaling light is to the right of the power "
                 "button."),
                "## What you need",
                "Descaler for coffee makers or 250 ml cleaning vinegar, water and an empty "
                "jug.",
                "## How to descale",
                ("steps", [
                    "Fill the water tank with descaler and water as the pack says.",
                    "Put the empty jug on the hot plate, without a filter.",
                    "Hold the power button for 5 seconds to start the descaling programme.",
                    "Then run the machine twice with clean water only.",
                ]),
                ("warning", "Don't use citric acid: it can damage the seals and is not "
                 "covered by the warranty."),
                "### How often?",
                ("table", "Descaling by water hardness", [
                    ["Water hardness", "Descale"],
                    ["Soft (up to 8 °dH)", "Every 3 months"],
                    ["Medium (8-14 °dH)", "Every 2 months"],
                    ["Hard (from 14 °dH)", "Every month"],
                ]),
            ],
        },
    },
    {
        "category": "productonderhoud",
        "slug": "filter-steelstofzuiger-schoonmaken",
        "title": "Filter van je steelstofzuiger schoonmaken",
        "intro": "Een schoon filter houdt de zuigkracht van je Zephyr X op peil.",
        "tags": ["onderhoud", "stofzuiger"],
        "products": ["zephyr-x"],
        "body": [
            "Zuigt je Zephyr X minder goed? Meestal is het filter vol. Maak het elke maand "
            "schoon.",
            ("steps", [
                "Zet de stofzuiger uit en leeg het stofreservoir boven de vuilnisbak.",
                "Draai het filter linksom los uit de cycloon.",
                "Spoel het filter met lauw water, zonder zeep.",
                "Laat het minstens 24 uur drogen voor je het terugplaatst.",
            ]),
            ("warning", "Plaats het filter nooit nat terug: dan kan de motor beschadigen."),
            ("faq", [
                ("Hoe vaak vervang ik het filter?", "Elk jaar, of eerder als het beschadigd "
                 "is. Een nieuw filter bestel je onder artikelnummer SZ-410-F."),
                ("Mag het filter in de vaatwasser?", "Nee, alleen met de hand spoelen."),
            ]),
        ],
    },
    {
        "category": "productonderhoud",
        "slug": "softshell-jas-wassen",
        "title": "Softshell jas wassen",
        "intro": "Zo blijft je Noord softshell waterafstotend.",
        "tags": ["onderhoud", "kleding", "wassen"],
        "products": ["noord-softshell"],
        "body": [
            "Was je softshell jas niet te vaak: twee tot drie keer per seizoen is genoeg.",
            ("steps", [
                "Sluit alle ritsen en klittenband.",
                "Was op 30 graden met een vloeibaar wasmiddel zonder wasverzachter.",
                "Centrifugeer op maximaal 800 toeren.",
                "Laat de jas aan een hanger drogen, of kort in de droger op lage stand.",
            ]),
            ("tip", "Een korte ronde in de droger op lage stand activeert de waterafstotende "
             "laag opnieuw."),
        ],
    },
    {
        "category": "productonderhoud",
        "slug": "koptelefoon-koppelen-via-bluetooth",
        "title": "Koptelefoon koppelen via bluetooth",
        "intro": "Zo verbind je je Pulse koptelefoon met je telefoon of laptop.",
        "tags": ["elektronica", "bluetooth"],
        "products": ["pulse-koptelefoon"],
        "body": [
            ("steps", [
                "Zet de koptelefoon uit.",
                "Houd de aan-uitknop 6 seconden ingedrukt tot het lampje blauw-rood knippert.",
                "Kies Pulse in de bluetoothinstellingen van je telefoon.",
            ]),
            "## Lukt het niet?",
            "Verwijder Pulse uit de lijst met bekende apparaten op je telefoon en probeer het "
            "opnieuw. Zet andere bluetoothapparaten in de buurt even uit.",
            ("tip", "Een volle accu gaat ongeveer 30 uur mee. Laden duurt 2 uur via de "
             "USB-C-kabel."),
        ],
    },
    {
        "category": "garantie-en-reparatie",
        "slug": "garantie-en-reparatie-aanvragen",
        "title": "Garantie en reparatie aanvragen",
        "intro": "Wat de garantie dekt en hoe je een defect artikel aanmeldt.",
        "tags": ["garantie", "reparatie"],
        "products": ["aroma-300", "zephyr-x", "vita-waterkoker"],
        "body": [
            "Op elektrische apparaten heb je minimaal twee jaar garantie. Gaat er in die tijd "
            "iets stuk door normaal gebruik, dan repareren of vervangen we het gratis.",
            "## Niet onder de garantie",
            "Schade door vallen, water of verkeerd gebruik, en slijtage van onderdelen zoals "
            "filters en accu's na normaal gebruik.",
            ("steps", [
                "Ga naar Mijn bestellingen en kies Defect melden bij het artikel.",
                "Beschrijf het probleem en voeg eventueel een foto of video toe.",
                "Je krijgt binnen 2 werkdagen een oplossing: reparatie, vervanging of geld "
                "terug.",
            ]),
            ("tip", "Kijk eerst in de artikelen over productonderhoud: een verstopt filter of "
             "kalk lijkt soms op een defect."),
            ("links", ["koffiezetapparaat-ontkalken", "filter-steelstofzuiger-schoonmaken"]),
        ],
    },
    {
        "category": "productonderhoud",
        "slug": "waterkoker-ontkalken",
        "title": "Waterkoker ontkalken",
        "intro": "Kalkaanslag in je Vita waterkoker verwijder je met azijn of ontkalker.",
        "tags": ["onderhoud", "ontkalken"],
        "products": ["vita-waterkoker"],
        "body": [
            ("steps", [
                "Vul de waterkoker half met gelijke delen water en schoonmaakazijn.",
                "Breng het aan de kook en laat het een uur staan.",
                "Giet het weg en kook twee keer schoon water.",
            ]),
            ("tip", "Gebruik je gefilterd water, dan hoef je minder vaak te ontkalken."),
        ],
    },
]

FAQ_PAGES = [
    {
        "parent": None,  # the help-centre home
        "slug": "veelgestelde-vragen",
        "title": "Veelgestelde vragen",
        "intro": "De vragen die we het vaakst krijgen, met een kort antwoord.",
        "questions": [
            ("Hoe lang duurt de bezorging?", "Bestel je op een werkdag vóór 22.00 uur, dan heb "
             "je je pakket meestal de volgende dag."),
            ("Wat zijn de verzendkosten?", "€ 3,95, en gratis vanaf € 25 in Nederland."),
            ("Kan ik achteraf betalen?", "Ja, met Klarna. Je betaalt binnen 30 dagen zonder "
             "extra kosten."),
            ("Hoe lang heb ik bedenktijd?", "30 dagen na ontvangst. Retourneren is gratis."),
            ("Hoe bereik ik de klantenservice?", "Via het contactformulier, elke dag van 8.00 "
             "tot 22.00 uur. We reageren binnen een werkdag."),
        ],
    },
    {
        "parent": "retourneren-en-ruilen",
        "slug": "veelgestelde-vragen-over-retourneren",
        "title": "Veelgestelde vragen over retourneren",
        "intro": "Korte antwoorden over retourlabels, terugbetalen en ruilen.",
        "questions": [
            ("Ik ben mijn retourlabel kwijt. Wat nu?", "Meld je retour opnieuw aan in Mijn "
             "bestellingen; je krijgt dan een nieuw label."),
            ("Mag ik meerdere bestellingen in één doos retourneren?", "Nee, meld elke "
             "bestelling apart aan en gebruik per bestelling één doos en één label."),
            ("Moet ik de originele verpakking gebruiken?", "Het hoeft niet, maar het artikel "
             "moet wel goed beschermd zijn."),
            ("Mijn retour is ontvangen, maar ik heb nog geen geld.", "We betalen binnen 5 "
             "werkdagen na ontvangst terug. Bij creditcards kan je bank er nog een paar dagen "
             "over doen."),
        ],
    },
]

SERVICE_PROMISE = {
    "nl": {
        "slug": "onze-servicebelofte",
        "title": "Onze servicebelofte",
        "brand_statement": "Wij maken online winkelen zo makkelijk als even bij de buren "
        "aanbellen: eerlijk, snel en met een glimlach.",
        "value_proposition": "<ul><li><b>Morgen in huis</b>: vóór 22.00 uur besteld, morgen "
        "bezorgd.</li><li><b>30 dagen bedenktijd</b> en gratis retourneren.</li><li><b>Echte "
        "mensen</b>: onze klantenservice en een community van shoppers helpen je verder."
        "</li><li><b>Eerlijke prijzen</b>, zonder verborgen kosten.</li></ul>",
        "service_ambition": "<p>We willen dat je je antwoord zelf binnen een minuut vindt. "
        "Lukt dat niet, dan helpen we je binnen een werkdag, en elke vraag die we krijgen "
        "maakt dit helpcentrum beter.</p>",
    },
    "en": {
        "slug": "our-service-promise",
        "title": "Our service promise",
        "brand_statement": "We make shopping online as easy as popping round to the "
        "neighbours: honest, fast and with a smile.",
        "value_proposition": "<ul><li><b>Delivered tomorrow</b>: order before 22:00, delivered "
        "tomorrow.</li><li><b>30 days to change your mind</b> and free returns.</li><li><b>Real "
        "people</b>: our customer service and a community of shoppers help you out.</li>"
        "<li><b>Fair prices</b>, without hidden costs.</li></ul>",
        "service_ambition": "<p>We want you to find your answer yourself within a minute. If "
        "you can't, we help you within a working day, and every question we get makes this "
        "help centre better.</p>",
    },
}
