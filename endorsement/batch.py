"""Several lists of rows read in ONE query (one round trip to the database).

    lists = batch.fetch({"degrees": application.degrees.all(),
                         "events": application.events.order_by("-created_at")[:10]})

Each queryset (its filters, ordering, slice and deferred fields are kept; ``select_related``
is not: attach related rows with :func:`attach`) becomes a scalar subquery that aggregates
its rows as a JSON array (``json_agg`` on PostgreSQL, ``json_group_array`` on SQLite) in the
queryset's order; the values are turned back into what the database adapter would have
given and the rows into model instances (``Model.from_db``), so they behave exactly as rows
read one queryset at a time. A page with many small lists (the coordinator's application
page) pays one round trip instead of one per list.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.utils.dateparse import parse_date, parse_datetime, parse_time

_SUPPORTED = {
    "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
    "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "PositiveBigIntegerField", "ForeignKey", "OneToOneField", "CharField", "TextField",
    "EmailField", "SlugField", "URLField", "FileField", "ImageField", "BooleanField",
    "DateField", "DateTimeField", "TimeField", "DecimalField", "FloatField", "JSONField",
    "GenericIPAddressField",
}


def _fields(model, names, defer: bool) -> list:
    """The concrete fields a queryset loads (``defer``/``only`` respected: its
    ``query.deferred_loading``)."""
    fields = []
    for f in model._meta.concrete_fields:
        skipped = (f.attname in names or f.name in names) if defer else (
            names and f.attname not in names and f.name not in names and not f.primary_key)
        if not skipped:
            fields.append(f)
    return fields


def _converter(field, vendor: str):
    kind = field.get_internal_type()
    if kind not in _SUPPORTED:
        raise TypeError(f"batch.fetch cannot read {field!r} ({kind})")
    if kind == "DateTimeField":
        def convert(v):
            value = parse_datetime(v)
            if settings.USE_TZ and value is not None and value.tzinfo is None:
                value = value.replace(tzinfo=dt.UTC)
            return value
        return convert
    if kind == "DateField":
        return parse_date
    if kind == "TimeField":
        return parse_time
    if kind == "DecimalField":
        exponent = Decimal(1).scaleb(-field.decimal_places)
        return lambda v: Decimal(str(v)).quantize(exponent)
    if kind == "BooleanField":
        return bool
    if kind == "FloatField":
        return float
    if kind == "JSONField":
        if vendor == "sqlite":  # stored as text: the JSON comes back as a string
            return lambda v: json.loads(v, cls=field.decoder)
        return lambda v: v
    return None


def fetch(querysets: dict[str, QuerySet], using: str = "default") -> dict[str, list]:
    """``{name: [model instances]}`` for every queryset, read in a single query."""
    if not querysets:
        return {}
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):  # no JSON aggregation here: one by one
        return {name: list(qs) for name, qs in querysets.items()}
    parts, params, plans = [], [], []
    for name, qs in querysets.items():
        names, defer = qs.query.deferred_loading
        reading = _reading(qs.model, frozenset(names), defer, using)
        query = qs.query
        if query.select_related or query.annotations or query.extra:
            # only the model's own columns, in the order of ``reading.attnames``
            query = qs.values_list(*reading.attnames).query
        sql, inner_params = query.get_compiler(using=using).as_sql()
        parts.append(reading.head + sql + reading.tail)
        params.extend(inner_params)
        plans.append((name, qs.model, reading))
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        values = cursor.fetchone()
    out = {}
    for (name, model, reading), raw in zip(plans, values, strict=True):
        attnames, converting = reading.attnames, reading.converting
        rows = json.loads(raw) if raw else []
        for n, row in enumerate(rows):
            for i, convert in converting:  # only the columns JSON does not give as they are
                if row[i] is not None:
                    row[i] = convert(row[i])
            rows[n] = model.from_db(using, attnames, row)
        out[name] = rows
    return out


def attach(rows: list, field_name: str, related: dict) -> None:
    """Set ``row.<field_name>`` from ``related`` ({pk: instance}) without a query."""
    for row in rows:
        field = row._meta.get_field(field_name)
        field.set_cached_value(row, related.get(getattr(row, field.attname)))


def fill(queryset: QuerySet, rows: list) -> None:
    """Make ``queryset`` give ``rows`` (read by :func:`fetch`) without a query of its own (a
    form field's choices read with the page's other rows)."""
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True


class _Reading(NamedTuple):
    attnames: list
    converting: list  # [(position, converter)] of the columns that need one
    head: str  # the aggregate before the queryset's SQL...
    tail: str  # ...and after it


@lru_cache(maxsize=512)
def _reading(model, names: frozenset, defer: bool, using: str) -> _Reading:
    """How a queryset of ``model`` loading these fields is read: the same on every page view,
    so worked out once (the columns quoted, a converter per field)."""
    vendor = connections[using].vendor
    fields = _fields(model, names, defer)
    qn = connections[using].ops.quote_name
    columns = ", ".join(f"s.{qn(f.column)}" for f in fields)
    # around the SQL of Django's own compilation (values as parameters), the columns quoted
    if vendor == "postgresql":
        head = f"(SELECT json_agg(json_build_array({columns}))::text FROM ("  # noqa: S608
    else:
        head = f"(SELECT json_group_array(json_array({columns})) FROM ("  # noqa: S608
    converting = [(i, c) for i, c in enumerate(_converter(f, vendor) for f in fields)
                  if c is not None]
    return _Reading([f.attname for f in fields], converting, head, ") s)")
