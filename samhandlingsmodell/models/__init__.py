"""The published samhandlingsmodell: its page types (``pages``) and the small taxonomies they
use (``taxonomy``)."""

from __future__ import annotations

from samhandlingsmodell.models.pages import (
    ElementDocument,
    ElementPage,
    LevelPage,
    ModelHomePage,
    ModelPage,
    ModelPageForm,
    NationalHomePage,
    ServiceIndexPage,
    ServicePage,
    TiltakCatalogPage,
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
    "Dimension",
    "ELEMENT_TYPE_PLURALS",
    "ElementDocument",
    "ElementPage",
    "ElementType",
    "LevelKey",
    "LevelPage",
    "ModelHomePage",
    "ModelPage",
    "ModelPageForm",
    "NationalHomePage",
    "RICH_TEXT_FEATURES",
    "Sector",
    "ServiceIndexPage",
    "ServicePage",
    "TARGET_GROUP_LABELS",
    "TargetGroup",
    "Theme",
    "TiltakCatalogPage",
    "ToolKind",
]
