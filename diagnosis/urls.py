from .assessment_urls import urlpatterns as assessment_urlpatterns
from .import_urls import urlpatterns as import_urlpatterns
from .workspace_urls import urlpatterns as workspace_urlpatterns

# Separate lists so the questionnaire side, the owner's workspace and the import of responses
# can grow independently.
urlpatterns = assessment_urlpatterns + workspace_urlpatterns + import_urlpatterns
