"""Single-form sections: about you, agreements, membership and fee."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from endorsement.credentials.models import Membership
from endorsement.credentials.services import record_membership

from ..choices import AGREEMENTS_VERSION
from ..forms import MembershipForm, ProfileForm, SignatureForm
from ..models import AgreementSignature, ApplicantProfile
from ..services import dossier, dossier_with_panels, save_profile, sign, touch
from .access import editable_view


def _saved(request, application, section, text):
    touch(application, section)
    messages.success(request, text)
    return redirect("applicants:application", pk=application.pk)


@editable_view
def profile(request, application):
    instance, _created = ApplicantProfile.objects.get_or_create(
        user=application.applicant,
        defaults={"full_name": application.applicant.get_full_name()})
    form = ProfileForm(request.POST or None, instance=instance)
    partial = request.POST.get("action") == "later"
    if partial:  # "Save and finish later": empty answers wait, wrong ones are still refused
        for field in form.fields.values():
            field.required = False
    if request.method == "POST" and form.is_valid():
        save_profile(form, application, partial=partial)
        if partial:
            messages.success(request, _("Saved. The questions still empty are waiting for "
                                        "you; come back to “About you” to finish."))
        else:
            messages.success(request, _("Your details were saved."))
        return redirect("applicants:application", pk=application.pk)
    return render(request, "applicants/profile.html", {"application": application,
                                                       "form": form})


DOCUMENTS = AgreementSignature.Document
SIGNED = {DOCUMENTS.CODE_OF_ETHICS: gettext_lazy("You signed the Code of Ethics."),
          DOCUMENTS.AGREEMENT: gettext_lazy("You signed the Endorsement® Agreement.")}
# Whole phrases per document (a translation cannot fit a document's name into one phrase).
DOCUMENT_WORDS = {
    DOCUMENTS.CODE_OF_ETHICS: {
        "sign_label": gettext_lazy("Sign the Code of Ethics"),
        "text_label": gettext_lazy("Text of the Code of Ethics"),
        "translation_label": gettext_lazy("Translation of the Code of Ethics, for reference"),
    },
    DOCUMENTS.AGREEMENT: {
        "sign_label": gettext_lazy("Sign the Endorsement® Agreement"),
        "text_label": gettext_lazy("Text of the Endorsement® Agreement"),
        "translation_label": gettext_lazy("Translation of the Endorsement® Agreement, for "
                                          "reference"),
    },
}


def agreement_text(document: str, language: str) -> str:
    """The text of ``document`` (version AGREEMENTS_VERSION) in ``language``."""
    with translation.override(language):
        return render_to_string(f"applicants/agreements/{document}.txt",
                                {"version": AGREEMENTS_VERSION})


def agreement_translation(document: str) -> str:
    """What a reader of another language sees beside the English text, or "" in English.

    The English text is the one signed (a signature records AGREEMENTS_VERSION of the English
    text, the same for everyone); a translation only helps the reader understand it."""
    language = translation.get_language() or "en"
    if language.split("-")[0] == "en":
        return ""
    translated = agreement_text(document, language)
    return "" if translated == agreement_text(document, "en") else translated


@editable_view
def agreements(request, application):
    d = dossier(application)
    expected = d.profile.full_name if d.profile else ""
    # One form holds every signature: the one signed is checked, what was typed in the
    # others is kept as it was (an error on one never loses the rest).
    forms = {doc: SignatureForm(request.POST if request.POST.get("document") == doc else None,
                                prefix=doc, expected_name=expected,
                                initial={"typed_name": request.POST.get(f"{doc}-typed_name")})
             for doc in DOCUMENTS.values}
    if request.method == "POST":
        document = request.POST.get("document")
        form = forms.get(document)
        if form is not None and form.is_valid():
            sign(application, document, form.cleaned_data["typed_name"])
            touch(application, "agreements")
            messages.success(request, SIGNED[document])
            return redirect("applicants:agreements", pk=application.pk)
    documents = [{
        "id": doc, "label": DOCUMENTS(doc).label, "form": forms[doc],
        "text": agreement_text(doc, "en"), "translation": agreement_translation(doc),
        "signature": d.signatures.get(doc),
        "current": d.signed(doc),
        **DOCUMENT_WORDS[doc],
    } for doc in DOCUMENTS.values]
    return render(request, "applicants/agreements.html", {
        "application": application, "documents": documents, "version": AGREEMENTS_VERSION,
        "expected_name": expected, "failed": forms.get(request.POST.get("document"))})


@editable_view
def membership(request, application):
    # The membership belongs to the person: start from theirs (imported or recorded by the
    # coordinator) when this application has none yet.
    person = Membership.objects.filter(person_id=application.applicant_id).first()
    form = MembershipForm(request.POST or None, initial={
        "membership_number": application.membership_number or (person and person.number),
        "membership_expires": application.membership_expires or (person
                                                                 and person.valid_through)})
    if request.method == "POST" and form.is_valid():
        application.membership_number = form.cleaned_data["membership_number"]
        application.membership_expires = form.cleaned_data["membership_expires"]
        record_membership(application.applicant, number=application.membership_number,
                          valid_through=application.membership_expires, actor=request.user)
        application.save(update_fields=["membership_number", "membership_expires",
                                        "updated_at"])
        return _saved(request, application, "membership", _("Your membership was saved."))
    return render(request, "applicants/membership.html", {
        "application": application, "form": form,
        # read with the fee panel's rows (the page shows it)
        "requirement": dossier_with_panels(application).requirement("membership")})
