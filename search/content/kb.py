"""KB content in the index: live, public articles; each FAQ entry on its own; product videos
(one hit for the video, one per chapter of the transcript, linking to its timestamp)."""

import re

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from ..registry import Document, IndexableType, register
from . import html_to_text, search_field_text

TIMESTAMP = re.compile(r"^\s*\[?(?:(\d+):)?(\d{1,2}):(\d{2})\]?\s*")


class _KbPage(IndexableType):
    def get_queryset(self):
        return (
            self.get_model().objects.live().public().select_related("locale")
            .prefetch_related("products")
        )

    def common(self, page) -> dict:
        parent = page.get_parent()
        product = next(iter(page.products.all()), None) if hasattr(page, "products") else None
        return {
            "language": page.locale.language_code,
            "category": parent.title if parent and parent.depth > 2 else "",
            "product": product.name if product else "",
        }

    def url(self, page) -> str:
        return page.get_url() or page.url_path


def helpfulness_boost(page_id: int, entry: str = "") -> float:
    """0.8-1.2 from the share of "yes, this helped" votes; 1.0 until there are 3 votes."""
    from kb.models import PageFeedback

    votes = PageFeedback.objects.filter(page_id=page_id, entry=entry).aggregate(
        all=Count("pk"), yes=Count("pk", filter=Q(helpful=True))
    )
    if votes["all"] < 3:
        return 1.0
    return 0.8 + 0.4 * votes["yes"] / votes["all"]


@register
class ArticleType(_KbPage):
    name = "article"
    label = _("Article")
    model = "kb.ArticlePage"
    watched = {"kb.PageFeedback": lambda feedback: feedback.page_id}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")

    def documents(self, page) -> list[Document]:
        group = self.group_key(page.pk)
        return [
            Document(
                key=group, group=group, type=self.name, title=page.title, url=self.url(page),
                summary=html_to_text(page.intro or ""),
                body=search_field_text(page, skip=("title", "intro", "tags")),
                tags=tuple(sorted(t.name for t in page.tags.all())),
                boost=helpfulness_boost(page.pk), **self.common(page),
                phrasings=tuple(line.strip() for line in page.also_asked.splitlines()
                                if line.strip()),
            )
        ]


@register
class FaqType(_KbPage):
    name = "faq"
    label = _("FAQ")
    model = "kb.FaqPage"

    def get_queryset(self):
        return self.get_model().objects.live().public().select_related("locale")

    def documents(self, page) -> list[Document]:
        group, url = self.group_key(page.pk), self.url(page)
        common = self.common(page) | {"product": ""}
        return [
            Document(
                key=f"{group}#{entry['anchor']}", group=group, type=self.name,
                title=entry["question"], url=f"{url}#{entry['anchor']}",
                body=html_to_text(str(entry["answer"])),
                summary=page.title, boost=helpfulness_boost(page.pk, entry["anchor"]), **common,
            )
            for entry in page.questions
        ]


def transcript_segments(transcript: str, chapters: list) -> list[tuple[object, str]]:
    """Split a transcript whose lines start with timestamps ("1:05 ...") into (chapter, text)
    per chapter; without timestamps the whole transcript belongs to no chapter (None)."""
    ordered = sorted(chapters, key=lambda c: c.start)
    texts: dict[int | None, list[str]] = {}
    current = None
    for line in transcript.splitlines():
        match = TIMESTAMP.match(line)
        if match:
            hours, minutes, seconds = (int(g or 0) for g in match.groups())
            at = hours * 3600 + minutes * 60 + seconds
            started = [c for c in ordered if c.start <= at]
            current = started[-1] if started else None
            line = line[match.end():]
        texts.setdefault(current.pk if current else None, []).append(line.strip())
    by_pk = {c.pk: c for c in ordered}
    return [(by_pk.get(pk), " ".join(" ".join(lines).split())) for pk, lines in texts.items()]


@register
class VideoType(_KbPage):
    name = "video"
    label = _("Video")
    model = "kb.VideoPage"
    one_hit_per_group = True
    watched = {"kb.VideoChapter": lambda chapter: chapter.page_id}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("chapters")

    def documents(self, page) -> list[Document]:
        group, url, common = self.group_key(page.pk), self.url(page), self.common(page)
        chapters = list(page.chapters.all())
        docs = [
            Document(
                key=group, group=group, type=self.name, title=page.title, url=url,
                summary=html_to_text(page.intro or ""),
                body=" ".join(c.title for c in sorted(chapters, key=lambda c: c.start)), **common,
            )
        ]
        for chapter, text in transcript_segments(page.transcript or "", chapters):
            if not text:
                continue
            if chapter is None:
                docs.append(Document(key=f"{group}#transcript", group=group, type=self.name,
                                     title=page.title, url=url, body=text, **common))
                continue
            docs.append(Document(
                key=f"{group}#t={chapter.start}", group=group, type=self.name,
                title=f"{page.title} – {chapter.title} ({chapter.timestamp})",
                url=f"{url}?t={chapter.start}", body=text, boost=0.9, **common,
            ))
        return docs
