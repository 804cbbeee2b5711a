"""Demo snapshots: built synchronously so the dashboard is populated right after `make run`."""

from organisations.demo import DEMO_ORGANISATIONS
from organisations.models import Organisation

from .services import snapshot_build
from .versioning import bump_data_version


def seed_demo() -> None:
    for organisation in Organisation.objects.filter(slug__in=list(DEMO_ORGANISATIONS)):
        if not hasattr(organisation, "data_version"):
            bump_data_version(organisation.pk)  # an organisation without changes yet
        snapshot_build(organisation)  # does nothing when its snapshot is current
