# ruff: noqa: E501 - the template below is kept as it was, long lines and all
"""The queue page built in Python (reviews/queue_html.py: tabs, the filter form's options, the
column headers, the rows) is the HTML the template language gave, in English and Spanish: each
page is compared with the template it replaced (kept below as it was), for tabs, a search, a
filtered and sorted page, a second page, an empty queue, and values that need escaping. Its
figures (ratings in, reviewers, days waiting) are counted here from the rows they count.

Whitespace is compared loosely: runs of it count as one space, and none is compared between
two tags or before a tag's ">" (it only ever falls between list items, options, table cells
and table rows here, where a browser shows nothing for it)."""
import datetime as dt
import re
from urllib.parse import urlencode

import pytest
from django.core.paginator import Paginator
from django.db.models import Count, Max, OuterRef, Subquery
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from applicants import figures
from applicants.models import Application, ApplicationEvent, Category, Program, Region, Status
from endorsement.testing.factories import ReviewerFactory, UserFactory
from references.models import ReferenceRequest
from reviews import queue_views, queues
from reviews.models import ReviewAssignment

pytestmark = pytest.mark.django_db

# The content block of templates/reviews/queue.html with the loops it had before the page's
# repeated parts were built in Python.
FORMER = r"""{% load i18n %}<h1 class="h2">{% translate "Application queues" %}</h1>
<p>{% translate "Also:" %} <a href="{% url 'references:coordinator_overview' %}">{% translate "References needing attention" %}</a> · <a href="{% url 'outbox' %}">{% translate "Outbox" %}</a></p>
<nav aria-label="{% translate 'Queues' %}">
  <ul class="nav nav-pills flex-wrap mb-3">
    {% for q in queues %}
      <li class="nav-item">
        <a class="nav-link{% if q.key == current %} active{% endif %}" href="?queue={{ q.key }}"
           {% if q.key == current %}aria-current="page"{% endif %}>{{ q.label }} <span class="badge text-bg-light">{{ q.count }}</span></a>
      </li>
    {% endfor %}
    <li class="nav-item"><a class="nav-link{% if current == ALL %} active{% endif %}" href="?queue={{ ALL }}" {% if current == ALL %}aria-current="page"{% endif %}>{% translate "Every application" %}</a></li>
  </ul>
</nav>
<form method="get" class="row g-2 align-items-end mb-3" role="search" aria-label="{% translate 'Find and filter applications' %}">
  <div class="col-12 col-md-4">
    <label class="form-label" for="q">{% translate "Name, email or application number" %}</label>
    <input class="form-control" type="search" id="q" name="q" value="{{ search }}" maxlength="100">
  </div>
  <div class="col-6 col-md-2">
    <label class="form-label" for="f-queue">{% translate "Queue" %}</label>
    <select class="form-select" id="f-queue" name="queue">
      <option value="{{ ALL }}"{% if current == ALL %} selected{% endif %}>{% translate "Every queue" %}</option>
      {% for q in queues %}<option value="{{ q.key }}"{% if q.key == current %} selected{% endif %}>{{ q.label }}</option>{% endfor %}
    </select>
  </div>
  <div class="col-6 col-md-2">
    <label class="form-label" for="f-program">{% translate "Program" %}</label>
    <select class="form-select" id="f-program" name="program"><option value="">{% translate "Any" %}</option>
      {% for value, label in programs %}<option value="{{ value }}"{% if value == query.program %} selected{% endif %}>{{ value }}</option>{% endfor %}</select>
  </div>
  <div class="col-6 col-md-4">
    <label class="form-label" for="f-category">{% translate "Level and designation" %}</label>
    <select class="form-select" id="f-category" name="category"><option value="">{% translate "Any" %}</option>
      {% for value, label in categories %}<option value="{{ value }}"{% if value == query.category %} selected{% endif %}>{{ label }}</option>{% endfor %}</select>
  </div>
  <div class="col-6 col-md-3">
    <label class="form-label" for="f-region">{% translate "Region" %}</label>
    <select class="form-select" id="f-region" name="region"><option value="">{% translate "Any" %}</option>
      {% for value, label in regions %}<option value="{{ value }}"{% if value == query.region %} selected{% endif %}>{{ label }}</option>{% endfor %}</select>
  </div>
  <div class="col-6 col-md-2">
    <label class="form-label" for="f-fee">{% translate "Fee" %}</label>
    <select class="form-select" id="f-fee" name="fee"><option value="">{% translate "Any" %}</option>
      {% for value, label in fees %}<option value="{{ value }}"{% if value == query.fee %} selected{% endif %}>{{ label }}</option>{% endfor %}</select>
  </div>
  <div class="col-6 col-md-3">
    <label class="form-label" for="f-waiting">{% translate "Waiting on" %}</label>
    <select class="form-select" id="f-waiting" name="waiting"><option value="">{% translate "Anyone" %}</option>
      {% for value, label in waiting_on %}<option value="{{ value }}"{% if value == query.waiting %} selected{% endif %}>{{ label }}</option>{% endfor %}</select>
  </div>
  <input type="hidden" name="sort" value="{{ query.sort }}">
  <div class="col-auto"><button class="btn btn-primary" type="submit">{% translate "Search" %}</button></div>
  {% if query.filtered %}<div class="col-auto"><a class="btn btn-link" href="?queue={{ current }}">{% translate "Clear" %}</a></div>{% endif %}
</form>

<div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
  <p class="mb-0" id="queue-total" role="status">{% blocktranslate count counter=page.paginator.count %}{{ counter }} application{% plural %}{{ counter }} applications{% endblocktranslate %}{% if page.paginator.num_pages > 1 %} · {% blocktranslate with number=page.number total=page.paginator.num_pages %}page {{ number }} of {{ total }}{% endblocktranslate %}{% endif %}</p>
  {% if page.paginator.count %}<a class="btn btn-sm btn-outline-secondary" href="{% url 'reviews:queue_csv' %}?{{ base_params }}">{% translate "Download these as CSV" %}</a>{% endif %}
</div>

{% if applications %}
<form method="post" action="{% url 'reviews:bulk_assign' %}" id="bulk-form">{% csrf_token %}
<input type="hidden" name="back" value="{{ base_params }}{% if page.number > 1 %}&amp;page={{ page.number }}{% endif %}">
<div class="table-responsive" tabindex="0" role="region" aria-label="{% translate 'Applications (scrolls sideways on a small screen)' %}">
<table class="table align-middle">
  <caption class="visually-hidden">{% translate "Applications; the column headers sort the list" %}</caption>
  <thead><tr>
    <th scope="col"><span class="visually-hidden">{% translate "Select" %}</span></th>
    {% for column in columns %}<th scope="col" aria-sort="{{ column.state }}"><a href="{{ column.url }}">{{ column.label }}{% if column.state == "ascending" %} ▲{% elif column.state == "descending" %} ▼{% endif %}</a></th>{% endfor %}
    <th scope="col">{% translate "Status" %}</th>
    <th scope="col">{% translate "Days waiting" %}</th>
    <th scope="col">{% translate "Ratings in" %}</th><th scope="col">{% translate "Fee" %}</th><th scope="col">{% translate "Reviewers" %}</th></tr></thead>
  <tbody>
  {% for application in applications %}
    <tr>
      <td><input class="form-check-input" type="checkbox" name="applications" value="{{ application.pk }}" id="pick-{{ application.pk }}" aria-label="{% blocktranslate with name=application.applicant.display_name %}Select {{ name }}{% endblocktranslate %}"></td>
      <td>{{ application.pk }}</td>
      <td><a href="{% url 'reviews:application' application.pk %}">{{ application.applicant.display_name }}</a><br><span class="small text-body-secondary">{{ application.applicant.email }}</span></td>
      <td>{{ application.get_category_display }}<br><span class="small">{{ application.program }}</span></td>
      <td>{{ application.submitted_at|date:"SHORT_DATE_FORMAT"|default:"—" }}</td>
      <td>{{ application.get_status_display }}</td>
      <td>{{ application.days_waiting }}</td>
      <td>{% blocktranslate with n=application.ratings_in %}{{ n }} of 3{% endblocktranslate %}</td>
      <td>{% if application.fee_paid %}<span class="badge text-bg-success">{% translate "Paid" %}</span>{% else %}<span class="badge text-bg-warning">{% translate "Not recorded" %}</span>{% endif %}</td>
      <td>{{ application.reviewer_count }}</td>
    </tr>
  {% endfor %}
  </tbody>
</table>
</div>
<fieldset class="row g-2 align-items-end mb-3">
  <legend class="h6">{% translate "Assign a reviewer to the ticked applications" %}</legend>
  <div class="col-sm-6 col-md-4">
    <label class="form-label" for="bulk-reviewer">{% translate "Reviewer for the ticked applications" %}</label>
    <select class="form-select" name="reviewer" id="bulk-reviewer"><option value="">{% translate "Choose a reviewer" %}</option>{% for reviewer in reviewers %}<option value="{{ reviewer.pk }}">{{ reviewer.display_name }} ({{ reviewer.email }})</option>{% endfor %}</select>
  </div>
  <div class="col-auto"><button class="btn btn-outline-primary" type="submit">{% translate "Assign to the ticked applications" %}</button></div>
</fieldset>
</form>
{% include "includes/pagination.html" with page=page params=base_params label=_("Pages of applications") %}
{% else %}
<p class="text-body-secondary">{% if query.filtered %}{% translate "No application matches this search and these filters." %}{% else %}{% translate "No applications are in this queue right now." %}{% endif %}</p>
{% endif %}
"""
ESCAPE_ME = "<b>\"O'Hara\" & co</b> %(x)s {} %"
PER_PAGE = 3


