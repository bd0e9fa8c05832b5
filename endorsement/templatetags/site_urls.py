"""``{% site_url 'name' %}``: the URL of a page that takes no argument (the layout's menu and
footer), reversed once per process rather than on every page: about thirty {% url %} on
every signed-in page. The same URL {% url %} gives (escaped), for the URLconf and the script
prefix of the request."""
from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escape

register = template.Library()


@lru_cache(maxsize=512)
def _url(name: str, prefix: str, urlconf) -> str:
    return escape(reverse(name, urlconf=urlconf))


@register.simple_tag
def site_url(name: str) -> str:
    return _url(name, get_script_prefix(), get_urlconf())
