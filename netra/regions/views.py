from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import regions_visible_to


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    regions = regions_visible_to(request.user).annotate(unit_count=Count("units"))
    return render(request, "regions/region_list.html", {"regions": regions})
