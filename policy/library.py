"""The library of starting policy statements, written from the source articles.

Kept as data, not database rows: teams adopt an entry as is, adapt it, or write their own,
and an adopted policy records the entry's `code` so the library can change without touching
what a team agreed. Each entry carries the dimension codes of the default framework it
strengthens, so the coherence check can suggest entries for the weakest dimensions.
"""

from dataclasses import dataclass

from maturity.models import translated

F1, F2, F3 = "f1-learning-culture", "f2-problem-solving", "f3-outside-ideas"
F4, F5, F6 = "f4-autonomy", "f5-supportive-leadership", "f6-lasting-improvement"
FEATURE_CODES = (F1, F2, F3, F4, F5, F6)


@dataclass(frozen=True)
class LibraryPolicy:
    code: str
    statement_text: dict[str, str]
    rationale_text: dict[str, str]
    dimension_codes: tuple[str, ...]
    source: str  # which article it comes from, for the curious

    @property
    def statement(self) -> str:
        return translated(self.statement_text)

    @property
    def rationale(self) -> str:
        return translated(self.rationale_text)

    def matches(self, statement: str) -> bool:
        """Whether `statement` is this entry's text in any language (adopted as is)."""
        normalised = " ".join(statement.split())
        return any(" ".join(text.split()) == normalised for text in self.statement_text.values())