def _former_columns(query):
    """The sortable column headers, as the view worked them out before."""
    columns = []
    for key, label in [("number", translation.gettext("No.")),
                       ("name", translation.gettext("Applicant")),
                       ("category", translation.gettext("Category")),
                       ("submitted", translation.gettext("Submitted"))]:
        if query.sort == key:
            state, next_sort = "ascending", f"-{key}"
        elif query.sort == f"-{key}":
            state, next_sort = "descending", key
        else:
            state, next_sort = "none", key
        columns.append({"label": label, "state": state,
                        "url": "?" + urlencode(query.params(sort=next_sort))})
    return columns


def _counted(applications):
    """Ratings in, reviewers and the last status change, counted from their own rows."""
    def per_application(queryset, aggregate):
        return Subquery(queryset.filter(application_id=OuterRef("pk")).order_by()
                        .values("application_id").annotate(v=aggregate).values("v")[:1])

    return applications.annotate(
        counted_ratings=per_application(ReferenceRequest.objects.filter(status="submitted"),
                                        Count("pk")),
        counted_reviewers=per_application(ReviewAssignment.objects.all(), Count("pk")),
        counted_changed=per_application(ApplicationEvent.objects.all(), Max("created_at")))


def _former_page(request, params: dict) -> str:
    query = queues.QueueQuery.from_request(params)
    page = Paginator(queues.applications_for(query), PER_PAGE).get_page(params.get("page"))
    now = timezone.now()
    rows = list(_counted(Application.objects.select_related("applicant")
                         .filter(pk__in=[a.pk for a in page.object_list])
                         .order_by(*queues.SORTS[query.sort])))
    for row in rows:
        row.ratings_in = row.counted_ratings or 0
        row.reviewer_count = row.counted_reviewers or 0
        since = row.counted_changed or row.submitted_at or row.created_at
        row.days_waiting = max((now - since).days, 0)
    by_status = {s: Application.objects.filter(status=s).count() for s in Status.values}
    from reviews.services import reviewers

    context = {
        "queues": [{"key": key, "label": label, "count": sum(by_status[s] for s in statuses
                                                              if s in by_status)}
                   for key, label, statuses in queues.QUEUES],
        "query": query, "current": query.queue, "search": query.search, "page": page,
        "applications": rows, "columns": _former_columns(query),
        "base_params": urlencode(query.params()), "programs": Program.choices,
        "categories": Category.choices, "regions": Region.choices, "fees": queues.FEE_CHOICES,
        "waiting_on": queues.WAITING_ON, "reviewers": list(reviewers()), "ALL": queues.ALL,
    }
    return engines["django"].from_string(FORMER).render(context, request)


