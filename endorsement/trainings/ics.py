"""The iCalendar files (RFC 5545), written with the icalendar library: the calendar feed and
one "add to my calendar" file per training."""
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vText


def _event(training, request) -> Event:
    event = Event()
    host = request.get_host().split(":")[0] if request is not None else "endorsement"
    event.add("uid", f"training-{training.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(training.starts_at))
    event.add("dtend", timezone.localtime(training.ends_at))
    event.add("summary", training.title)
    url = settings.SITE_URL + reverse("trainings:detail", args=[training.pk])
    event.add("url", url)
    description = [training.partner.name, training.get_format_display(),
                   training.get_region_display()]
    if training.description:
        description.append(training.description)
    description.append(url)
    event.add("description", "\n".join(str(x) for x in description))
    if training.place:
        event.add("location", vText(training.place))
    event.add("organizer", vText(training.partner.name), parameters={"CN": training.partner.name})
    event.add("last-modified", training.updated_at)
    return event


def calendar_for(trainings, request=None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.ASSOCIATION_SHORT_NAME}//Training calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{settings.ASSOCIATION_SHORT_NAME} trainings")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for training in trainings:
        calendar.add_component(_event(training, request))
    calendar.add_missing_timezones()
    return calendar.to_ical()
