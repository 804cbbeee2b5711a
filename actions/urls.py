from django.urls import path

from . import views, views_lists, views_overview, views_triage

urlpatterns = [
    path("", views.actions_index, name="actions_index"),
    path("vision/", views.vision_edit, name="vision_edit"),
    path("list/", views.action_list, name="action_list"),
    path("new/", views.action_create, name="action_create"),
    path("mine/", views.my_actions, name="my_actions"),
    path("<int:pk>/", views.action_detail, name="action_detail"),
    path("<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("<int:pk>/progress/", views.action_progress, name="action_progress"),
    path("roadmap/", views_overview.roadmap, name="roadmap"),
    path("accountability/", views_overview.accountability_matrix, name="accountability_matrix"),
    path("coherence/", views_overview.coherence_check, name="coherence_check"),
    path("gaps/", views_triage.gap_list, name="gap_list"),
    path("gaps/new/", views_triage.gap_create, name="gap_create"),
    path("gaps/<int:pk>/", views_triage.gap_detail, name="gap_detail"),
    path("gaps/<int:pk>/outcome/", views_triage.gap_outcome, name="gap_outcome"),
    path("gaps/<int:pk>/drivers/", views_triage.gap_drivers, name="gap_drivers"),
    path("gaps/<int:pk>/cause/", views_triage.gap_cause, name="gap_cause"),
    path("gaps/<int:pk>/recommend/", views_triage.gap_recommend, name="gap_recommend"),
    path("learning/", views_lists.opportunity_list, name="opportunity_list"),
    path("learning/new/", views_lists.opportunity_create, name="opportunity_create"),
    path("learning/<int:pk>/edit/", views_lists.opportunity_edit, name="opportunity_edit"),
    path("learning/<int:pk>/delete/", views_lists.opportunity_delete, name="opportunity_delete"),
    path("processes/", views_lists.process_list, name="process_list"),
    path("processes/new/", views_lists.process_create, name="process_create"),
    path("processes/<int:pk>/edit/", views_lists.process_edit, name="process_edit"),
    path("processes/<int:pk>/delete/", views_lists.process_delete, name="process_delete"),
]
