from django.urls import path

from . import workspace_views as views

urlpatterns = [
    path(
        "assessments/<int:assessment_pk>/results/",
        views.workspace_results,
        name="workspace_results",
    ),
    path(
        "assessments/<int:assessment_pk>/perspectives/",
        views.workspace_perspectives,
        name="workspace_perspectives",
    ),
    path("knowledge-gaps/", views.workspace_gaps, name="workspace_gaps"),
    path("knowledge-gaps/new/", views.workspace_gap_create, name="workspace_gap_create"),
    path("knowledge-gaps/<int:pk>/edit/", views.workspace_gap_edit, name="workspace_gap_edit"),
    path(
        "knowledge-gaps/<int:pk>/delete/", views.workspace_gap_delete, name="workspace_gap_delete"
    ),
    path("challenges/", views.workspace_challenges, name="workspace_challenges"),
    path("challenges/new/", views.workspace_challenge_create, name="workspace_challenge_create"),
    path(
        "challenges/<int:pk>/edit/", views.workspace_challenge_edit, name="workspace_challenge_edit"
    ),
    path(
        "challenges/<int:pk>/delete/",
        views.workspace_challenge_delete,
        name="workspace_challenge_delete",
    ),
    path(
        "challenges/<int:pk>/move/", views.workspace_challenge_move, name="workspace_challenge_move"
    ),
]
