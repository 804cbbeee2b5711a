"""The dimensions an action may develop: those of the framework of the organisation's current
round (`actions.selectors.action_dimensions` loads them), as plain data.

An action stores dimension *codes*, which stay the same across versions of a framework. The
dimensions offered are the scored ones (kinds ``feature`` and ``custom``) and any the framework
says need an accountable leader (``needs_owner``); the accountability matrix and the coherence
check work on the latter. The default framework keeps its six numbered feature names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Feature


@dataclass(frozen=True)
class DimensionOption:
    code: str
    name: str  # in the active language
    block: str = ""  # the name of its block, "" outside blocks
    needs_owner: bool = False


@dataclass(frozen=True)
class ActionDimensions:
    options: tuple[DimensionOption, ...]  # in framework order
    default_framework: bool = True  # the framework shipped with the product (its wording)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(option.code for option in self.options)

    @property
    def owned(self) -> tuple[str, ...]:
        """Codes of the dimensions a leader must be accountable for, in framework order."""
        return tuple(option.code for option in self.options if option.needs_owner)

    @property
    def names(self) -> dict[str, str]:
        """Code -> name for every dimension offered; the default framework's feature names for
        codes of an earlier framework an action may still carry."""
        return _feature_names() | {option.code: option.name for option in self.options}

    def choices(self, keep: Iterable[str] = ()) -> list:
        """Form choices, grouped by block where the framework has blocks; ``keep``: codes an
        action develops today that the framework no longer has (kept until unticked)."""
        out: list = []
        groups: dict[str, list[tuple[str, str]]] = {}
        for option in self.options:
            if option.block:
                if option.block not in groups:
                    groups[option.block] = []
                    out.append((option.block, groups[option.block]))
                groups[option.block].append((option.code, option.name))
            else:
                out.append((option.code, option.name))
        names, known = self.names, set(self.codes)
        earlier = [(code, names.get(code, code)) for code in keep if code not in known]
        if earlier:
            out.append((_("Of an earlier framework"), earlier))
        return out


def _feature_names() -> dict[str, str]:
    return {code: str(label) for code, label in Feature.choices}


def default_action_dimensions() -> ActionDimensions:
    """The default framework's six features, each needing an owner: used before any framework
    is stored."""
    return ActionDimensions(
        tuple(DimensionOption(code, str(name), needs_owner=True) for code, name in Feature.choices),
        default_framework=True,
    )
