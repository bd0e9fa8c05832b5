"""The site's URLs plus two trivial views, for the bench only (BENCH=true sets ROOT_URLCONF
here; production never loads this module)."""
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path

from endorsement.urls import (  # noqa: F401 - the same error pages
    handler400,
    handler404,
    handler500,
)
from endorsement.urls import urlpatterns as site_urlpatterns


def trivial(request):
    """Django's floor: every middleware, no query of the view's own, no template."""
    return HttpResponse("ok")


TRIVIAL_PAGE = Template('{% extends "base.html" %}{% block content %}<h1>ok</h1>{% endblock %}')


def trivial_page(request):
    """The site's layout with nothing in it: what any signed-in page costs at least."""
    return HttpResponse(TRIVIAL_PAGE.render(RequestContext(request)))


urlpatterns = [
    path("__bench__/trivial/", trivial, name="bench_trivial"),
    path("__bench__/page/", trivial_page, name="bench_trivial_page"),
    *site_urlpatterns,
]
