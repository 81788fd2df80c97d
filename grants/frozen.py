"""A frozen page (``SubmittedPage.html``) as the national advisers read it on the national
host: our own templates' output, still cleaned with nh3 (no script, form or style survives),
without ids (they would clash with the page around it), and with the links and images pointing
into the municipality's site, where they belong."""

from __future__ import annotations

import copy

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) | {"section", "main"}
_ATTRIBUTES = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
_ATTRIBUTES.setdefault("*", set()).update(
    {"class", "lang", "aria-label", "data-size", "data-color"}
)
_ATTRIBUTES["*"].discard("id")


def clean(html: str, site_url: str) -> str:
    """``html`` made safe to show inside an adviser's page; ``site_url`` (no trailing slash)
    is the municipality's site, for root-relative links and images."""

    def _absolute(tag: str, attribute: str, value: str) -> str | None:
        if attribute in {"href", "src"} and value.startswith("/") and not value.startswith("//"):
            return site_url + value
        return value

    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        attribute_filter=_absolute,
        url_schemes={"http", "https", "mailto", "tel"},
    )
