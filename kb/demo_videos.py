"""Demo product videos, the storm announcement and some feedback, for `manage.py seed_demo`.

The clips are rendered at seed time (Pillow frames, H.264 through PyAV) so no binary is kept in
the repository and no system package is needed.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from io import BytesIO

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Collection, Locale

from .feedback import record_feedback
from .media import render_demo_clip, store_video
from .models import (
    Announcement,
    ArticlePage,
    CategoryPage,
    PageFeedback,
    Product,
    VideoChapter,
    VideoPage,
)
from .services import EDITORS_GROUP

# (category slug, slug, title, intro, product slug or None, colour, [(start, chapter, spoken)])
VIDEOS = [
    (
        "bestellen", "zo-meet-je-je-fietsmaat", "Zo meet je je fietsmaat",
        "Met een boek, een rolmaat en een muur weet je in twee minuten welk frame bij je past.",
        None, (32, 96, 140),
        [
            (0, "Wat heb je nodig", "Je hebt een rolmaat, een dik boek en een muur nodig."),
            (6, "Je binnenbeenlengte meten", "Ga op blote voeten tegen de muur staan, klem het "
             "boek tussen je benen en meet van de vloer tot de bovenkant van het boek."),
            (13, "Van binnenbeenlengte naar framemaat", "Vermenigvuldig je binnenbeenlengte met "
             "0,66 voor een stadsfiets of met 0,7 voor een racefiets. Dat is je framemaat."),
        ],
    ),
    (
        "retourneren-en-ruilen", "je-pakket-retourneren-in-3-stappen",
        "Je pakket retourneren in 3 stappen",
        "Aanmelden, inpakken en wegbrengen: zo stuur je een bestelling gratis terug.",
        "noord-softshell", (150, 70, 40),
        [
            (0, "Stap 1: retour aanmelden", "Log in, open Mijn bestellingen en kies Retourneren "
             "bij het artikel dat je terug wilt sturen."),
            (6, "Stap 2: goed inpakken", "Doe het artikel in de originele verpakking en plak "
             "het retourlabel over het oude adreslabel."),
            (12, "Stap 3: wegbrengen", "Breng het pakket binnen 14 dagen naar een PostNL- of "
             "DHL-punt. Je krijgt je geld binnen 5 werkdagen terug."),
        ],
    ),
    (
        "productonderhoud", "je-koffiemachine-ontkalken", "Je koffiemachine ontkalken",
        "Ontkalk je Aroma 300 elke drie maanden, dan blijft je koffie heet en lekker.",
        "aroma-300", (90, 55, 30),
        [
            (0, "Wanneer ontkalken", "Knippert het druppellampje oranje, dan is het tijd om "
             "te ontkalken. Doe het in elk geval elke drie maanden."),
            (6, "Ontkalker erin", "Vul het waterreservoir met een halve liter water en één "
             "zakje ontkalker. Zet een kan onder de uitloop."),
            (12, "Programma starten", "Houd de aan-knop vijf seconden ingedrukt. Het programma "
             "duurt ongeveer twintig minuten."),
            (18, "Naspoelen", "Spoel het reservoir om en laat twee keer een vol reservoir met "
             "schoon water doorlopen."),
        ],
    ),
]
SECONDS_PER_CLIP = 24

STORM = {
    "nl": (
        "Door stormschade vertraagde leveringen in Friesland",
        "<p>Door de storm zijn wegen in Friesland afgesloten. Bestellingen naar Friese "
        "postcodes (8400–9299) komen 1 tot 2 dagen later. Je hoeft niets te doen; je "
        "track-en-tracecode laat de nieuwe bezorgdag zien.</p>",
    ),
    "en": (
        "Storm damage delays deliveries in Friesland",
        "<p>Roads in Friesland are closed after the storm. Orders to Frisian postcodes "
        "(8400–9299) arrive 1 to 2 days later. You need not do anything; your tracking code "
        "shows the new delivery day.</p>",
    ),
}


def seed_videos() -> None:
    """Three product video pages with real clips, posters, captions, chapters and transcripts."""
    dutch = Locale.objects.get(language_code="nl")
    # Wagtail's migrations make the root collection; a flushed database has none.
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    for category_slug, slug, title, intro, product_slug, colour, chapters in VIDEOS:
        category = _category(dutch, category_slug)
        if category is None or VideoPage.objects.filter(locale=dutch, slug=slug).exists():
            continue
        page = _video_page(slug, title, intro, colour, chapters)
        product = Product.objects.filter(locale=dutch, slug=product_slug).first()
        if product is not None:
            page.products = [product]
        category.add_child(instance=page)
        page.save_revision().publish()


def _category(locale: Locale, slug: str) -> CategoryPage | None:
    found = CategoryPage.objects.filter(locale=locale, slug=slug).first()
    return found or CategoryPage.objects.filter(locale=locale).order_by("path").first()


def _video_page(slug, title, intro, colour, chapters) -> VideoPage:
    video_path, poster_path = render_demo_clip(
        title=title, chapters=[(start, name) for start, name, _ in chapters],
        seconds=SECONDS_PER_CLIP, colour=colour,
    )
    try:
        media = store_video(title=title, path=video_path, filename=f"{slug}.mp4")
        poster = Image.objects.create(
            title=f"{title} (poster)",
            file=ImageFile(BytesIO(poster_path.read_bytes()), name=f"{slug}.png"),
        )
    finally:
        shutil.rmtree(video_path.parent, ignore_errors=True)
    page = VideoPage(
        title=title, slug=slug, intro=intro, video=media, poster=poster,
        transcript="\n\n".join(spoken for _, _, spoken in chapters),
        search_description=intro,
    )
    page.captions.save(f"{slug}.vtt", ContentFile(_webvtt(chapters).encode()), save=False)
    page.chapters = [VideoChapter(start=start, title=name) for start, name, _ in chapters]
    return page


def _webvtt(chapters) -> str:
    ends = [start for start, _, _ in chapters[1:]] + [SECONDS_PER_CLIP]
    cues = [
        f"{_vtt_time(start)} --> {_vtt_time(end)}\n{spoken}"
        for (start, _, spoken), end in zip(chapters, ends, strict=True)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def _vtt_time(seconds: int) -> str:
    return f"{int(seconds) // 60:02d}:{int(seconds) % 60:02d}.000"


def seed_announcements() -> None:
    """The storm notice, site-wide for two weeks from now, in Dutch and English; and the
    editors' permission to post announcements."""
    seed_editor_permissions()
    dutch = Locale.objects.get(language_code="nl")
    title, message = STORM["nl"]
    notice = Announcement.objects.filter(locale=dutch, title=title).first()
    if notice is None:
        notice = Announcement.objects.create(
            locale=dutch, title=title, message=message, severity=Announcement.Severity.WARNING,
            starts_at=timezone.now() - timedelta(hours=2),
            ends_at=timezone.now() + timedelta(days=14),
        )
    english = Locale.objects.get(language_code="en")
    if not notice.has_translation(english):
        translation = notice.copy_for_translation(english)
        translation.title, translation.message = STORM["en"]
        translation.save()


