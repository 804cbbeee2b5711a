"""Read-only overviews of the strategy: roadmap, accountability matrix and coherence check."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organisations.access import Action as Permission
from organisations.access import OrganisationAccess, organisation_view
from policy.library import library_entry

from . import coherence
from .diagnosis_inputs import DiagnosisInputs, diagnosis_inputs
from .ideas import action_idea
from .roadmap import GROUPINGS, dated, roadmap_figure, undated
from .selectors import idea_sources, library_sources, load_strategy
from .strategy import QUADRANTS, accountability


@organisation_view(methods=["GET"])
def roadmap(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    group_by = request.GET.get("group")
    group_by = group_by if group_by in GROUPINGS else "owner"
    strategy = load_strategy(access.organisation, inputs=DiagnosisInputs())
    context = {
        "figure": roadmap_figure(strategy.actions, group_by=group_by, today=strategy.today),
        "group_by": group_by,
        "n_dated": len(dated(strategy.actions)),
        "undated": undated(strategy.actions),
    }
    return render(request, "actions/roadmap.html", context)


@organisation_view(methods=["GET"])
def accountability_matrix(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    # A column per dimension that needs an owner, named as the framework names it (the default
    # framework: its six short feature labels); the diagnosis is not needed here.
    strategy = load_strategy(access.organisation, inputs=DiagnosisInputs())
    owned = strategy.owned_dimensions
    rows = accountability(strategy)
    totals = [sum(row.counts[index] for row in rows) for index in range(len(owned))]
    context = {
        "dimensions": [(code, strategy.dimension_names.get(code, code)) for code in owned],
        "rows": rows,
        "totals": totals,
        "uncovered": [
            strategy.dimension_names.get(code, code)
            for code, total in zip(owned, totals, strict=True)
            if not total
        ],
        "default_framework": strategy.default_framework,
        "n_columns": len(owned) + 2,
    }
    return render(request, "actions/accountability.html", context)


@organisation_view(methods=["GET"])
def coherence_check(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    inputs = diagnosis_inputs(access.organisation)
    strategy = load_strategy(access.organisation, inputs=inputs)
    report = coherence.evaluate(strategy, library_sources(), idea_sources())
    balance = report.balance
    quadrant_rows = [
        {
            "code": code,
            "label": coherence.quadrant_label(code),
            "days": balance.planned_days[code],
            "planned": balance.planned[code] if balance.planned else None,
            "desired": balance.desired[code] if balance.desired else None,
        }
        for code in QUADRANTS
    ]
    suggestions = [
        {
            "suggestion": suggestion,
            "policies": [library_entry(source.code) for source in suggestion.policies],
            "ideas": [action_idea(source.code) for source in suggestion.ideas],
        }
        for suggestion in report.suggestions
    ]
    context = {
        "strategy": strategy,
        "diagnosis": inputs,
        "report": report,
        "quadrant_rows": quadrant_rows,
        "horizon_rows": [
            (code, coherence.horizon_label(code), count) for code, count in report.horizons.items()
        ],
        "dimension_rows": [
            (strategy.dimension_names.get(code, code), leaders)
            for code, leaders in report.dimension_leaders.items()
        ],
        "default_framework": strategy.default_framework,
        "suggestions": suggestions,
        "lost": 100 - report.score,
        "can_edit": access.can(Permission.EDIT_STRATEGY),
    }
    return render(request, "actions/coherence.html", context)
