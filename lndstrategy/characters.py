"""Which characters user text may not hold: plain Python, so parsers without Django (the
framework-file reader) apply the same rule as the forms (`lndstrategy.text`)."""

import re

# C0 controls except tab, newline and carriage return; DEL; the C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
