"""Reads of municipalities, always limited to what the user administers."""

from django.db.models import Q, QuerySet

from municipalities.models import Municipality


def municipalities_administered_by(user: object) -> QuerySet[Municipality]:
    """Municipalities where the user is editor or approver (all of them for superusers)."""
    queryset = Municipality.objects.select_related("site")
    if getattr(user, "is_superuser", False):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    groups = user.groups.all()  # type: ignore[attr-defined]
    return queryset.filter(Q(editors__in=groups) | Q(approvers__in=groups)).distinct()
