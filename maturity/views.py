from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    # Frameworks are shared across the installation: not organisation data.
    return render(request, "maturity/framework_list.html")
