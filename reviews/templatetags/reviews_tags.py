from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """``mapping|get:key``: a dict value by a variable key (empty if missing)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