LIBRARY: tuple[LibraryPolicy, ...] = (
    LibraryPolicy(
        "help-the-organisation-change",
        {
            "en": "L&D exists to help the organisation change.",
            "nl": "L&D bestaat om de organisatie te helpen veranderen.",
        },
        {
            "en": "The credibility and impact of L&D start with its purpose. Judged by the "
            "courses it delivers, L&D stays tactical; judged by how well the organisation "
            "adapts, it earns a place where strategy is made.",
            "nl": "Het gezag en de impact van L&D beginnen bij het doel. Wie wordt afgerekend op "
            "geleverde cursussen, blijft tactisch; wie wordt afgerekend op hoe goed de "
            "organisatie zich aanpast, krijgt een plek aan tafel waar de strategie ontstaat.",
        },
        (F6, "obstacle-mandate", "cap-change-management"),
        "000",
    ),
    LibraryPolicy(
        "credible-business-unit",
        {
            "en": "We run L&D as a credible business unit that shapes the organisation's "
            "performance, not as a support desk that takes orders.",
            "nl": "We runnen L&D als een geloofwaardige bedrijfseenheid die de prestaties van de "
            "organisatie mee bepaalt, niet als een servicebalie die bestellingen opneemt.",
        },
        {
            "en": "As long as others see L&D as an outsider that fulfils training requests, it is "
            "called in too late and judged on the wrong things. A partner with its own view on "
            "performance changes the conversation.",
            "nl": "Zolang anderen L&D zien als een buitenstaander die opleidingsaanvragen "
            "afhandelt, wordt het te laat betrokken en op de verkeerde dingen beoordeeld. Een "
            "partner met een eigen visie op presteren verandert het gesprek.",
        },
        (F2, "cap-performance-consulting", "obstacle-mandate", "obstacle-understanding"),
        "000",
    ),
    LibraryPolicy(
        "support-and-challenge-leadership",
        {
            "en": "We support and challenge the leadership team to build learning into how the "
            "organisation thinks and grows.",
            "nl": "We ondersteunen het leiderschapsteam en dagen het uit om leren te verweven met "
            "hoe de organisatie denkt en groeit.",
        },
        {
            "en": "Leaders decide what gets time and attention. Learning only becomes part of "
            "daily work when the leadership team owns it, so L&D helps leaders do that and holds "
            "up a mirror when they do not.",
            "nl": "Leiders bepalen waar tijd en aandacht naartoe gaan. Leren wordt pas onderdeel "
            "van het dagelijks werk als het leiderschapsteam er eigenaar van is; L&D helpt "
            "leiders daarbij en houdt hun een spiegel voor als het niet gebeurt.",
        },
        (F5, F1, "obstacle-understanding"),
        "000",
    ),
    LibraryPolicy(
        "social-structures-for-learning",
        {
            "en": "We create the conditions for learning at every level: the social structures "
            "that give people agency and adaptability and let them solve problems together.",
            "nl": "We scheppen de voorwaarden voor leren op elk niveau: de sociale structuren die "
            "mensen eigen regie en aanpassingsvermogen geven en waarin ze samen problemen "
            "oplossen.",
        },
        {
            "en": "Most learning happens between people, in and around the work. Networks, "
            "communities and room to act on one's own judgement speed up learning far more than "
            "extra programmes.",
            "nl": "Het meeste leren gebeurt tussen mensen, in en rond het werk. Netwerken, "
            "gemeenschappen en ruimte om op eigen oordeel te handelen versnellen het leren veel "
            "meer dan extra programma's.",
        },
        (F4, F1, F2, "cap-social-learning", "culture-collegiality"),
        "000",
    ),
    LibraryPolicy(
        "aligned-goals-and-tools",
        {
            "en": "Our goals, the strategies that serve them and the tactics and tools we choose "
            "stay clearly aligned; putting old approaches online is not a strategy.",
            "nl": "Onze doelen, de strategieën die ze dienen en de tactieken en middelen die we "
            "kiezen, sluiten helder op elkaar aan; bestaande aanpakken online zetten is geen "
            "strategie.",
        },
        {
            "en": "Tools are too often chosen before the problem is understood. Testing every "
            "initiative against the goal it serves keeps effort focused and stops digitising for "
            "its own sake.",
            "nl": "Te vaak wordt een middel gekozen voordat het probleem begrepen is. Door elk "
            "initiatief te toetsen aan het doel dat het dient, blijft de inzet gericht en "
            "digitaliseren we niet om het digitaliseren.",
        },
        (F6, "cap-digital-ecosystem", "cap-measurement"),
        "000",
    ),
    LibraryPolicy(
        "education-is-not-the-default",
        {
            "en": "Training is no longer our default answer, because turning out standardised "
            "workers is no longer the goal.",
            "nl": "Opleiden is niet langer ons standaardantwoord, omdat gestandaardiseerde "
            "medewerkers afleveren niet langer het doel is.",
        },
        {
            "en": "A course is one option among many. Where work calls for judgement and new "
            "ideas, learning through the work, from colleagues and from outside usually does more "
            "than classroom education.",
            "nl": "Een cursus is één mogelijkheid naast vele. Waar het werk om oordeelsvermogen en "
            "nieuwe ideeën vraagt, doet leren via het werk, van collega's en van buiten meestal "
            "meer dan klassikaal onderwijs.",
        },
        (F1, F3, "culture-initiative"),
        "000",
    ),
    LibraryPolicy(
        "balance-the-four-quadrants",
        {
            "en": "We spread L&D effort across individual and organisational learning, for "
            "today's work and for a new future, not only over individual skills for the current "
            "job.",
            "nl": "We verdelen de inzet van L&D over individueel leren en leren als organisatie, "
            "voor het huidige werk en voor een nieuwe toekomst, en niet alleen over individuele "
            "vaardigheden voor de huidige functie.",
        },
        {
            "en": "Most L&D effort goes into helping individuals do their current job better. "
            "Teams that learn together and an organisation that questions its own assumptions are "
            "what make it adaptable.",
            "nl": "Het grootste deel van de L&D-inzet gaat naar mensen helpen hun huidige werk "
            "beter te doen. Teams die samen leren en een organisatie die haar eigen aannames "
            "bevraagt, maken haar wendbaar.",
        },
        (F3, F2, "culture-openness"),
        "001",
    ),
    LibraryPolicy(
        "performance-before-programmes",
        {
            "en": "We start from the business result that has to improve and find out what really "
            "drives it; only a learning need gets a learning answer.",
            "nl": "We beginnen bij het bedrijfsresultaat dat beter moet en zoeken uit wat dat "
            "werkelijk bepaalt; alleen een leerbehoefte krijgt een leerantwoord.",
        },
        {
            "en": "Many performance problems come from processes, tools, incentives or the working "
            "environment. Analysing the gap first saves money and effort and makes the chosen "
            "solutions work.",
            "nl": "Veel prestatieproblemen komen voort uit processen, middelen, prikkels of de "
            "werkomgeving. Door eerst de kloof te analyseren besparen we geld en moeite, en werken "
            "de gekozen oplossingen ook echt.",
        },
        (F2, "cap-performance-consulting", "cap-measurement"),
        "003",
    ),
    LibraryPolicy(
        "multi-year-capability-plan",
        {
            "en": "We build the capabilities of a learning organisation on purpose: a five-year "
            "picture of success, a detailed two-year plan, and the mandate and resources to carry "
            "it out.",
            "nl": "We bouwen doelbewust aan de capaciteiten van een lerende organisatie: een beeld "
            "van succes over vijf jaar, een gedetailleerd tweejarenplan, en het mandaat en de "
            "middelen om het uit te voeren.",
        },
        {
            "en": "Becoming a learning organisation takes years. Without a clear end goal, an "
            "honest view of today's capabilities and obstacles, and a plan that says who does "
            "what, change stalls once the first enthusiasm fades.",
            "nl": "Een lerende organisatie word je niet in een jaar. Zonder helder einddoel, een "
            "eerlijk beeld van de huidige capaciteiten en belemmeringen en een plan dat zegt wie "
            "wat doet, valt verandering stil zodra het eerste enthousiasme wegebt.",
        },
        (F6, "obstacle-resources", "obstacle-skills", "obstacle-mandate"),
        "002",
    ),
    LibraryPolicy(
        "leaders-make-room-for-learning",
        {
            "en": "Leaders at every level make room for learning and sharing knowledge; "
            "developing them is part of the L&D strategy.",
            "nl": "Leidinggevenden op elk niveau maken ruimte voor leren en kennisdelen; hun "
            "ontwikkeling is onderdeel van de L&D-strategie.",
        },
        {
            "en": "Knowledge is only shared where people trust each other and feel free to speak "
            "up. Team leads, managers and directors create that space, so their development "
            "comes first.",
            "nl": "Kennis wordt alleen gedeeld waar mensen elkaar vertrouwen en zich vrij voelen "
            "om zich uit te spreken. Teamleiders, managers en directeuren scheppen die ruimte, "
            "dus hun ontwikkeling komt eerst.",
        },
        (F5, F4, "culture-transparency", "culture-openness"),
        "004",
    ),
    LibraryPolicy(
        "build-buy-or-borrow",
        {
            "en": "For every critical knowledge gap we choose on purpose whether to develop our "
            "own people, hire, or partner with others.",
            "nl": "Voor elke kritische kenniskloof kiezen we bewust: onze eigen mensen "
            "ontwikkelen, mensen aannemen of samenwerken met anderen.",
        },
        {
            "en": "Not every gap is best closed with a learning programme. Hiring expertise or "
            "working with partners can be faster, and it brings ideas from outside into the "
            "organisation.",
            "nl": "Niet elke kloof dicht je het best met een leerprogramma. Expertise aantrekken "
            "of samenwerken met partners kan sneller zijn en haalt ideeën van buiten de "
            "organisatie binnen.",
        },
        (F3, "cap-curation", "culture-diversity"),
        "004",
    ),
    LibraryPolicy(
        "standardise-where-it-counts",
        {
            "en": "Where consistency is still the goal, we simplify, streamline and automate our "
            "support, to free up time for creating new value.",
            "nl": "Waar consistentie nog steeds het doel is, vereenvoudigen, stroomlijnen en "
            "automatiseren we onze ondersteuning, om tijd vrij te maken voor nieuwe waarde.",
        },
        {
            "en": "Some core processes must be done the same way every time. Supporting them "
            "efficiently frees time and budget for learning that opens up new possibilities.",
            "nl": "Sommige kernprocessen moeten elke keer op dezelfde manier gebeuren. Door die "
            "efficiënt te ondersteunen komen tijd en budget vrij voor leren dat nieuwe "
            "mogelijkheden opent.",
        },
        (F6, F2, "cap-digital-ecosystem"),
        "000",
    ),
)

_BY_CODE = {entry.code: entry for entry in LIBRARY}


def library_entry(code: str | None) -> LibraryPolicy | None:
    return _BY_CODE.get(code or "")
