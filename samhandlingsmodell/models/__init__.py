"""The published samhandlingsmodell: the base of its pages (``base``), the page types and what
their templates show (``pages``), the tiltak catalogue (``catalog``) and the small taxonomies
they use (``taxonomy``)."""

from __future__ import annotations

from samhandlingsmodell.models.base import ModelPage, ModelPageForm, NationalHomePage
from samhandlingsmodell.models.catalog import TiltakCatalogPage
from samhandlingsmodell.models.pages import (
    ElementDocument,
    ElementPage,
    LevelPage,
    ModelHomePage,
    ServiceIndexPage,
    ServicePage,
)
from samhandlingsmodell.models.taxonomy import (
    ELEMENT_TYPE_PLURALS,
    RICH_TEXT_FEATURES,
    TARGET_GROUP_LABELS,
    Dimension,
    ElementType,
    LevelKey,
    Sector,
    TargetGroup,
    Theme,
    ToolKind,
)

__all__ = [
    "ELEMENT_TYPE_PLURALS",
    "RICH_TEXT_FEATURES",
    "TARGET_GROUP_LABELS",
    "Dimension",
    "ElementDocument",
    "ElementPage",
    "ElementType",
    "LevelKey",
    "LevelPage",
    "ModelHomePage",
    "ModelPage",
    "ModelPageForm",
    "NationalHomePage",
    "Sector",
    "ServiceIndexPage",
    "ServicePage",
    "TargetGroup",
    "Theme",
    "TiltakCatalogPage",
    "ToolKind",
]
