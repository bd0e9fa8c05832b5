"""Single-form sections: about you, agreements, membership and fee."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from ..choices import AGREEMENTS_VERSION
from ..forms import MembershipForm, ProfileForm, SignatureForm
from ..models import AgreementSignature, ApplicantProfile
from ..services import dossier, sign, touch
from .access import editable_view


def _saved(request, application, section, text="Saved."):
    touch(application, section)
    messages.success(request, text)
    return redirect("applicants:application", pk=application.pk)


@editable_view
def profile(request, application):
    instance, _ = ApplicantProfile.objects.get_or_create(
        user=application.applicant,
        defaults={"full_name": application.applicant.get_full_name()})
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        return _saved(request, application, "profile", "Your details were saved.")
    return render(request, "applicants/profile.html", {"application": application,
                                                       "form": form})


DOCUMENTS = AgreementSignature.Document


@editable_view
def agreements(request, application):
    d = dossier(application)
    expected = d.profile.full_name if d.profile else ""
    forms = {doc: SignatureForm(request.POST if request.POST.get("document") == doc else None,
                                prefix=doc, expected_name=expected)
             for doc in DOCUMENTS.values}
    if request.method == "POST":
        document = request.POST.get("document")
        form = forms.get(document)
        if form is not None and form.is_valid():
            sign(application, document, form.cleaned_data["typed_name"])
            touch(application, "agreements")
            messages.success(request, f"You signed the {DOCUMENTS(document).label}.")
            return redirect("applicants:agreements", pk=application.pk)
    documents = [{
        "id": doc, "label": DOCUMENTS(doc).label, "form": forms[doc],
        "text": render_to_string(f"applicants/agreements/{doc}.txt",
                                 {"version": AGREEMENTS_VERSION}),
        "signature": d.signatures.get(doc),
        "current": d.signed(doc),
    } for doc in DOCUMENTS.values]
    return render(request, "applicants/agreements.html", {
        "application": application, "documents": documents, "version": AGREEMENTS_VERSION,
        "expected_name": expected})


@editable_view
def membership(request, application):
    form = MembershipForm(request.POST or None, initial={
        "membership_number": application.membership_number,
        "membership_expires": application.membership_expires})
    if request.method == "POST" and form.is_valid():
        application.membership_number = form.cleaned_data["membership_number"]
        application.membership_expires = form.cleaned_data["membership_expires"]
        application.save(update_fields=["membership_number", "membership_expires",
                                        "updated_at"])
        return _saved(request, application, "membership", "Your membership was saved.")
    return render(request, "applicants/membership.html", {
        "application": application, "form": form,
        "requirement": dossier(application).requirement("membership")})
