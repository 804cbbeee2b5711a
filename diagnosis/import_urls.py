from django.urls import path

from . import views_import

urlpatterns = [
    path("assessments/import/", views_import.responses_import, name="responses_import"),
]
