# ruff: noqa: E501 - the template below is kept as it was
"""The People list's lines built in Python (endorsement.people.views.people_row) are the HTML
the template gave, byte for byte, in English and Spanish: for people of every shape (several
roles, a reviewer with and without work, deactivated, erased, no name) and values that need
escaping."""
import pytest
from django.template import engines
from django.utils import timezone, translation

from endorsement.models import Role
from endorsement.people.views import PeopleRowText, people_row
from endorsement.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

# The loop of templates/people/list.html before its lines were built in Python.
FORMER = r"""{% load i18n %}{% for person in rows %}
    <tr>
      <td><a href="{% url 'people:person' person.pk %}">{{ person.display_name }}</a></td>
      <td>{{ person.email }}</td>
      <td>{% for r, label in person.held_role_choices %}<span class="badge text-bg-secondary me-1">{{ label }}</span>{% endfor %}</td>
      <td>{% if person.erased_at %}{% translate "Erased" %}{% elif person.is_active %}{% translate "Active" %}{% else %}{% translate "Deactivated" %}{% endif %}</td>
      <td>{% if "reviewer" in person.held_roles %}{{ person.load.open|default:0 }}{% else %}—{% endif %}</td>
      <td>{% if "reviewer" in person.held_roles %}{{ person.load.due|default:0 }}{% else %}—{% endif %}</td>
    </tr>
  {% endfor %}"""


def people():
    rows = [
        (UserFactory(first_name='<b>"O\'Brien"</b>', last_name="& co", email="ob@example.org"), {}),
        (UserFactory(role=Role.REVIEWER, roles=",advisor,partner,"), {"open": 2, "due": 1}),
        (UserFactory(role=Role.REVIEWER), {}),
        (UserFactory(role=Role.COORDINATOR, roles=",reviewer,", is_active=False), {"open": 0}),
        (UserFactory(first_name="", last_name="", erased_at=timezone.now()), {}),
    ]
    for person, load in rows:
        person.load = load
    return [person for person, _load in rows]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_lines_are_the_html_the_template_gave(language):
    rows = people()
    with translation.override(language):
        former = engines["django"].from_string(FORMER).render({"rows": rows})
        text = PeopleRowText()
        mine = "".join(people_row(person, text) for person in rows)
    assert mine == former
    assert "&lt;b&gt;&quot;O&#x27;Brien&quot;&lt;/b&gt; &amp; co" in mine
