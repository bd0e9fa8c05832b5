"""Lists that stay flat at any size (issue 14): pages read from the end, counts cached,
constant queries."""
import pytest
from django.core.paginator import Paginator
from django.urls import reverse

from endorsement import audit
from endorsement.counting import CountedPaginator, rows_first_page
from endorsement.models import AuditEvent, OutboundEmail


@pytest.mark.django_db
def test_a_page_in_the_back_half_is_the_same_read_from_the_end():
    OutboundEmail.objects.bulk_create([OutboundEmail(to=f"p{n}@example.org", subject=str(n),
                                                     body_text="x", template="t")
                                       for n in range(11)])
    emails = OutboundEmail.objects.order_by("-created_at", "-id").values_list("pk", flat=True)
    plain = Paginator(emails, 3)
    counted = CountedPaginator(emails, 3, group="test")
    for number in plain.page_range:
        assert list(counted.page(number).object_list) == list(plain.page(number).object_list)
    page = rows_first_page(OutboundEmail.objects.order_by("-created_at", "-id"), "4", 3,
                           group="test")
    assert [e.subject for e in page.object_list] == ["1", "0"]


@pytest.mark.django_db
def test_the_audit_trail_reads_a_constant_number_of_queries(coordinator_client, coordinator,
                                                            django_assert_num_queries):
    url = reverse("people:audit")
    audit.record("people.invited", coordinator, actor=coordinator)
    coordinator_client.get(url)
    with django_assert_num_queries(4):
        coordinator_client.get(url)
    for n in range(30):
        audit.record("people.invited", coordinator, actor=coordinator, n=n)
    coordinator_client.get(url + "?page=1")  # the new total is counted once
    with django_assert_num_queries(4):
        response = coordinator_client.get(url)
    assert response.context["page"].paginator.count == AuditEvent.objects.count()
