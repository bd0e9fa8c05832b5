"""Totals of long lists, counted once and kept until the rows they count change.

Counting 100,000 rows costs tens of milliseconds on every page view; the totals of the
queues, the outbox and "references needing attention" are instead cached per query and
group, and a group's cached totals are dropped (its generation bumped) whenever a row of a
model in it is saved or deleted. A short timeout bounds any change made without a signal
(a bulk ``update()``)."""
import hashlib
import time

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

TIMEOUT = 120


def _generation(group: str) -> int:
    key = f"count-gen:{group}"
    generation = cache.get(key)
    if generation is None:
        # A generation lost (evicted) restarts from the clock, never from a number used before.
        generation = time.time_ns()
        cache.add(key, generation, None)
    return generation


def bump(group: str) -> None:
    """Forget the cached totals of ``group`` (a model in it changed)."""
    try:
        cache.incr(f"count-gen:{group}")
    except ValueError:
        cache.set(f"count-gen:{group}", time.time_ns(), None)


def cached(group: str, key: str, compute):
    full = f"count:{group}:{_generation(group)}:{hashlib.sha256(key.encode()).hexdigest()}"
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, TIMEOUT)
    return value


def count(queryset, group: str, key: str | None = None) -> int:
    """The total of ``queryset``, kept under its SQL text, or under ``key`` when the caller
    names what it counts more cheaply (the SQL text costs a compile of the query, about half
    a millisecond): a key must always stand for the same rows."""
    return cached(group, str(queryset.query) if key is None else key, queryset.count)


class CountedPaginator(Paginator):
    """A Paginator whose total comes from :func:`count`."""

    def __init__(self, object_list, per_page, *, group: str, key: str | None = None,
                 **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.group, self.key = group, key

    @cached_property
    def count(self):
        return count(self.object_list, self.group, self.key)

    def page(self, number):
        """The rows are always read as they are now, even while the total lags behind.

        A page in the back half is read from the end (the order reversed, a smaller offset,
        the rows turned back): the last page of 300,000 emails costs what the first does,
        instead of walking the index over every row before it."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        rows = self.object_list
        if bottom > self.count // 2 and getattr(rows, "ordered", False) and top > bottom:
            from_end = self.count - top
            found = list(rows.reverse()[from_end:from_end + top - bottom])[::-1]
            return self._get_page(found, number, self)
        return self._get_page(rows[bottom:bottom + self.per_page], number, self)


def bump_on_change(group: str, *models) -> None:
    """Connect save/delete of ``models`` to :func:`bump` of ``group``."""
    from django.db import transaction
    from django.db.models.signals import post_delete, post_save

    def handler(sender, **kwargs):
        bump(group)
        transaction.on_commit(lambda: bump(group))  # also after commit: no stale refill

    for model in models:
        post_save.connect(handler, sender=model, weak=False,
                          dispatch_uid=f"count-{group}-{model._meta.label}-save")
        post_delete.connect(handler, sender=model, weak=False,
                            dispatch_uid=f"count-{group}-{model._meta.label}-delete")


def rows_first_page(queryset, number, per_page: int, *, group: str,
                    count_key: str | None = None):
    """The page ``number`` of ``queryset``: the page's ids are found first on the indexes
    (ordered, offset, limited, no join the order does not need), then only those rows are
    read as ``queryset`` says (select_related, only...). The total comes from :func:`count`
    (under ``count_key`` when given)."""
    ids = queryset.values_list("pk", flat=True)
    page = CountedPaginator(ids, per_page, group=group, key=count_key).get_page(number)
    found = queryset.order_by().in_bulk(list(page.object_list))
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page
