"""kb models, one module per subdomain; import them from `kb.models`."""

from .announcements import Announcement
from .feedback import FeedbackReason, PageFeedback
from .pages import (
    ArticlePage,
    ArticlePageTag,
    CategoryPage,
    FaqPage,
    HelpCentrePage,
    HomePage,
    ServicePromisePage,
)
from .products import Product
from .video import VideoChapter, VideoPage

__all__ = [
    "Announcement",
    "ArticlePage",
    "ArticlePageTag",
    "CategoryPage",
    "FaqPage",
    "FeedbackReason",
    "HelpCentrePage",
    "HomePage",
    "PageFeedback",
    "Product",
    "ServicePromisePage",
    "VideoChapter",
    "VideoPage",
]
