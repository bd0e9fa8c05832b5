"""The training calendar's rows for the grant report (``consultation.grant``): for each
partner organisation and region, the people present on a roll in the period and the
participant-hours delivered (each present person's hours of the training added)."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Min, Sum

from .models import Signup


def training_rows(period) -> list[dict]:
    """One row per partner organisation and region with a roll in the period (two queries);
    ``first_at``: each person's first training of the partner there."""
    present = Signup.objects.filter(period.q("training__starts_at"), attended=True)
    keys = ("training__partner__name", "training__region")
    totals = present.values(*keys).annotate(
        n=Count("user", distinct=True), h=Sum("training__hours")).order_by()
    first: dict[tuple, dict[int, object]] = {}
    for partner, region, user_id, at in (present.values(*keys, "user")
                                         .annotate(first=Min("training__starts_at")).order_by()
                                         .values_list(*keys, "user", "first")):
        first.setdefault((partner, region), {})[user_id] = at
    rows = []
    for row in totals:
        seen = first.get((row["training__partner__name"], row["training__region"]), {})
        rows.append({"kind": "training", "region": row["training__region"],
                     "partner_or_group": row["training__partner__name"],
                     "participants": row["n"], "hours": row["h"] or Decimal(0),
                     "user_ids": set(seen), "first_at": seen})
    return rows
