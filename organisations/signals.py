"""Signals other apps may send about an organisation's data.

`organisation_data_changed` is for bulk operations (``bulk_create``, ``bulk_update``,
``QuerySet.update``/``delete``) that Django's ``post_save``/``post_delete`` signals do not
report. Send it once, inside the transaction that made the change::

    organisation_data_changed.send(sender=Answer, organisation_id=organisation.pk)

Whoever keeps derived data current (the `reports` app) listens; the sender needs to know
nothing about it.
"""

from django.dispatch import Signal

organisation_data_changed = Signal()  # kwargs: organisation_id