def _loose(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r"\s+>", ">", html)
    return re.sub(r">\s+<", "><", html).strip()


def _content(response) -> str:
    text = response.content.decode()
    start = text.index('<h1 class="h2">')
    return text[start:text.index("</main>", start)]


@pytest.fixture
def applications(coordinator):
    """Applications of several statuses and shapes: a name that needs escaping, ratings in,
    reviewers, status changes, a paid fee, a draft never submitted, one withdrawn."""
    now = timezone.now()
    reviewer = ReviewerFactory(first_name=ESCAPE_ME, last_name="Reyes")
    ReviewerFactory(first_name="Ben", last_name="Abbott")
    made = []
    for n, (status, program, category, last) in enumerate([
            ("submitted", "IMH-E", "II", "Diaz"), ("submitted", "ECMH-E", "III", ESCAPE_ME),
            ("in_review", "IMH-E", "III", "Abbott"), ("in_review", "IMH-E", "III", "Evans"),
            ("in_review", "ECMH-E", "IV-C", "Baker"), ("returned", "IMH-E", "I", "Cole"),
            ("draft", "IMH-E", "II", "Ng"), ("withdrawn", "ECMH-E", "II", "Fox"),
            ("endorsed", "IMH-E", "IV-R", "Gray")]):
        submitted = None if status == "draft" else now - dt.timedelta(days=40 - n, hours=n)
        application = Application.objects.create(
            applicant=UserFactory(first_name="Pat", last_name=last), program=program,
            category=category, status=status, submitted_at=submitted, fee_paid=n % 2 == 0)
        made.append(application)
    Application.objects.filter(pk=made[6].pk).update(created_at=now - dt.timedelta(days=3))
    # submitted at 3 a.m. UTC: the evening before in Boston, the date the page shows
    Application.objects.filter(pk=made[1].pk).update(
        submitted_at=dt.datetime(2026, 3, 1, 3, 0, tzinfo=dt.UTC))
    for n, application in enumerate(made[2:5]):
        for k in range(n + 1):
            ReferenceRequest.objects.create(
                application=application, rater_name="R", rater_email=f"r{k}@example.org",
                role="colleague", known_for="2 years", waiver_signed_at=now,
                token_hash=f"{application.pk:08d}{k:056d}", token_expires_at=now,
                status="submitted" if k < 2 else "requested")
        ReviewAssignment.objects.create(application=application, reviewer=reviewer)
        ApplicationEvent.objects.create(application=application, from_status="submitted",
                                        to_status="in_review")
        # a status change of days ago (the date set by hand: counted again, as a move does)
        ApplicationEvent.objects.filter(application=application).update(
            created_at=now - dt.timedelta(days=n * 5 + 1))
        figures.recount(application.pk)
    return made


PAGES = [
    {}, {"queue": "in_review"}, {"queue": "all"}, {"queue": "all", "page": "2"},
    {"queue": "all", "page": "3"}, {"queue": "drafts"}, {"queue": "awaiting_decision"},
    {"q": "o'hara"}, {"q": "Pat Evans"}, {"q": "#1"}, {"queue": "all", "sort": "-name"},
    {"queue": "in_review", "program": "IMH-E", "category": "III", "fee": "paid",
     "sort": "category"},
    {"queue": "all", "region": "metro_boston", "waiting": "raters", "sort": "-number"},
    {"queue": "all", "fee": "unpaid", "sort": "-submitted", "page": "2"},
    {"queue": "in_review", "waiting": "reviewers", "sort": "-category"},
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_queue_is_the_html_the_templates_gave(coordinator_client, coordinator,
                                                  applications, monkeypatch, language):
    monkeypatch.setattr(queue_views, "PER_PAGE", PER_PAGE)
    coordinator.language = language
    coordinator.save()
    for params in PAGES:
        response = coordinator_client.get(reverse("reviews:queue"), params)
        assert response.status_code == 200
        with translation.override(language):
            former = _former_page(response.wsgi_request, params)
        assert _loose(_content(response)) == _loose(former), params
