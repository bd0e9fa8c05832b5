# ruff: noqa: E501 - the templates below are kept as they were, one line each
"""The rows built in Python (applicants/row_html.py) are the HTML the template language gave,
byte for byte, in English and Spanish: each list is compared with the templates it replaced
(kept below as they were), for rows of every shape (confirmed, a series, not counted, no
transcript, an end date or none...) and values that need escaping."""
import datetime as dt
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import timezone, translation

from applicants.row_html import rsc_items, section_rows, training_items, work_items
from applicants.services import answers, dossier
from applicants.tests.factories import (
    ApplicationFactory,
    DegreeFactory,
    LeadershipFactory,
    RscFactory,
    TrainingFactory,
    WorkFactory,
)
from applicants.views.rows import ROW_KINDS

pytestmark = pytest.mark.django_db

# The loop of templates/applicants/rows/base.html and each section's {% block row %}, as they
# were before the rows were built in Python.
LOOP = r"""  {% for row in rows %}
  <li class="list-group-item">
    <div class="d-flex flex-wrap justify-content-between gap-2">
      <div class="row-summary">{% block row %}{{ row }}{% endblock %}</div>
      {% if row.confirmed %}
      <div><span class="badge text-bg-success text-wrap text-start confirmed-badge">{% blocktranslate with partner=row.confirmed_by %}Confirmed by {{ partner }}{% endblocktranslate %}</span><span class="d-block small text-body-secondary">{% translate "Recorded by the program: it cannot be changed here." %}</span></div>
      {% else %}
      <div class="text-nowrap">
        <a class="btn btn-sm btn-outline-primary" href="{% url 'applicants:'|add:kind.slug|add:'_edit' application.pk row.pk %}">{% translate "Edit" %}<span class="visually-hidden"> {{ row }}</span></a>
        <a class="btn btn-sm btn-outline-danger" href="{% url 'applicants:'|add:kind.slug|add:'_delete' application.pk row.pk %}">{% translate "Remove" %}<span class="visually-hidden"> {{ row }}</span></a>
      </div>
      {% endif %}
    </div>
  </li>
  {% endfor %}"""
