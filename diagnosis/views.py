from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organisations.access import OrganisationAccess, organisation_view


@organisation_view(methods=["GET"])
def diagnosis_index(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return render(request, "diagnosis/index.html")
