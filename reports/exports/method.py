"""The PDF's method section, written from what the round's framework contains
(`maturity.outline`): its scales and their end words, "don't know", reverse-worded statements,
weights, blocks, norms and the kinds of question it asks. The default framework's words ("the
six features", "the four learning quadrants") are used for it alone.

Call inside ``translation.override(language)``; every sentence is a translatable string.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maturity.models import translated

from ..chart_base import point_text


def _scale_sentence(scale: dict[str, Any], language: str) -> str:
    sentence = _(
        "Statements were answered on the scale “%(name)s”: %(n)s points, from %(low_value)s "
        "(“%(low)s”) to %(high_value)s (“%(high)s”)."
    ) % {
        "name": translated(scale["name"], language) or scale["code"],
        "n": scale["n_points"],
        "low_value": point_text(scale["minimum"]),
        "low": translated(scale["low"], language),
        "high_value": point_text(scale["maximum"]),
        "high": translated(scale["high"], language),
    }
    missing = [translated(label, language) for label in scale["missing"]]
    if missing:
        sentence += " " + ngettext(
            "The answer “%(answers)s” is offered but not scored.",
            "The answers “%(answers)s” are offered but not scored.",
            len(missing),
        ) % {"answers": "”, “".join(missing)}
    return sentence


def _answering(outline: dict[str, Any], language: str) -> str:
    sentences = [_scale_sentence(scale, language) for scale in outline["scales"]]
    if outline["dont_know"]:
        sentences.append(_("Respondents could answer “don't know”; such an answer is not scored."))
    if outline["reverse"]:
        sentences.append(
            _(
                "Statements worded in reverse are turned around first (lowest point + highest "
                "point − answer), so a higher number always means more maturity."
            )
        )
    return " ".join(sentences)


def _scoring(outline: dict[str, Any]) -> str:
    if outline["item_weights"]:
        first = _(
            "A respondent's score on a dimension is the weighted average of the statements they "
            "answered (each statement counts with the weight the framework gives it), counted "
            "when they answered at least half of them; the organisation's score is the average "
            "over respondents."
        )
    else:
        first = _(
            "A respondent's score on a dimension is the average of the statements they "
            "answered, counted when they answered at least half of them; the organisation's "
            "score is the average over respondents."
        )
    second = _(
        "Each score maps to 0–100 as (score − lowest point) / (highest point − lowest point) × "
        "100, and to one of five maturity levels in bands of equal width."
    )
    return f"{first} {second}"


def _overall(outline: dict[str, Any]) -> str:
    n = outline["n_maturity"]
    if outline["default"]:
        sentence = _(
            "Overall maturity is the average of the six features of a learning organisation."
        )
    elif outline["dimension_weights"]:
        sentence = ngettext(
            "Overall maturity is the weighted average of the framework's %(n)s dimension, with "
            "the weight the framework gives it.",
            "Overall maturity is the weighted average of the framework's %(n)s dimensions, with "
            "the weights the framework gives them.",
            n,
        ) % {"n": n}
    else:
        sentence = ngettext(
            "Overall maturity is the average of the framework's %(n)s dimension.",
            "Overall maturity is the average of the framework's %(n)s dimensions.",
            n,
        ) % {"n": n}
    ranges = {(scale["minimum"], scale["maximum"]) for scale in outline["scales"]}
    if len(ranges) > 1:
        sentence += " " + _(
            "As the dimensions are answered on different scales, it is given on 0–100 only."
        )
    blocks = outline["n_blocks"]
    if blocks:
        sentence += " " + ngettext(
            "The dimensions are grouped into %(n)s block, scored as the plain average of its "
            "dimensions on 0–100.",
            "The dimensions are grouped into %(n)s blocks, each scored as the plain average of "
            "its dimensions on 0–100.",
            blocks,
        ) % {"n": blocks}
    return sentence


def _other_questions(outline: dict[str, Any]) -> str:
    kinds = set(outline["kinds"])
    sentences = []
    if {"capability", "culture"} <= kinds:
        sentences.append(
            _(
                "Capabilities and culture are rated twice, now and wanted; their gap is the "
                "difference."
            )
        )
    elif "capability" in kinds:
        sentences.append(
            _("Capabilities are rated twice, now and wanted; the gap is the difference.")
        )
    elif "culture" in kinds:
        sentences.append(_("Culture is rated twice, now and wanted; the gap is the difference."))
    if "quadrant" in kinds:
        if outline["default"]:
            sentences.append(
                _(
                    "Each respondent split 100 points of L&D effort over the four learning "
                    "quadrants, today and desired."
                )
            )
        else:
            sentences.append(
                ngettext(
                    "Each respondent split 100 points of effort over %(n)s option, today and "
                    "desired.",
                    "Each respondent split 100 points of effort over %(n)s options, today and "
                    "desired.",
                    outline["n_quadrants"],
                )
                % {"n": outline["n_quadrants"]}
            )
    return " ".join(sentences)


def _norms(sources: list[str]) -> str:
    if not sources:
        return ""
    return ngettext(
        "Norms are shown as their source published them (median and quartiles per dimension): "
        "%(sources)s.",
        "Norms are shown as their sources published them (median and quartiles per dimension): "
        "%(sources)s.",
        len(sources),
    ) % {"sources": "; ".join(sources)}


def method_paragraphs(scores: dict[str, Any], language: str) -> list[str]:
    """The paragraphs that say how the round's numbers were made; none without a framework
    outline (no round yet, or a snapshot built before outlines existed)."""
    outline = scores.get("framework")
    if not outline:
        return []
    sources = scores.get("labels", {}).get(language, {}).get("norms") or []
    paragraphs = [
        _answering(outline, language),
        _scoring(outline),
        _overall(outline),
        _other_questions(outline),
        _norms(sources),
    ]
    return [paragraph for paragraph in paragraphs if paragraph]