ROW_BLOCKS = {
    "training": r"""<strong>{{ row.title }}</strong>, {{ row.sponsor }}<div class="small">{{ row.date|date:_("F j, Y") }} · {{ row.hours|hours }}{% if row.about_rsc %} · {% translate "about providing reflective supervision/consultation" %}{% endif %}</div>""",
    "rsc": r"""<strong>{{ row.date|date:_("F j, Y") }}</strong>: {% blocktranslate trimmed with hours=row.hours|hours format=row.format|rsc_format provider=row.provider_name %}{{ hours }}, {{ format }}, with {{ provider }}{% endblocktranslate %}{% if row.provider_level %} ({% blocktranslate with level=row.provider_level %}Level {{ level }}{% endblocktranslate %}){% endif %}{% if not row.counts %}<div class="small text-danger-emphasis">{% if row.kind == "administrative" %}{% translate "Administrative supervision: does not count as reflective supervision/consultation." %}{% else %}{% translate "Clinical case supervision only: does not count as reflective supervision/consultation." %}{% endif %}</div>{% endif %}{% if row.series %}<div class="small"><a href="{% url 'applicants:rsc_series_change' application.pk row.series %}">{% translate "Change or remove the whole series" %}<span class="visually-hidden"> {% blocktranslate with day=row.date|date:_("F j, Y") %}that includes {{ day }}{% endblocktranslate %}</span></a></div>{% endif %}""",
    "work": r"""<strong>{{ row.role }}</strong>, {{ row.employer }}<div class="small">{% if row.end %}{% blocktranslate with start=row.start|date:_("F Y") end=row.end|date:_("F Y") %}{{ start }} – {{ end }}{% endblocktranslate %}{% else %}{% blocktranslate with start=row.start|date:_("F Y") %}{{ start }} – now{% endblocktranslate %}{% endif %} · {% if row.paid %}{% translate "paid" %}{% else %}{% translate "unpaid" %}{% endif %}{% if row.internship %} · {% translate "graduate internship" %}{% endif %} · {% blocktranslate count n=row.families_served %}{{ n }} family{% plural %}{{ n }} families{% endblocktranslate %}</div>""",
    "degrees": r"""<strong>{{ row.name }}</strong>, {{ row.institution }} ({{ row.awarded|date:_("F Y") }})
{% if row.transcript %}<div class="small">{% translate "Transcript:" %} <a href="{% url 'applicants:document' application.pk row.pk %}">{% if row.transcript_name %}{{ row.transcript_name }}{% else %}{% translate "download" %}{% endif %}</a></div>
{% else %}<div class="small text-danger">{% translate "No transcript yet: edit this degree to upload it." %}</div>{% endif %}""",
    "leadership": r"""<strong>{{ row.scope|scope }}</strong>: {{ row.description|truncatewords:30 }}""",
}
# The three lists of templates/applicants/_answers.html, as they were.
ANSWER_LISTS = {
    "training": r"""<ul>{% for t in answers.training %}<li>{{ t.title }} ({{ t.sponsor }}), {{ t.date|day }}: {{ t.hours|hours }}{% if t.about_rsc %}, {% translate "about providing RSC" %}{% endif %}{% if t.confirmed_by %} <span class="badge text-bg-success text-wrap text-start">{% blocktranslate with partner=t.confirmed_by %}Confirmed by {{ partner }}{% endblocktranslate %}</span>{% endif %}</li>{% empty %}<li>{% translate "None" %}</li>{% endfor %}</ul>""",
    "work": r"""<ul>{% for w in answers.work %}<li>{{ w.role }}, {{ w.employer }}: {% if w.end %}{% blocktranslate with start=w.start|day end=w.end|day %}{{ start }} to {{ end }}{% endblocktranslate %}{% else %}{% blocktranslate with start=w.start|day %}{{ start }} to now{% endblocktranslate %}{% endif %}, {% if w.paid %}{% translate "paid" %}{% else %}{% translate "unpaid" %}{% endif %}; {{ w.kind|label }}; {% blocktranslate count n=w.families_served %}{{ n }} family{% plural %}{{ n }} families{% endblocktranslate %}{% if w.social_emotional_focus %}; {% translate "social-emotional focus" %}{% endif %}{% if w.relationship_focus %}; {% translate "relationship focus" %}{% endif %}{% if w.internship %}; {% if w.internship_supervisor_level %}{% blocktranslate with level=w.internship_supervisor_level %}graduate internship (supervisor {{ level }}){% endblocktranslate %}{% else %}{% translate "graduate internship (supervisor not endorsed)" %}{% endif %}{% endif %}{% if w.hours_per_week %}; {% blocktranslate count n=w.hours_per_week %}{{ n }} hour a week{% plural %}{{ n }} hours a week{% endblocktranslate %}{% endif %}{% if w.part_time %} <span class="badge text-bg-warning">{% translate "Part-time: for the coordinator to judge (A-05)" %}</span>{% endif %}{% if w.duties %}<div class="small">{% translate "Duties:" %} {{ w.duties }}</div>{% endif %}</li>{% empty %}<li>{% translate "None" %}</li>{% endfor %}</ul>""",
    "rsc": r"""<ul>{% for r in answers.rsc %}<li>{{ r.date|day }}: {{ r.hours|hours }}, {{ r.format|rsc_format }}, {{ r.provider_name }} ({% if r.provider_level %}{% blocktranslate with level=r.provider_level %}Level {{ level }}{% endblocktranslate %}{% else %}{% translate "not endorsed" %}{% endif %}, {{ r.provider_degree|degree }}){% if r.kind and r.kind != "rsc" %} <span class="badge text-bg-light border">{% if r.kind == "administrative" %}{% translate "administrative supervision: not counted" %}{% else %}{% translate "clinical case supervision only: not counted" %}{% endif %}</span>{% endif %}</li>{% empty %}<li>{% translate "None" %}</li>{% endfor %}</ul>""",
}
ESCAPE_ME = "<b>\"O'Brien\" & co</b> %(x)s {} %"


def _render(source: str, **context) -> str:
    return engines["django"].from_string("{% load i18n applicants_tags %}" + source).render(
        context)


