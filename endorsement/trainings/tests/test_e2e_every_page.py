"""Every training calendar page, at 1280 and at 360 px, for the public, an attendee and a
coordinator: axe finds nothing serious and nothing is wider than a phone."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.tests.test_e2e_every_page import both_widths
from endorsement.testing.browser import sign_in
from endorsement.testing.factories import UserFactory

from .. import services
from ..models import Signup, Training
from .helpers import make_training, partner_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_every_training_page(page, live_server, coordinator):
    trainer = partner_user()
    partner = trainer.training_partners.get()
    ahead = make_training(partner, title="Attachment and early relationships", about_rsc=True,
                          competency_areas=["reflection", "thinking"], capacity=1,
                          description="A long day.\nBring lunch.")
    held = make_training(partner, title="Reflective practice")
    attendee, waiting = UserFactory(first_name="Ana"), UserFactory(first_name="Wes")
    services.sign_up(ahead.pk, attendee)
    services.sign_up(ahead.pk, waiting)
    Signup.objects.create(training=held, user=attendee)
    Training.objects.filter(pk=held.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() + dt.timedelta(hours=2))
    services.take_roll(held.pk, [attendee.pk], actor=trainer)
    local = timezone.localtime(ahead.starts_at)
    public = {"trainings:calendar": [], "trainings:month": [local.year, local.month],
              "trainings:detail": [ahead.pk]}
    for name, args in public.items():
        both_widths(page, live_server.url + reverse(name, args=args), f"{name} (public)")

    sign_in(page, live_server, waiting)
    both_widths(page, live_server.url + reverse("trainings:detail", args=[ahead.pk]),
                "waiting list")
    page.context.clear_cookies()
    sign_in(page, live_server, attendee)
    for name, args in {"trainings:mine": [], "trainings:detail": [held.pk]}.items():
        both_widths(page, live_server.url + reverse(name, args=args), name)

    page.context.clear_cookies()
    sign_in(page, live_server, coordinator)
    staff = {"trainings:manage": [], "trainings:add": [], "trainings:edit": [ahead.pk],
             "trainings:roster": [ahead.pk], "trainings:roll": [held.pk],
             "trainings:partners": [], "trainings:calendar": []}
    for name, args in staff.items():
        both_widths(page, live_server.url + reverse(name, args=args), name)
    # The coordinator's bar stays on one line at 1280 px with the Trainings link.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + reverse("trainings:calendar"))
    assert page.evaluate("document.querySelector('nav.navbar').offsetHeight") < 80
