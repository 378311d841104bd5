"""kb models, one module per subdomain; import them from `kb.models`."""

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

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "CategoryPage",
    "FaqPage",
    "HelpCentrePage",
    "HomePage",
    "Product",
    "ServicePromisePage",
]
