"""Figures kept on each application for the coordinator's queue: how many reference ratings
are in, how many reviewers are assigned, when its status last changed.

The queue shows them on every row. Counted from their tables for each page of 50 rows they
cost a quarter of the page (three correlated subqueries: 150 index lookups, and the planning
and reading of them; docs/scale.md), so each is a column of the application instead, kept true
by the app that owns what it counts: it declares here (:func:`keep`, from its
``AppConfig.ready()``) which of its rows count and how, and the figure is counted again, under
the application's row lock, whenever such a row is added, removed or saved with a field the
count depends on.

The application also keeps its applicant's name and email as the queue's search matches them
(:func:`search_text`): a search then reads the queue's index alone, where looking up the
applicant of each application in date order cost a common name (1 in 18) most of its page.
It is written when the application is made and again whenever the person's name or email
changes (:func:`people_renamed`; their save, or the importer's renaming in bulk).

Rows written without signals (bulk_create, update(): the bench's seed) are followed by
:func:`recount_all`.
"""
from __future__ import annotations

from django.db import transaction
from django.db.models import Aggregate, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
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


def search_text(person) -> str:
    """What the queue's search matches of an applicant: their name and their email."""
    return f"{person.first_name} {person.last_name} {person.email}"


def _search_text_of_applicant():
    from django.contrib.auth import get_user_model

    return Subquery(get_user_model().objects.filter(pk=OuterRef("applicant_id")).annotate(
        text=Concat("first_name", Value(" "), "last_name", Value(" "), "email",
                    output_field=TextField())).values("text"))


def people_renamed(person_ids) -> None:
    """The search text of these people's applications, written again (their name or email
    changed)."""
    from .models import Application

    Application.objects.filter(applicant_id__in=person_ids).update(
        applicant_search=_search_text_of_applicant())


def keep_search_text() -> None:
    """Follow every saved change of a person's name or email (from ``AppConfig.ready()``)."""
    from django.contrib.auth import get_user_model

    from .models import Application

    def saved(sender, instance, created, update_fields=None, **kwargs):
        if not created and (update_fields is None
                            or {"first_name", "last_name", "email"} & set(update_fields)):
            Application.objects.filter(applicant_id=instance.pk).update(
                applicant_search=search_text(instance))

    post_save.connect(saved, sender=get_user_model(), weak=False,
                      dispatch_uid="application-search-text")


def recount_all() -> None:
    """Every figure and search text of every application (after rows written in bulk)."""
    from .models import Application

    Application.objects.update(applicant_search=_search_text_of_applicant(),
                               **{field: _counted(field) for field in _FIGURES})
