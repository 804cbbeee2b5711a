"""Action ideas the coherence page suggests for the weakest dimensions of the diagnosis.

Data, like the policy library: each idea carries the dimension codes it strengthens and the
quadrant and type of work it usually belongs to, which prefill the action form.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from maturity.models import translated
from policy.library import F1, F2, F3, F4, F5, F6


@dataclass(frozen=True)
class ActionIdea:
    code: str
    title_text: dict[str, str]
    description_text: dict[str, str]
    dimension_codes: tuple[str, ...]
    quadrant: str
    work_type: str

    @property
    def title(self) -> str:
        return translated(self.title_text)

    @property
    def description(self) -> str:
        return translated(self.description_text)

    def dimensions_in(self, codes: Iterable[str]) -> list[str]:
        """The idea's dimensions an action may develop (``codes``: those of the organisation's
        framework; for the default framework its six features)."""
        known = set(codes)
        return [code for code in self.dimension_codes if code in known]


def _idea(code, en_title, nl_title, en_text, nl_text, dimensions, quadrant, work_type):
    return ActionIdea(
        code,
        {"en": en_title, "nl": nl_title},
        {"en": en_text, "nl": nl_text},
        dimensions,
        quadrant,
        work_type,
    )


IDEAS: tuple[ActionIdea, ...] = (
    _idea(
        "agree-type-of-work",
        "Agree where better performance matters most",
        "Afspreken waar betere prestaties het meest tellen",
        "A session with the leadership team to agree whether known, complex or discovery work "
        "is the priority, and which performance gaps to tackle first.",
        "Een sessie met het leiderschapsteam om af te spreken of bekend, complex of ontdekkend "
        "werk voorrang krijgt, en welke prestatiekloven eerst aan de beurt zijn.",
        (F2, "obstacle-understanding"),
        "organisational_productive",
        "complex",
    ),
    _idea(
        "performance-gap-review",
        "Run a performance-gap review for one key result",
        "Een prestatiekloof-analyse doen voor één belangrijk resultaat",
        "Take one business result that lags, find what drives it and treat only the learning "
        "part with learning.",
        "Neem één achterblijvend bedrijfsresultaat, zoek uit wat het bepaalt en pak alleen het "
        "leerdeel aan met leren.",
        (F2, "cap-performance-consulting", "cap-measurement"),
        "organisational_productive",
        "known",
    ),
    _idea(
        "map-learning-in-the-work",
        "Map where people learn from, through and at work",
        "In kaart brengen waar mensen leren van, via en tijdens het werk",
        "In one department, list where learning already happens in the work and remove what "
        "gets in its way.",
        "Breng in één afdeling in kaart waar al in het werk geleerd wordt en neem weg wat dat "
        "in de weg staat.",
        (F1, "culture-initiative"),
        "individual_productive",
        "known",
    ),
    _idea(
        "communities-of-practice",
        "Start communities of practice around scarce capabilities",
        "Praktijkgemeenschappen starten rond schaarse capaciteiten",
        "Give two groups of practitioners time, a host and a place to share cases and solve "
        "problems together.",
        "Geef twee groepen vakmensen tijd, een gastheer en een plek om casussen te delen en "
        "samen problemen op te lossen.",
        (F1, F4, "cap-social-learning", "culture-collegiality"),
        "organisational_generative",
        "complex",
    ),
    _idea(
        "outside-in-sessions",
        "Hold regular outside-in sessions",
        "Regelmatig sessies van buiten naar binnen houden",
        "Invite customers, partners or people from other sectors every month to challenge how "
        "we work.",
        "Nodig elke maand klanten, partners of mensen uit andere sectoren uit om onze manier van "
        "werken uit te dagen.",
        (F3, "culture-openness", "culture-diversity"),
        "organisational_generative",
        "discovery",
    ),
    _idea(
        "exchanges-with-partners",
        "Exchange people with partner organisations",
        "Mensen uitwisselen met partnerorganisaties",
        "Short secondments or job swaps that bring new ideas and networks back into the "
        "organisation.",
        "Korte detacheringen of functieruil die nieuwe ideeën en netwerken de organisatie in "
        "brengen.",
        (F3, "cap-curation"),
        "individual_generative",
        "discovery",
    ),
    _idea(
        "decisions-close-to-the-work",
        "Move decisions to the teams closest to the work",
        "Beslissingen leggen bij de teams die het dichtst bij het werk staan",
        "Pick a set of decisions, hand them to teams with coaching, and review after a quarter.",
        "Kies een reeks beslissingen, leg ze met coaching bij de teams en evalueer na een "
        "kwartaal.",
        (F4, "culture-initiative"),
        "organisational_productive",
        "complex",
    ),
    _idea(
        "after-action-reviews",
        "Make short after-action reviews a habit",
        "Korte terugblikken na afloop een gewoonte maken",
        "Teams spend fifteen minutes after each project or incident on what happened, why, and "
        "what they will do differently.",
        "Teams besteden na elk project of incident een kwartier aan wat er gebeurde, waarom, en "
        "wat ze voortaan anders doen.",
        (F2, F6, "culture-transparency"),
        "organisational_productive",
        "known",
    ),
    _idea(
        "coach-leaders-to-listen",
        "Coach leaders in asking, listening and giving feedback",
        "Leidinggevenden coachen in vragen stellen, luisteren en feedback geven",
        "Help managers make it safe to speak up and to disagree, with peer coaching between "
        "sessions.",
        "Help leidinggevenden het veilig te maken om je uit te spreken en het oneens te zijn, "
        "met intervisie tussen de sessies.",
        (F5, "culture-openness"),
        "individual_productive",
        "complex",
    ),
    _idea(
        "learning-on-the-leadership-agenda",
        "Put learning on the leadership agenda every quarter",
        "Leren elk kwartaal op de agenda van het leiderschapsteam zetten",
        "The leadership team reviews progress on the six features and the actions they own.",
        "Het leiderschapsteam bespreekt de voortgang op de zes kenmerken en de acties waarvan "
        "het eigenaar is.",
        (F5, F6, "obstacle-mandate"),
        "organisational_productive",
        "known",
    ),
    _idea(
        "check-improvements-last",
        "Check twice a year whether improvements last",
        "Twee keer per jaar nagaan of verbeteringen beklijven",
        "Revisit earlier improvements and adjust those that have faded.",
        "Kijk opnieuw naar eerdere verbeteringen en stuur bij waar ze zijn weggezakt.",
        (F6, "cap-measurement"),
        "organisational_productive",
        "known",
    ),
    _idea(
        "streamline-standard-support",
        "Simplify and automate support for a standard process",
        "Ondersteuning van een standaardproces vereenvoudigen en automatiseren",
        "Where consistency is the goal, replace courses with checklists, job aids and automated "
        "onboarding to free time for new value.",
        "Vervang waar consistentie het doel is cursussen door checklists, werkinstructies en "
        "geautomatiseerde inwerkroutes, zodat er tijd vrijkomt voor nieuwe waarde.",
        (F6, "cap-digital-ecosystem"),
        "individual_productive",
        "known",
    ),
    _idea(
        "experiment-fund",
        "Set up a small fund for team experiments",
        "Een klein fonds voor experimenten van teams opzetten",
        "Teams apply with a question to test; they share what they learned, whatever the result.",
        "Teams dienen een vraag in om te testen; ze delen wat ze geleerd hebben, wat de uitkomst "
        "ook is.",
        (F3, F4, "culture-initiative"),
        "organisational_generative",
        "discovery",
    ),
    _idea(
        "curate-resources-at-the-moment-of-need",
        "Curate resources people can find when they need them",
        "Bronnen samenstellen die mensen vinden op het moment dat ze ze nodig hebben",
        "Gather the best existing material per core task and put it where the work happens.",
        "Verzamel per kerntaak het beste bestaande materiaal en zet het waar het werk gebeurt.",
        (F1, "cap-curation"),
        "individual_productive",
        "known",
    ),
)

_BY_CODE = {idea.code: idea for idea in IDEAS}


def action_idea(code: str | None) -> ActionIdea | None:
    return _BY_CODE.get(code or "")
