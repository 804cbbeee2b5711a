"""Signals other apps may listen to; the diagnosis stage does not know who listens.

`answers_changed(organisation_id, assessment_id)` is sent inside the transaction that changed a
respondent's answers (autosave, clearing an answer, submitting), so a listener can bump the
organisation's data version atomically. Answers are stored with upserts, which send no
`post_save`, so this signal is the hook.
"""

from django.dispatch import Signal

answers_changed = Signal()
