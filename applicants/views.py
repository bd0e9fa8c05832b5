from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    return render(request, "applicants/home.html")


@login_required
def advised(request):
    return render(request, "applicants/home.html")
