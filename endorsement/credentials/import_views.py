"""The coordinator's import page: upload, dry run row by row, import, progress."""
from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from endorsement.access import permission_required_404

from . import imports, tasks
from .models import ImportRun

PERM = "credentials.manage_endorsements"
PER_PAGE = 50


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file from the old system"),
                           help_text=gettext_lazy("Checked first: nothing is imported until "
                                                  "you see every row and confirm."))


@permission_required_404(PERM)
def import_page(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = imports.check_upload(form.cleaned_data["file"], actor=request.user)
        return redirect("credentials:import_run", pk=run.pk)
    page = Paginator(ImportRun.objects.select_related("created_by").defer("report"),
                     20).get_page(request.GET.get("page"))
    return render(request, "credentials/import.html", {"form": form, "page": page})


@permission_required_404(PERM)
def import_run(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    rows = run.report.get("rows", [])
    show = request.GET.get("show", "")
    if show in ("create", "update", "refuse"):
        rows = [r for r in rows if r["action"] == show]
    done, total = imports.read_progress(run)
    context = {"run": run, "page": Paginator(rows, PER_PAGE).get_page(request.GET.get("page")),
               "counts": run.report.get("counts", {}), "file_error":
               run.report.get("file_error", ""), "show": show, "done": done, "total": total}
    if request.htmx and request.GET.get("progress"):
        return render(request, "credentials/_import_progress.html", context)
    return render(request, "credentials/import_run.html", context)


@require_POST
@permission_required_404(PERM)
def import_confirm(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    if run.state != ImportRun.State.CHECKED or run.refused:
        messages.error(request, _("This file cannot be imported (it was imported already, or "
                                  "some rows are refused: correct the file and upload it "
                                  "again)."))
        return redirect("credentials:import_run", pk=pk)
    transaction.on_commit(lambda: tasks.import_endorsees.delay(run.pk, request.user.pk))
    messages.success(request, _("The import has started."))
    return redirect("credentials:import_run", pk=pk)
