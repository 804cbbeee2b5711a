"""`/frameworks/`: the way in, to the pages of the caller's organisation(s)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.framework_list, name="framework_list"),
]
