"""Framework pages: installation-wide, so any logged-in user may read them; uploading is for staff
and for owners and consultants of any organisation (the `outsider` owns another organisation)."""

from maturity.services import default_framework_version
from tests.access import Case, World, logged_in


def default_version(world: World) -> dict:
    version = default_framework_version()
    return {"code": version.framework.code, "version": version.version}


CASES: dict[str, Case] = {
    "framework_list": logged_in(),
    "framework_detail": logged_in(kwargs=default_version),
    "framework_download": logged_in(kwargs=default_version),
    "framework_upload": Case(
        {
            "anonymous": 302,
            "owner": 200,
            "consultant": 200,
            "leader": 403,
            "viewer": 403,
            "outsider": 200,
        }
    ),
}
