"""The upload storage full or read-only: a clear message, the answers kept, nothing half-saved."""
import errno

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applicants.models import Degree, PendingUpload
from applicants.tests.factories import PDF

pytestmark = pytest.mark.django_db


class FullStorage(FileSystemStorage):
    """A disk with no space left (what the operating system answers)."""

    error = errno.ENOSPC

    def _save(self, name, content):
        raise OSError(self.error, "No space left on device")


class ReadOnlyStorage(FullStorage):
    error = errno.EROFS


DEGREE = {"type": "bachelor", "name": "BSW", "institution": "Salem State University",
          "awarded": "2015-05-20", "related_field": "on"}


@pytest.mark.parametrize("storage", [FullStorage, ReadOnlyStorage])
def test_an_upload_that_cannot_be_stored_saves_nothing_and_says_so(client, draft, settings,
                                                                   storage):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": f"{storage.__module__}.{storage.__name__}"}}
    client.force_login(draft.applicant)
    response = client.post(reverse("applicants:degrees_add", kwargs={"pk": draft.pk}), {
        **DEGREE, "transcript": SimpleUploadedFile("t.pdf", PDF, "application/pdf")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "could not store your file just now, so nothing was saved" in html
    assert 'value="Salem State University"' in html, "the answers are kept"
    assert not Degree.objects.filter(application=draft).exists()
    assert not PendingUpload.objects.exists()
    draft.refresh_from_db()
    assert draft.last_section == "", "not even the section's 'last edited' mark"