# (article slug, [(helpful, reason, comment)]): enough for the helpfulness report to tell a story.
FEEDBACK = [
    ("retourkosten", [(False, "incomplete", "Ik heb geen printer. Kan het ook zonder label?"),
                      (False, "unclear", ""), (True, "", "")]),
    ("achteraf-betalen-met-klarna", [(True, "", ""), (True, "", ""),
                                     (False, "outdated", "De termijn is nu 30 dagen, toch?")]),
]


def seed_feedback() -> None:
    """A few anonymous votes on demo articles; skipped once any feedback exists."""
    if PageFeedback.objects.exists():
        return
    for slug, votes in FEEDBACK:
        article = ArticlePage.objects.live().filter(slug=slug).first()
        if article is None:
            continue
        for number, (helpful, reason, comment) in enumerate(votes):
            record_feedback(page=article, visitor_key=f"demo-{slug}-{number}", helpful=helpful,
                            reason=reason, comment=comment)



def seed_editor_permissions() -> None:
    """Editors post announcements (wagtailmedia's own migrations already let them add videos);
    the helpfulness report needs no more than page editing."""
    editors = Group.objects.get_or_create(name=EDITORS_GROUP)[0]
    editors.permissions.add(*Permission.objects.filter(
        content_type__app_label="kb",
        codename__in=["add_announcement", "change_announcement", "delete_announcement"],
    ))