@pytest.fixture
def application(applicant):
    """An application with rows of every shape, several needing escaping."""
    app = ApplicationFactory(applicant=applicant, category="IV-C")
    now = timezone.now()
    TrainingFactory(application=app, title=ESCAPE_ME, sponsor=ESCAPE_ME, hours=Decimal("1"),
                    about_rsc=True)
    TrainingFactory(application=app, hours=Decimal("1.5"), confirmed_at=now,
                    confirmed_by=ESCAPE_ME, source="training:1")
    TrainingFactory(application=app, hours=Decimal("12.25"), date=dt.date(2024, 12, 31))
    TrainingFactory(application=app, hours=Decimal("0.50"), date=dt.date(2023, 5, 9))
    RscFactory(application=app, provider_name=ESCAPE_ME, provider_level="", hours=Decimal("1"))
    RscFactory(application=app, kind="administrative", format="group", hours=Decimal("1.5"))
    RscFactory(application=app, kind="clinical", provider_degree="doctorate")
    RscFactory(application=app, series="a" * 32, confirmed_at=now, confirmed_by="Group <x>",
               source="group-session:1")
    RscFactory(application=app, series="b" * 32, provider_level="IV-C")
    WorkFactory(application=app, role=ESCAPE_ME, employer=ESCAPE_ME, start=dt.date(2018, 2, 1),
                end=dt.date(2020, 6, 1), paid=False, families_served=1, internship=True,
                internship_supervisor_level="III", hours_per_week=20, duties=ESCAPE_ME,
                kind="early_childhood")
    WorkFactory(application=app, internship=True, hours_per_week=40, families_served=0,
                social_emotional_focus=False, relationship_focus=False)
    WorkFactory(application=app, families_served=7)
    DegreeFactory(application=app, name=ESCAPE_ME, institution=ESCAPE_ME, related_field=False)
    DegreeFactory(application=app, transcript_name="", type="master")
    DegreeFactory(application=app, transcript=None, transcript_name="")
    LeadershipFactory(application=app, description=" ".join(["word"] * 40) + " " + ESCAPE_ME,
                      scope="regional", examples=["policy_groups"])
    LeadershipFactory(application=app, description=ESCAPE_ME, scope="local", examples=[])
    return app


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("slug", list(ROW_BLOCKS))
def test_a_sections_rows_are_the_html_the_template_gave(application, slug, language):
    rows = ROW_KINDS[slug].rows(application)
    assert len(rows) >= 2
    with translation.override(language):
        template = LOOP.replace("{% block row %}{{ row }}{% endblock %}", ROW_BLOCKS[slug])
        expected = _render(template, rows=rows, application=application, kind=ROW_KINDS[slug])
        built = section_rows(slug, application, rows)
    assert "  " + built == expected
    assert "&lt;b&gt;" in built or slug == "leadership"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("snapshot", [False, True], ids=["live", "snapshot"])
def test_the_answers_lists_are_the_html_the_template_gave(application, language, snapshot):
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    shown = answers(application)
    if snapshot:  # a submission keeps its answers as JSON: dates become text
        shown = json.loads(json.dumps(shown, cls=DjangoJSONEncoder))
    build = {"training": training_items, "work": work_items, "rsc": rsc_items}
    with translation.override(language):
        for key, source in ANSWER_LISTS.items():
            expected = _render(source, answers=shown)
            assert "<ul>" + build[key](shown[key]) + "</ul>" == expected, key
            assert _render(source, answers={key: []}) == "<ul>" + build[key]([]) + "</ul>"
    assert "Confirmed by &lt;b&gt;" in training_items(shown["training"])


def test_the_dates_and_hours_kept_per_language_follow_the_language(application):
    dossier(application)
    rows = ROW_KINDS["training"].rows(application)
    with translation.override("en"):
        english = section_rows("training", application, rows)
    with translation.override("es"):
        spanish = section_rows("training", application, rows)
    with translation.override("en"):
        assert section_rows("training", application, rows) == english
    assert "December 31, 2024" in english and "12.25 hours" in english
    assert "31 de diciembre de 2024" in spanish and "12,25 horas" in spanish
