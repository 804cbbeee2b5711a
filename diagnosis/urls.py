from .assessment_urls import urlpatterns as assessment_urlpatterns
from .workspace_urls import urlpatterns as workspace_urlpatterns

# Two lists so the questionnaire side and the owner's workspace can grow independently.
urlpatterns = assessment_urlpatterns + workspace_urlpatterns
