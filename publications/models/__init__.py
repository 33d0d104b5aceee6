"""The office's three publications: their pages, their people and their topics."""

from .articles import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    ArticleTag,
    RelatedArticle,
)
from .editions import (
    BulletinIssuePage,
    EditionPage,
    MagazineIssuePage,
    NewspaperEditionPage,
)
from .images import NewsImage, NewsRendition
from .publications import PublicationKind, PublicationPage
from .topics import Author, Pillar, Programme

__all__ = [
    "ArticleAuthor",
    "ArticleCorrection",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "BulletinIssuePage",
    "EditionPage",
    "MagazineIssuePage",
    "NewsImage",
    "NewsRendition",
    "NewspaperEditionPage",
    "Pillar",
    "Programme",
    "PublicationKind",
    "PublicationPage",
    "RelatedArticle",
]
