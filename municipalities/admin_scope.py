"""What a user may see in the Wagtail admin: the one place that decides it (ADR 013).

A national administrator (superuser) sees everything. Everyone else sees the models (page
subtrees) and the collections of the municipalities whose groups they belong to, and nothing
of any other municipality. The admin's hooks (``wagtail_hooks.py``) and its guard
(``admin_guard.py``) ask this module; no admin surface decides it on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from wagtail.models import Collection, Page

from municipalities.models import Municipality

_CACHE_ATTRIBUTE = "_samhandling_admin_scope"


@dataclass(frozen=True)
class AdminScope:
    """The part of the admin's data a user may see: page subtrees and collection subtrees
    (tree paths), and the municipalities they belong to."""

    everything: bool
    municipality_numbers: frozenset[str]
    page_paths: tuple[str, ...]
    collection_paths: tuple[str, ...]
    group_ids: frozenset[int] = frozenset()
    site_ids: frozenset[int] = frozenset()
    # The written standards (nb/nn) of those municipalities, by municipality number.
    languages: tuple[str, ...] = ()

    def includes_page_path(self, path: str) -> bool:
        return self.everything or any(path.startswith(root) for root in self.page_paths)

    def includes_collection_path(self, path: str) -> bool:
        return self.everything or any(path.startswith(root) for root in self.collection_paths)

    def includes_municipality(self, number: str) -> bool:
        return self.everything or number in self.municipality_numbers

    def page_condition(self, prefix: str = "") -> Q:
        """A condition on pages (or, with ``prefix``, on a relation to pages) that only pages
        in scope meet."""
        if self.everything:
            return Q()
        condition = Q(pk__in=[])
        for root in self.page_paths:
            condition |= Q(**{f"{prefix}path__startswith": root})
        return condition

    def collection_condition(self, prefix: str = "") -> Q:
        if self.everything:
            return Q()
        condition = Q(pk__in=[])
        for root in self.collection_paths:
            condition |= Q(**{f"{prefix}path__startswith": root})
        return condition

    def pages(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset if self.everything else queryset.filter(self.page_condition())

    def in_collections(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """Documents, images or anything else with a ``collection``, narrowed to the scope."""
        if self.everything:
            return queryset
        return queryset.filter(self.collection_condition("collection__"))

    def in_collection_tree(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """Collections themselves, narrowed to the scope's collection subtrees."""
        return queryset if self.everything else queryset.filter(self.collection_condition())

    def users(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """People of the user's municipalities (members of their editor, approver or staff
        groups): the only names the admin shows in filters and histories."""
        if self.everything:
            return queryset
        return queryset.filter(groups__in=self.group_ids).distinct()

    def sites(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset if self.everything else queryset.filter(pk__in=self.site_ids)

    def includes_page(self, page_id: object) -> bool:
        path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
        return path is not None and self.includes_page_path(path)

    def includes_collection(self, collection_id: object) -> bool:
        path = Collection.objects.filter(pk=collection_id).values_list("path", flat=True).first()
        return path is not None and self.includes_collection_path(path)


def _municipalities_of(user: Any) -> QuerySet[Municipality]:
    groups = user.groups.all()
    return Municipality.objects.filter(
        Q(editors__in=groups) | Q(approvers__in=groups) | Q(staff__in=groups)
    ).distinct()


def admin_scope(user: Any) -> AdminScope:
    """The scope of ``user`` in the admin, worked out once per request (kept on the user
    object, which lives for one request)."""
    cached: AdminScope | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        scope = AdminScope(False, frozenset(), (), ())
    elif user.is_superuser:
        scope = AdminScope(True, frozenset(), (), ())
    else:
        rows = list(
            _municipalities_of(user)
            .values(
                "number",
                "site_id",
                "site__root_page__path",
                "collection__path",
                "editors_id",
                "approvers_id",
                "staff_id",
                "language",
            )
            .order_by("number")
        )
        scope = AdminScope(
            everything=False,
            municipality_numbers=frozenset(row["number"] for row in rows),
            page_paths=tuple(sorted({row["site__root_page__path"] for row in rows})),
            collection_paths=tuple(sorted({row["collection__path"] for row in rows})),
            group_ids=frozenset(
                row[key] for row in rows for key in ("editors_id", "approvers_id", "staff_id")
            ),
            site_ids=frozenset(row["site_id"] for row in rows),
            languages=tuple(dict.fromkeys(row["language"] for row in rows)),
        )
    setattr(user, _CACHE_ATTRIBUTE, scope)
    return scope
