"""Every applicant page and every rater page, at 1280 and at 360 px: axe finds nothing serious
and nothing is wider than a phone (issue 11, item 9)."""
import pytest
from django.urls import reverse

from applicants.tests.factories import ApplicationFactory, complete
from endorsement.testing.browser import assert_accessible, sign_in
from references import services
from references.tests.conftest import token_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def both_widths(page, url, name):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url)
    assert_accessible(page, name)
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{name} at 360 px"
    assert_accessible(page, f"{name} at 360 px")


def test_every_applicant_and_rater_page(page, live_server, applicant):
    application = complete(ApplicationFactory(applicant=applicant, category="IV-C"))
    ref = services.request_reference(
        application, applicant, rater_name="María José O'Neill-García",
        rater_email="mj@example.org", role="supervisor", known_for="3 years",
        waiver_name="Ana Lopez")
    series = "c" * 32
    application.rsc.update(series=series)
    pk = application.pk
    names = {
        "applicants:home": [], "applicants:finder": [], "applicants:application": [pk],
        "applicants:profile": [pk], "applicants:agreements": [pk],
        "applicants:membership": [pk], "applicants:review": [pk], "applicants:submitted": [pk],
        "applicants:rsc_series": [pk], "applicants:rsc_series_change": [pk, series],
        "references:section": [pk], "references:correct": [pk, ref.pk],
        "references:replace": [pk, ref.pk],
    }
    for slug, rows in (("degrees", application.degrees), ("training", application.training),
                       ("work", application.work), ("rsc", application.rsc),
                       ("leadership", application.leadership)):
        names[f"applicants:{slug}"] = [pk]
        names[f"applicants:{slug}_add"] = [pk]
        names[f"applicants:{slug}_edit"] = [pk, rows.first().pk]
        names[f"applicants:{slug}_delete"] = [pk, rows.first().pk]
    sign_in(page, live_server, applicant)
    for name, args in names.items():
        both_widths(page, live_server.url + reverse(name, args=args), name)

    # The rater: the emailed link, the rating, declining, the pages after.
    rater = page.context.browser.new_context().new_page()
    link = live_server.url + reverse("references:link", args=[token_for("mj@example.org")])
    both_widths(rater, link, "rater link")
    rater.get_by_role("button", name="Start the rating").click()
    both_widths(rater, rater.url, "rating page")
    both_widths(rater, live_server.url + reverse("references:decline", args=[ref.pk]),
                "decline page")
    both_widths(rater, live_server.url + reverse("references:done"), "thanks page")
    rater.context.close()
