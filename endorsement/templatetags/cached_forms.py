"""``{{ form|crispy_cached }}``: what ``{{ form|crispy }}`` gives, rendered once and kept for a
form nobody has typed into yet.

A blank form renders the same for every visitor reading the same language: the coordinator's
application page shows six, and their crispy templates (a dozen includes and conditions per
field) were a sixth of the page's time. The kept HTML is keyed on everything the output depends
on: the form's class, prefix and ids, the language and the catalog translating it, and each
field's kind, widget, label, help text, required and disabled flags, widget attributes, initial
value and choices (so a list of people read for this page is part of the key). A bound form
(what was typed, its errors) is rendered afresh every time.
"""
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import template
from django.utils.translation import get_language, trans_real

register = template.Library()

_KEPT: dict = {}
_LIMIT = 500


def _key(form) -> tuple:
    fields = []
    for name, field in form.fields.items():
        choices = getattr(field, "choices", None)
        fields.append((
            name, type(field), type(field.widget), str(field.label), str(field.help_text),
            field.required, field.disabled, repr(sorted(field.widget.attrs.items())),
            repr(form[name].value()),
            None if choices is None else repr([(str(v), str(label)) for v, label in choices]),
        ))
    # the active catalog itself (kept by the key, so never mistaken for another), not only
    # its language: a catalog replaced while the process runs renders afresh
    return (type(form), form.prefix, form.auto_id, form.label_suffix,
            form.use_required_attribute, get_language(), trans_real.catalog(), tuple(fields))


@register.filter
def crispy_cached(form):
    if form.is_bound:
        return as_crispy_form(form)
    key = _key(form)
    html = _KEPT.get(key)
    if html is None:
        if len(_KEPT) >= _LIMIT:
            _KEPT.clear()
        html = _KEPT[key] = as_crispy_form(form)
    return html
