"""``{{ area.name|translated }}``, ``{{ area.items|translated|join:", " }}``: words the engine
keeps as plain English data (competency areas and their knowledge and skill areas, row titles),
looked up in the catalog when shown. ``manage.py engine_messages`` lists them for makemessages;
a word not in the catalog shows as the engine has it."""
from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def translated(value):
    if isinstance(value, str):
        return gettext(value) if value else value
    if isinstance(value, (list, tuple)):
        return [gettext(v) if isinstance(v, str) and v else v for v in value]
    return value
