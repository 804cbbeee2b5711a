from django.urls import path

from . import views

urlpatterns = [
    path("", views.framework_list, name="framework_list"),
    path("upload/", views.framework_upload, name="framework_upload"),
    path("<slug:code>/v<int:version>/", views.framework_detail, name="framework_detail"),
    path(
        "<slug:code>/v<int:version>/download/",
        views.framework_download,
        name="framework_download",
    ),
]
