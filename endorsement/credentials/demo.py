"""Demo Endorsements® for `manage.py seed_demo`: the demo applicant already holds Level I
(entered by the coordinator, as for someone endorsed before this system) and is listed in the
public registry, so `make run` shows a certificate, verification and the registry. Idempotent."""
import datetime as dt

from django.utils import timezone

from endorsement.models import Role

from .models import Endorsement, Region
from .services import join_registry, record_endorsement


def seed(people) -> None:
    holder = people[Role.APPLICANT]
    if Endorsement.objects.filter(holder=holder).exists():
        return
    today = timezone.localdate()
    record_endorsement(holder=holder, program="IMH-E", category="I",
                       issued_on=dt.date(today.year - 1, 6, 15),
                       valid_through=dt.date(today.year, 12, 31),
                       rules_edition="massaimh-2015", actor=people[Role.COORDINATOR])
    join_registry(holder, region=Region.CENTRAL)
