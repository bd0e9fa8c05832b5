"""Figures kept on each application for the coordinator's queue: how many reference ratings
are in, how many reviewers are assigned, when its status last changed.

The queue shows them on every row. Counted from their tables for each page of 50 rows they
cost a quarter of the page (three correlated subqueries: 150 index lookups, and the planning
and reading of them; docs/scale.md), so each is a column of the application instead, kept true
by the app that owns what it counts: it declares here (:func:`keep`, from its
``AppConfig.ready()``) which of its rows count and how, and the figure is counted again, under
the application's row lock, whenever such a row is added, removed or saved with a field the
count depends on. Rows written without signals (bulk_create, update(): the bench's seed) are
followed by :func:`recount_all`.
"""
from __future__ import annotations

from django.db import transaction
from django.db.models import Aggregate, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

# field of Application -> (the counted rows, each with an ``application`` foreign key; how
# they are summed up; the figure when there is none)
_FIGURES: dict[str, tuple[QuerySet, Aggregate, object]] = {}


def keep(field: str, rows: QuerySet, aggregate: Aggregate, *, default=None,
         when_saved: frozenset = frozenset()) -> None:
    """Keep ``Application.<field>`` equal to ``aggregate`` over ``rows`` of the application
    (or ``default`` when it has none): counted again when one of them is created or deleted,
    or saved with one of the fields ``when_saved`` (or with every field)."""
    _FIGURES[field] = (rows, aggregate, default)
    model = rows.model

    def saved(sender, instance, created, update_fields=None, **kwargs):
        if created or update_fields is None or when_saved & set(update_fields):
            recount(instance.application_id, field)

    def deleted(sender, instance, **kwargs):
        recount(instance.application_id, field)

    uid = f"application-figure-{field}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def _counted(field: str):
    rows, aggregate, default = _FIGURES[field]
    counted = Subquery(rows.filter(application=OuterRef("pk")).order_by()
                       .values("application").annotate(figure=aggregate).values("figure"))
    return counted if default is None else Coalesce(counted, Value(default))


def recount(application_id: int, *fields: str) -> None:
    """Count the figures of one application again (every one unless ``fields`` are named)."""
    from .models import Application

    with transaction.atomic():
        # The row lock first, the count in a statement of its own: it then sees what a move
        # on the same application committed while this one waited (two raters submitting at
        # once both count; the subquery of a single UPDATE would not see the other one).
        list(Application.objects.select_for_update().filter(pk=application_id)
             .values_list("pk"))
        Application.objects.filter(pk=application_id).update(
            **{field: _counted(field) for field in fields or _FIGURES})


def recount_all() -> None:
    """Every figure of every application (after rows were written in bulk)."""
    from .models import Application

    Application.objects.update(**{field: _counted(field) for field in _FIGURES})
