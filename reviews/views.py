from django.shortcuts import render

from endorsement.access import permission_required_404


@permission_required_404("reviews.view_queue")
def queue(request):
    return render(request, "reviews/queue.html")


@permission_required_404("reviews.view_assigned")
def assigned(request):
    return render(request, "reviews/assigned.html")
