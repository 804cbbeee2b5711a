from django.urls import path

from . import views
from . import views_questionnaire as questionnaire

urlpatterns = [
    path("", views.diagnosis_index, name="diagnosis_index"),
    # The owner's side.
    path("assessments/new/", views.assessment_create, name="assessment_create"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/edit/", views.assessment_edit, name="assessment_edit"),
    path("assessments/<int:pk>/status/", views.assessment_status, name="assessment_status"),
    path("assessments/<int:pk>/remind/", views.assessment_remind, name="assessment_remind"),
    path(
        "assessments/<int:pk>/respondents/invite/",
        views.respondent_invite,
        name="respondent_invite",
    ),
    path(
        "assessments/<int:pk>/respondents/people/",
        views.respondent_add_person,
        name="respondent_add_person",
    ),
    path(
        "assessments/<int:pk>/respondents/<int:respondent_pk>/revoke/",
        views.respondent_revoke,
        name="respondent_revoke",
    ),
    path(
        "assessments/<int:pk>/respondents/<int:respondent_pk>/resend/",
        views.respondent_resend,
        name="respondent_resend",
    ),
    # The questionnaire for members, answering as themselves.
    path(
        "assessments/<int:pk>/answer/",
        questionnaire.member_start,
        name="questionnaire_member_start",
    ),
    path(
        "assessments/<int:pk>/answer/begin/",
        questionnaire.member_begin,
        name="questionnaire_member_begin",
    ),
    path(
        "assessments/<int:pk>/answer/<int:number>/",
        questionnaire.member_section,
        name="questionnaire_member_section",
    ),
    path(
        "assessments/<int:pk>/answer/save/",
        questionnaire.member_save,
        name="questionnaire_member_save",
    ),
    path(
        "assessments/<int:pk>/answer/review/",
        questionnaire.member_review,
        name="questionnaire_member_review",
    ),
    path(
        "assessments/<int:pk>/answer/submit/",
        questionnaire.member_submit,
        name="questionnaire_member_submit",
    ),
    # The questionnaire for invited people, by personal link.
    path("respond/<str:token>/", questionnaire.link_start, name="questionnaire_link_start"),
    path(
        "respond/<str:token>/<int:number>/",
        questionnaire.link_section,
        name="questionnaire_link_section",
    ),
    path("respond/<str:token>/save/", questionnaire.link_save, name="questionnaire_link_save"),
    path(
        "respond/<str:token>/review/", questionnaire.link_review, name="questionnaire_link_review"
    ),
    path(
        "respond/<str:token>/submit/", questionnaire.link_submit, name="questionnaire_link_submit"
    ),
]
