from django.urls import path

from . import views

urlpatterns = [
    path("", views.actions_index, name="actions_index"),
]
