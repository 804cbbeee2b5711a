from django.urls import path

from . import views

urlpatterns = [
    path("", views.policy_index, name="policy_index"),
    path("library/", views.policy_library, name="policy_library"),
    path("new/", views.policy_create, name="policy_create"),
    path("<int:pk>/", views.policy_detail, name="policy_detail"),
    path("<int:pk>/edit/", views.policy_edit, name="policy_edit"),
    path("<int:pk>/agree/", views.policy_agree, name="policy_agree"),
    path("<int:pk>/retire/", views.policy_retire, name="policy_retire"),
    path("<int:pk>/restore/", views.policy_restore, name="policy_restore"),
    path("<int:pk>/move/<str:direction>/", views.policy_move, name="policy_move"),
]
