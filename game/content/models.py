"""The scenario pack schema: one pydantic model per pack file, merged into `Pack`.

These models are the single source of truth for what a pack may say. The
loader validates TOML against them, `schema` exports them for editors, and
`docs/PACK_FORMAT.md` documents every field (a test keeps the doc in step).
Field descriptions are written for facilitators, not programmers.
"""

import re
from typing import Annotated, Literal, Union, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

FORMATS_READ: tuple[int, ...] = (1,)
"""Pack format numbers this version of the game can read."""

Domain = Literal["clear", "complicated", "complex", "chaotic"]
Perceived = Literal["disorder", "clear", "complicated", "complex", "chaotic"]
ApproachId = Literal[
    "tender", "specialist", "outcomes", "alliance", "community", "pilots", "in_house", "step_in"
]
ProviderType = Literal[
    "in_house", "outsourcer", "sme", "vcse", "community", "council_company", "nhs"
]
CORE_STAKEHOLDERS: tuple[str, ...] = (
    "residents", "vcse", "staff", "nhs", "members", "regulator", "providers",
)
APPROACHES: tuple[str, ...] = ApproachId.__args__  # type: ignore[attr-defined]
DOMAINS: tuple[str, ...] = Domain.__args__  # type: ignore[attr-defined]

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]{0,39}$",
        description="A short identifier: lower-case letters, digits and _, starting with a letter.",
    ),
]
ProblemRef = Annotated[
    str,
    Field(description="A problem id, `*` for every problem, or `@statutory` for statutory ones."),
]
ProviderRef = Annotated[
    str,
    Field(description="A provider id, or `@strategic` for every strategic contractor."),
]
Money = Annotated[float, Field(ge=-100_000, le=100_000, description="£ millions.")]
NonNegativeMoney = Annotated[float, Field(ge=0, le=100_000, description="£ millions, never below zero.")]
"""Money that cannot be negative. Its own type because pydantic keeps only the last of two
`ge` bounds on one field: `Money = Field(ge=0)` let `grant = -38` through."""
Expression = Annotated[
    str,
    Field(
        min_length=1,
        max_length=500,
        description="A condition in the pack expression language, e.g. `turn >= 4 and trust.vcse < 40`.",
    ),
]
QUARTER_RE = re.compile(r"^(\d{4})\s*Q([1-4])$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _reflow(text: str) -> str:
    """Prose as Markdown reads it: a single line break is a space, a blank line starts a paragraph.

    Authors wrap long text in their editor (TOML multi-line strings keep every
    line break); the game wraps text to fit its own panels.
    """
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


Prose = Annotated[str, AfterValidator(_reflow)]
"""Text shown to players: wrap it freely; a blank line starts a new paragraph."""


class Strict(BaseModel):
    """Every pack model refuses unknown keys so that typos are reported, not ignored, and takes values
    as typed (strict): `turns = "16"` or `statutory = 1` is a mistake to point out, not to guess at.

    Validators are built on first use (`defer_build`): the loader validates whole files, whose
    validators hold every nested model's schema, so the ~40 nested models never need their own and
    `validate` no longer builds them at import (~50 ms of the command)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


# --------------------------------------------------------------------------- pack.toml


class Start(Strict):
    """When the first turn falls: a calendar year and quarter."""

    year: int = Field(ge=1990, le=2100, description="Calendar year of the first turn.")
    quarter: int = Field(
        ge=1, le=4, description="Calendar quarter of the first turn (1 = Jan–Mar; the financial year starts in Q2)."
    )


class Budget(Strict):
    """The council's money at the start, in £ millions."""

    grant: NonNegativeMoney = Field(description="Government grant, £m a year.")
    council_tax: NonNegativeMoney = Field(description="Council tax income, £m a year.")
    other_income: NonNegativeMoney = Field(0.0, description="Fees, charges and other income, £m a year.")
    fixed_costs: NonNegativeMoney = Field(
        0.0,
        description="Spending not modelled as problems (back office, debt, other services), £m a year.",
    )
    reserves: Money = Field(description="Usable reserves at the start, £m. Below zero at a year end means a section 114 notice.")
    council_tax_cap: float = Field(
        2.99, ge=0, le=20, description="The largest council tax rise allowed without a referendum, % a year."
    )


class Weights(Strict):
    """How much each part of the score card counts towards the total (they need not add up to 1)."""

    outcomes: float = Field(0.35, ge=0, le=1, description="Weight of the weighted outcome score.")
    finance: float = Field(0.25, ge=0, le=1, description="Weight of financial sustainability (reserves).")
    trust: float = Field(0.20, ge=0, le=1, description="Weight of mean stakeholder trust.")
    goals: float = Field(0.10, ge=0, le=1, description="Weight of the pack's own goals met.")
    inspections: float = Field(0.10, ge=0, le=1, description="Weight of the latest inspection grades.")

    @model_validator(mode="after")
    def _some_weight(self) -> "Weights":
        if not any((self.outcomes, self.finance, self.trust, self.goals, self.inspections)):
            raise ValueError("at least one score weight must be above 0, or every game scores 0")
        return self


class Grades(Strict):
    """The lowest total score for each grade; below D is E."""

    A: float = Field(75, ge=0, le=100, description="Lowest score for an A.")
    B: float = Field(62, ge=0, le=100, description="Lowest score for a B.")
    C: float = Field(50, ge=0, le=100, description="Lowest score for a C.")
    D: float = Field(38, ge=0, le=100, description="Lowest score for a D (below is E).")

    @model_validator(mode="after")
    def _descending(self) -> "Grades":
        if not (self.A >= self.B >= self.C >= self.D):
            raise ValueError("grade thresholds must satisfy A >= B >= C >= D")
        return self


class Goal(Strict):
    """One of the pack's own goals, met when its condition is true at the end of the game."""

    id: Id
    label: str = Field(min_length=1, max_length=200, description="What the goal means, shown on the score card.")
    condition: Expression = Field(description="True at the end of the game when the goal is met.")
    weight: float = Field(1.0, gt=0, le=10, description="Share of the goals score.")


class Scoring(Strict):
    """How a game is scored and what counts as winning."""

    weights: Weights = Field(default_factory=Weights, description="How the score card components add up.")
    grades: Grades = Field(default_factory=Grades, description="Score thresholds for grades A–D.")
    win_grade: Literal["A", "B", "C", "D", "E"] = Field(
        "C", description="The game counts as won at this grade or better (and no section 114)."
    )


class ApproachTuning(Strict):
    """Overrides of the engine's defaults for one approach; anything left out keeps its default."""

    fit: dict[Domain, float] | None = Field(
        None, description="Fit per true domain (about 0.1–1.2); scales effectiveness."
    )
    lead: int | None = Field(None, ge=0, le=8, description="Procurement turns before the contract starts.")
    ramp: int | None = Field(None, ge=0, le=12, description="Turns after the start before full effect.")
    cost: int | None = Field(None, ge=0, le=6, description="Leadership capacity points to commission.")
    trust_gate: float | None = Field(
        None, ge=0, le=100, description="Mean trust of its partners needed before it can be commissioned."
    )
    prevention: float | None = Field(
        None, ge=0, le=3, description="How strongly it bends demand down on preventable problems."
    )

    @field_validator("fit")
    @classmethod
    def _fit_range(cls, v: dict[str, float] | None) -> dict[str, float] | None:
        for domain, value in (v or {}).items():
            if not 0.0 <= value <= 2.0:
                raise ValueError(f"fit for {domain} must be between 0 and 2, found {value}")
        return v


class Tuning(Strict):
    """Changes to the engine's defaults for this pack only; leave out to keep the defaults."""

    approaches: dict[ApproachId, ApproachTuning] = Field(
        default_factory=dict, description="Per-approach overrides of the engine's fit table and timings."
    )
    rules: dict[str, float] = Field(
        default_factory=dict,
        description="Overrides of named engine rule coefficients (see the engine defaults table).",
    )


class PackInfo(Strict):
    """`pack.toml`: who the scenario is about, when, and how it is scored."""

    format: int = Field(description="Pack format number. This version reads format 1.")
    id: Id
    title: str = Field(min_length=1, max_length=120, description="Shown on the scenario select screen.")
    version: str = Field("1.0", max_length=20, description="The pack's own version, for your records.")
    pitch: str = Field("", max_length=300, description="One line shown under the title.")
    place: str = Field("", max_length=120, description="The council or partnership the player leads.")
    difficulty: Literal["introductory", "standard", "hard"] = Field("standard", description="Shown on scenario select.")
    start: Start = Field(description="When the first turn is: `start = { year = 2017, quarter = 2 }`.")
    turns: int = Field(ge=2, le=40, description="Number of quarters the game lasts.")
    capacity: int = Field(4, ge=1, le=12, description="Leadership capacity: action points each turn.")
    seed: int = Field(1, ge=0, le=2**32 - 1, description="Default random seed when none is given.")
    budget: Budget = Field(description="The money at the start (a `[budget]` table).")
    scoring: Scoring = Field(default_factory=Scoring, description="Score weights, grade thresholds, win grade.")
    goals: list[Goal] = Field(default_factory=list, description="The pack's own goals, shown on the score card.")
    loss: Expression | None = Field(None, description="The game ends in failure when this becomes true.")
    tuning: Tuning = Field(default_factory=Tuning, description="Overrides of engine defaults.")

    @field_validator("format")
    @classmethod
    def _known_format(cls, v: int) -> int:
        if v not in FORMATS_READ:
            readable = ", ".join(str(f) for f in FORMATS_READ)
            raise ValueError(f"this version of Common Ground reads pack format {readable}, not {v}")
        return v


# --------------------------------------------------------------------------- problems.toml


def _every_approach() -> list[str]:
    """A problem's approaches when the pack lists none: all of them. A named function, not a lambda, so
    that the generated validator can be kept between runs (`prebuilt`: a pickle names functions)."""
    return list(APPROACHES)


class Problem(Strict):
    """A problem the council must meet, with its true Cynefin domain."""

    id: Id
    name: str = Field(min_length=1, max_length=80, description="The problem's name as the player sees it.")
    description: Prose = Field("", max_length=2000, description="A few sentences shown when the player opens it.")
    domain: Domain = Field(description="The true Cynefin domain, hidden from the player at first.")
    perceived: Perceived = Field("disorder", description="What the player sees before classifying.")
    demand: float = Field(gt=0, le=1e7, description="Demand now, in the problem's own units (people, cases, sites…).")
    demand_unit: str = Field("cases", max_length=40, description="The unit of demand, for display.")
    demand_trend: float = Field(0.0, ge=-0.2, le=0.3, description="Demand growth per quarter (0.01 = 1%).")
    outcome: float = Field(50.0, ge=0, le=100, description="Outcome score now, 0–100.")
    annual_cost: Money = Field(gt=0, description="£m a year that meeting today's demand fully costs at a standard price.")
    unserved_outcome: float = Field(20.0, ge=0, le=100, description="The outcome drifts to this with no service at all.")
    statutory: bool = Field(False, description="A legal duty: leaving it unserved angers the regulator.")
    preventable: bool = Field(False, description="Preventive approaches (community, alliance) can bend its demand down.")
    inspected: bool = Field(False, description="The regulator inspects it (Ofsted/CQC grades).")
    weight: float = Field(1.0, gt=0, le=10, description="Share of the weighted outcome score.")
    stakeholders: list[Id] = Field(default_factory=list, description="Stakeholders whose trust follows its outcome.")
    approaches: list[ApproachId] = Field(
        default_factory=_every_approach, description="The approaches the player may use here, each listed once."
    )
    evidence: dict[Domain, str] = Field(
        default_factory=dict, description="What `make sense` tells the player, per domain it rules in or out."
    )
    bends: dict[Id, float] = Field(
        default_factory=dict,
        description="Prevention here also bends demand on these problems, by this share of its own bend "
        "(e.g. community wellbeing investment easing adult care: `bends = { adult_care = 1.5 }`).",
    )


class ProblemsFile(Strict):
    """`problems.toml`: the problems the council must meet, each a `[[problem]]` table."""

    problem: list[Problem] = Field(
        min_length=1, max_length=20, description="One `[[problem]]` table per problem; 4–12 is typical."
    )


# --------------------------------------------------------------------------- providers.toml


class Provider(Strict):
    """An organisation that can deliver services, including the council itself."""

    id: Id
    name: str = Field(min_length=1, max_length=80, description="The organisation's name as the player sees it.")
    type: ProviderType = Field(
        description="What kind of organisation: it decides which approaches it can deliver (see the table in "
        "docs/PACK_FORMAT.md)."
    )
    description: Prose = Field("", max_length=1000, description="A sentence or two about it.")
    capacity: int = Field(3, ge=1, le=30, description="How many contracts it can hold at once.")
    quality: float = Field(1.0, ge=0.1, le=1.5, description="Delivery quality; scales effectiveness.")
    price: float = Field(1.0, ge=0.3, le=3.0, description="Price level: 1.2 means 20% dearer than standard.")
    health: float = Field(70.0, ge=0, le=100, description="Hidden financial health; at 0 it collapses.")
    health_trend: float = Field(0.0, ge=-20, le=20, description="Health change per quarter before noise.")
    strategic: bool = Field(False, description="A strategic contractor: cheap, many contracts, concentrated risk.")
    available: bool = Field(True, description="False for a company the council must establish first.")
    setup_cost: NonNegativeMoney = Field(0.0, description="£m to establish it (council-owned companies).")


class StartingContract(Strict):
    """A contract already running when the game starts."""

    provider: Id = Field(description="The provider holding it (an id from providers.toml).")
    problem: Id = Field(description="The problem it serves (an id from problems.toml).")
    approach: ApproachId = Field(
        description="How it was commissioned; the problem must allow it and the provider's type deliver it."
    )
    value: Money = Field(gt=0, description="£m a year.")
    length: int = Field(ge=1, le=80, description="Quarters left to run.")
    age: int = Field(8, ge=0, le=80, description="Quarters it has already run (past any ramp-up).")


class ProvidersFile(Strict):
    """`providers.toml`: the organisations that can deliver services, and the contracts already running."""

    provider: list[Provider] = Field(
        min_length=1, max_length=40, description="One `[[provider]]` table per organisation."
    )
    contract: list[StartingContract] = Field(
        default_factory=list, description="One `[[contract]]` table per contract running at the start."
    )


# --------------------------------------------------------------------------- stakeholders.toml


class Stakeholder(Strict):
    """A group whose trust the council needs; the seven core ones must be present."""

    id: Id
    name: str = Field(min_length=1, max_length=60, description="The group's name as the player sees it.")
    trust: float = Field(50.0, ge=0, le=100, description="Trust at the start, 0–100.")
    weight: float = Field(1.0, ge=0, le=10, description="Share of the trust score.")
    description: Prose = Field("", max_length=500, description="Who they are and what they care about.")


class StakeholdersFile(Strict):
    """`stakeholders.toml`: the groups whose trust the council needs."""

    stakeholder: list[Stakeholder] = Field(
        min_length=1, max_length=20,
        description="One `[[stakeholder]]` table per group; residents, vcse, staff, nhs, members, regulator and "
        "providers must be among them.",
    )


# --------------------------------------------------------------------------- events.toml


class _Effect(Strict):
    """What an event or choice does; `type` says which kind of effect it is."""


class TrustEffect(_Effect):
    """Move a stakeholder's trust."""

    type: Literal["trust"] = Field(description="`trust`")
    stakeholder: str = Field(description="A stakeholder id, or `*` for every stakeholder.")
    delta: float = Field(ge=-100, le=100, description="Points of trust (0–100 scale) to add; negative to lose.")


class MoneyEffect(_Effect):
    """A one-off payment in or out of reserves."""

    type: Literal["money"] = Field(description="`money`")
    amount: Money = Field(description="One-off £m: negative is a cost.")


class IncomeEffect(_Effect):
    """A lasting change to yearly income, such as a grant cut."""

    type: Literal["income"] = Field(description="`income`")
    amount: Money = Field(description="Change to annual income, £m a year (negative for a grant cut).")
    source: Literal["grant", "council_tax", "other_income"] = Field("grant", description="Which income changes.")


class DemandEffect(_Effect):
    """A jump in demand for a problem."""

    type: Literal["demand"] = Field(description="`demand`")
    problem: ProblemRef
    pct: float = Field(ge=-90, le=500, description="Demand change in per cent.")


class DemandTrendEffect(_Effect):
    """A lasting change to how fast demand grows."""

    type: Literal["demand_trend"] = Field(description="`demand_trend`")
    problem: ProblemRef
    delta: float = Field(ge=-0.2, le=0.2, description="Change to growth per quarter (0.01 = one point more).")


class OutcomeEffect(_Effect):
    """A jump in a problem's outcome score."""

    type: Literal["outcome"] = Field(description="`outcome`")
    problem: ProblemRef
    delta: float = Field(ge=-100, le=100, description="Outcome points (0–100 scale) to add; negative to lose.")


class HealthEffect(_Effect):
    """A blow to (or boost for) a provider's hidden financial health; at 0 it collapses."""

    type: Literal["provider_health"] = Field(description="`provider_health`")
    provider: ProviderRef
    delta: float = Field(ge=-100, le=100, description="Health points (0–100) to add; negative to weaken it.")


class DomainEffect(_Effect):
    """A problem's true Cynefin domain changes (a shock throws it into chaos; things settle)."""

    type: Literal["domain"] = Field(description="`domain`")
    problem: ProblemRef
    to: Domain = Field(description="The true domain it moves to.")
    turns: int = Field(0, ge=0, le=40, description="Quarters before it returns; 0 means it stays.")


class CollapseEffect(_Effect):
    """A provider goes bust: every contract it holds ends this turn."""

    type: Literal["collapse"] = Field(description="`collapse`")
    provider: ProviderRef


class WithdrawEffect(_Effect):
    """A partner walks away: its contracts end, with no penalty either way."""

    type: Literal["withdraw"] = Field(description="`withdraw`")
    provider: ProviderRef = Field(description="The partner that walks away (a provider id, or `@strategic`).")


class EnableEffect(_Effect):
    """A provider that was not available (`available = false`) becomes one the player can commission."""

    type: Literal["enable_provider"] = Field(description="`enable_provider`")
    provider: Id = Field(description="The provider that becomes available (an id from providers.toml).")


class InspectionEffect(_Effect):
    """The regulator inspects a service and grades it on the Ofsted scale."""

    type: Literal["inspection"] = Field(description="`inspection`")
    problem: ProblemRef = Field(description="Which service is inspected (`@inspected` for all inspected).")


class CapacityEffect(_Effect):
    """Leadership capacity (action points) rises or falls for a while."""

    type: Literal["capacity"] = Field(description="`capacity`")
    delta: int = Field(ge=-10, le=10, description="Action points each turn to add; negative to lose.")
    turns: int = Field(1, ge=1, le=40, description="How many turns it lasts, this one included.")


class ElectionEffect(_Effect):
    """A local election: members' and residents' trust decide whether the leadership keeps its mandate."""

    type: Literal["election"] = Field(description="`election`")


Effect = Annotated[
    Union[
        TrustEffect, MoneyEffect, IncomeEffect, DemandEffect, DemandTrendEffect, OutcomeEffect,
        HealthEffect, DomainEffect, CollapseEffect, WithdrawEffect, EnableEffect, InspectionEffect,
        CapacityEffect, ElectionEffect,
    ],
    Field(discriminator="type"),
]
EFFECT_TYPES = tuple(model.model_fields["type"].annotation.__args__[0] for model in get_args(get_args(Effect)[0]))
"""every effect's `type`, in the order of the union"""
EFFECT_LIST_HELP = (
    "What happens, as a list of inline tables, each with a `type`: "
    "`effects = [{ type = \"trust\", stakeholder = \"staff\", delta = -5 }, { type = \"money\", amount = -2 }]`."
)


class Choice(Strict):
    """An option the player must pick from before ending the turn."""

    id: Id
    label: str = Field(min_length=1, max_length=120, description="The option as a button label.")
    text: Prose = Field("", max_length=1000, description="What the choice means, shown before choosing.")
    effects: list[Effect] = Field(default_factory=list, description=EFFECT_LIST_HELP)


class Event(Strict):
    """A shock or opportunity: scheduled, triggered by a condition, or injected by a facilitator."""

    id: Id
    use: str | None = Field(
        None,
        description="Start from this shared library event (scenarios/_library/events.toml); every key you give "
        "replaces the library's, and turn/date/trigger replace its timing as a group.",
    )
    title: str = Field(min_length=1, max_length=120, description="The headline shown in the news feed.")
    text: Prose = Field("", max_length=3000, description="What happened, in a few sentences.")
    turn: int | None = Field(None, ge=1, le=40, description="Fire at the start of this turn (1 = first).")
    date: str | None = Field(None, description="Or fire in this quarter, e.g. `2018Q1`.")
    trigger: Expression | None = Field(None, description="Or fire when this becomes true…")
    probability: float = Field(1.0, ge=0, le=1, description="…with this chance each turn it is true.")
    once: bool = Field(True, description="Fire at most once.")
    injectable: bool = Field(True, description="A facilitator may inject it into a room.")
    effects: list[Effect] = Field(default_factory=list, description=EFFECT_LIST_HELP)
    choices: list[Choice] = Field(
        default_factory=list,
        description="Options the player must pick from before ending the turn: `[[event.choices]]` tables.",
    )
    tags: list[str] = Field(default_factory=list, description="Free labels for your own use, e.g. `[\"money\"]`.")

    @field_validator("date")
    @classmethod
    def _date_form(cls, v: str | None) -> str | None:
        if v is not None and not QUARTER_RE.match(v):
            raise ValueError(f"expected a quarter like 2018Q1 (year then Q1–Q4), found \"{v}\"")
        return v

    @model_validator(mode="after")
    def _one_timing(self) -> "Event":
        if self.turn is not None and self.date is not None:
            raise ValueError("give either turn or date, not both")
        if self.trigger is not None and (self.turn is not None or self.date is not None):
            raise ValueError("an event is either scheduled (turn or date) or triggered, not both")
        return self


class EventsFile(Strict):
    """`events.toml`: the pack's events, each a `[[event]]` table."""

    event: list[Event] = Field(default_factory=list, description="One `[[event]]` table per event.")


# --------------------------------------------------------------------------- history.toml


class HistoryStep(Strict):
    """One decision the real council made, as an action the engine can replay."""

    turn: int = Field(ge=1, le=40, description="The turn in which the real council did this.")
    action: dict[str, object] = Field(
        description="An engine action as an inline table, e.g. `{ kind = \"make_sense\", problem = \"x\" }`."
    )
    note: str = Field("", max_length=500, description="What the real council did, in your words.")
    source: str = Field("", max_length=200, description="Fact id and seed file.")


class DocumentedOutcome(Strict):
    """Something that really happened, with its source, shown beside the player's results."""

    label: str = Field(min_length=1, max_length=300, description="What happened, in your words.")
    date: str = Field("", max_length=40, description="When, as text (e.g. `2019` or `March 2018`).")
    source: str = Field(min_length=1, max_length=200, description="Fact id and seed file.")


class Expectation(Strict):
    """A check that replaying the real decisions lands where the real council did (`simulate --lessons`).

    Either a `condition` true at the end of the replayed game, or a `metric` that ends `lower` or
    `higher` than on the do-nothing path with the same seed."""

    label: str = Field(min_length=1, max_length=300, description="What the check shows, in your words.")
    condition: str | None = Field(None, max_length=500,
                                  description="A condition over the final quarter, e.g. `reserves >= 0`.")
    metric: str | None = Field(None, max_length=200, description="Or a value to compare with doing nothing, "
                               "e.g. `problem.placements.demand`.")
    than_doing_nothing: Literal["lower", "higher"] | None = Field(
        None, description="With `metric`: whether the replayed path must end lower or higher than doing nothing.")
    share: float = Field(0.9, gt=0, le=1, description="The share of seeds in which it must hold.")
    source: str = Field("", max_length=200, description="Fact id and seed file of the documented result.")

    @model_validator(mode="after")
    def _one_kind(self) -> "Expectation":
        if (self.condition is None) == (self.metric is None):
            raise ValueError("give either condition, or metric with than_doing_nothing")
        if (self.metric is None) != (self.than_doing_nothing is None):
            raise ValueError("metric and than_doing_nothing go together")
        return self


class HistoryFile(Strict):
    """`history.toml` (optional): what the real council did and what came of it."""

    direction: str = Field("", max_length=500, description="The documented direction of travel, one sentence.")
    step: list[HistoryStep] = Field(default_factory=list, description="One `[[step]]` table per decision.")
    outcome: list[DocumentedOutcome] = Field(default_factory=list, description="One `[[outcome]]` table per result.")
    expect: list[Expectation] = Field(default_factory=list, description="One `[[expect]]` table per check that "
                                      "the replayed history lands in the documented direction.")
    sources: dict[str, str] = Field(
        default_factory=dict, max_length=50,
        description="How the debrief names each source document a `source` cites: file name = the title a "
                    "learner would recognise, e.g. `\"report.txt\" = \"Council annual report, 2019\"`. "
                    "The file's line numbers and fact ids are then left out of what the learner reads.")


# --------------------------------------------------------------------------- the whole pack


class Pack(Strict):
    """A whole validated pack, as the engine receives it (built by the loader, not written by authors)."""

    # The loader assembles a Pack from files it has already validated (model_construct), so its own
    # validator is built only if something else validates a whole Pack: start-up stays quick.
    model_config = ConfigDict(defer_build=True)

    info: PackInfo = Field(description="pack.toml.")
    problems: list[Problem] = Field(description="problems.toml.")
    providers: list[Provider] = Field(description="providers.toml: the providers.")
    contracts: list[StartingContract] = Field(default_factory=list, description="providers.toml: starting contracts.")
    stakeholders: list[Stakeholder] = Field(description="stakeholders.toml.")
    events: list[Event] = Field(default_factory=list, description="events.toml, library events merged in.")
    history: HistoryFile | None = Field(None, description="history.toml, if the pack has one.")
    texts: dict[str, str] = Field(default_factory=dict, description="Markdown from text/*.md by file stem.")
    content_hash: str = Field("", description="Hash of the pack files, set by the loader.")

    @property
    def id(self) -> str:
        return self.info.id
