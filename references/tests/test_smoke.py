from django.urls import reverse

from references.models import ReferenceRating

from .conftest import scores


def test_rater_journey(client, ask, application):
    ref, token = ask()
    url = reverse("references:link", args=[token])
    r = client.get(url)
    assert r.status_code == 200 and "Ana Lopez asks you to rate" in r.content.decode()
    r = client.post(url, {"action": "start"})
    assert r.status_code == 302
    r = client.get(r.url)
    assert r.status_code == 200
    data = scores(application)
    r = client.post(reverse("references:rate", args=[ref.pk]), {**data, "action": "submit"})
    assert r.status_code == 302, r.content.decode()[:3000]
    assert ReferenceRating.objects.get().is_final
