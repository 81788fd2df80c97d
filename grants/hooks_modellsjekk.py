"""Wagtail hooks that add the grant project's criteria to Modellsjekk (imported by
GrantsConfig.ready, so that each part of the app keeps its own hooks)."""

from __future__ import annotations

from wagtail import hooks

from grants.checks import grant_criteria

# After the handlingsveileder's criteria (order 0): the project comes after the model's content.
hooks.register("register_modellsjekk_criteria", grant_criteria, order=100)
