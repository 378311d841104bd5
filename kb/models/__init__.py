"""kb models, one module per subdomain; import them from `kb.models`."""

from .announcements import Announcement
from .feedback import FeedbackReason, PageFeedback, PageViewDay
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
from .workflow import PeerReviewTask

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
    "PageViewDay",
    "PeerReviewTask",
    "Product",
    "ServicePromisePage",
    "VideoChapter",
    "VideoPage",
]
