from django.urls import path

from . import views

urlpatterns = [
    path("", views.diagnosis_index, name="diagnosis_index"),
]
