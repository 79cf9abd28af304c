"""The scenario pack schema: one pydantic model per pack file, merged into `Pack`.

These models are the single source of truth for what a pack may say. The
loader validates TOML against them, `schema` exports them for editors, and
`docs/PACK_FORMAT.md` documents every field (a test keeps the doc in step).
Field descriptions are written for facilitators, not programmers.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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
Expression = Annotated[
    str,
    Field(
        min_length=1,
        max_length=500,
        description="A condition in the pack expression language, e.g. `turn >= 4 and trust.vcse < 40`.",
    ),
]
QUARTER_RE = re.compile(r"^(\d{4})\s*Q([1-4])$")


class Strict(BaseModel):
    """Every pack model refuses unknown keys so that typos are reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- pack.toml


class Start(Strict):
    year: int = Field(ge=1990, le=2100, description="Calendar year of the first turn.")
    quarter: int = Field(
        ge=1, le=4, description="Calendar quarter of the first turn (1 = Jan–Mar; the financial year starts in Q2)."
    )


class Budget(Strict):
    grant: Money = Field(ge=0, description="Government grant, £m a year.")
    council_tax: Money = Field(ge=0, description="Council tax income, £m a year.")
    other_income: Money = Field(0.0, ge=0, description="Fees, charges and other income, £m a year.")
    fixed_costs: Money = Field(
        0.0,
        ge=0,
        description="Spending not modelled as problems (back office, debt, other services), £m a year.",
    )
    reserves: Money = Field(description="Usable reserves at the start, £m. Below zero at a year end means a section 114 notice.")
    council_tax_cap: float = Field(
        2.99, ge=0, le=20, description="The largest council tax rise allowed without a referendum, % a year."
    )


class Weights(Strict):
    outcomes: float = Field(0.35, ge=0, le=1, description="Weight of the weighted outcome score.")
    finance: float = Field(0.25, ge=0, le=1, description="Weight of financial sustainability (reserves).")
    trust: float = Field(0.20, ge=0, le=1, description="Weight of mean stakeholder trust.")
    goals: float = Field(0.10, ge=0, le=1, description="Weight of the pack's own goals met.")
    inspections: float = Field(0.10, ge=0, le=1, description="Weight of the latest inspection grades.")


class Grades(Strict):
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
    id: Id
    label: str = Field(min_length=1, max_length=200, description="What the goal means, shown on the score card.")
    condition: Expression = Field(description="True at the end of the game when the goal is met.")
    weight: float = Field(1.0, gt=0, le=10, description="Share of the goals score.")


class Scoring(Strict):
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
    start: Start
    turns: int = Field(ge=2, le=40, description="Number of quarters the game lasts.")
    capacity: int = Field(4, ge=1, le=12, description="Leadership capacity: action points each turn.")
    seed: int = Field(1, ge=0, le=2**32 - 1, description="Default random seed when none is given.")
    budget: Budget
    scoring: Scoring = Field(default_factory=Scoring)
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


class Problem(Strict):
    """A problem the council must meet, with its true Cynefin domain."""

    id: Id
    name: str = Field(min_length=1, max_length=80)
    description: str = Field("", max_length=2000)
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
        default_factory=lambda: list(APPROACHES), description="The approaches the player may use here."
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
    problem: list[Problem] = Field(min_length=1, max_length=20, description="The problems, 5–12 is typical.")


# --------------------------------------------------------------------------- providers.toml


class Provider(Strict):
    """An organisation that can deliver services, including the council itself."""

    id: Id
    name: str = Field(min_length=1, max_length=80)
    type: ProviderType
    description: str = Field("", max_length=1000)
    capacity: int = Field(3, ge=1, le=30, description="How many contracts it can hold at once.")
    quality: float = Field(1.0, ge=0.1, le=1.5, description="Delivery quality; scales effectiveness.")
    price: float = Field(1.0, ge=0.3, le=3.0, description="Price level: 1.2 means 20% dearer than standard.")
    health: float = Field(70.0, ge=0, le=100, description="Hidden financial health; at 0 it collapses.")
    health_trend: float = Field(0.0, ge=-20, le=20, description="Health change per quarter before noise.")
    strategic: bool = Field(False, description="A strategic contractor: cheap, many contracts, concentrated risk.")
    available: bool = Field(True, description="False for a company the council must establish first.")
    setup_cost: Money = Field(0.0, ge=0, description="£m to establish it (council-owned companies).")


class StartingContract(Strict):
    """A contract already running when the game starts."""

    provider: Id
    problem: Id
    approach: ApproachId
    value: Money = Field(gt=0, description="£m a year.")
    length: int = Field(ge=1, le=80, description="Quarters left to run.")
    age: int = Field(8, ge=0, le=80, description="Quarters it has already run (past any ramp-up).")


class ProvidersFile(Strict):
    provider: list[Provider] = Field(min_length=1, max_length=40)
    contract: list[StartingContract] = Field(default_factory=list)


# --------------------------------------------------------------------------- stakeholders.toml


class Stakeholder(Strict):
    id: Id
    name: str = Field(min_length=1, max_length=60)
    trust: float = Field(50.0, ge=0, le=100, description="Trust at the start, 0–100.")
    weight: float = Field(1.0, ge=0, le=10, description="Share of the trust score.")
    description: str = Field("", max_length=500)


class StakeholdersFile(Strict):
    stakeholder: list[Stakeholder] = Field(min_length=1, max_length=20)


# --------------------------------------------------------------------------- events.toml


class _Effect(Strict):
    pass


class TrustEffect(_Effect):
    type: Literal["trust"]
    stakeholder: str = Field(description="A stakeholder id or `*` for all.")
    delta: float = Field(ge=-100, le=100)


class MoneyEffect(_Effect):
    type: Literal["money"]
    amount: Money = Field(description="One-off £m: negative is a cost.")


class IncomeEffect(_Effect):
    type: Literal["income"]
    amount: Money = Field(description="Change to annual income, £m a year (negative for a grant cut).")
    source: Literal["grant", "council_tax", "other_income"] = "grant"


class DemandEffect(_Effect):
    type: Literal["demand"]
    problem: ProblemRef
    pct: float = Field(ge=-90, le=500, description="Demand change in per cent.")


class DemandTrendEffect(_Effect):
    type: Literal["demand_trend"]
    problem: ProblemRef
    delta: float = Field(ge=-0.2, le=0.2, description="Change to growth per quarter.")


class OutcomeEffect(_Effect):
    type: Literal["outcome"]
    problem: ProblemRef
    delta: float = Field(ge=-100, le=100)


class HealthEffect(_Effect):
    type: Literal["provider_health"]
    provider: ProviderRef
    delta: float = Field(ge=-100, le=100)


class DomainEffect(_Effect):
    type: Literal["domain"]
    problem: ProblemRef
    to: Domain
    turns: int = Field(0, ge=0, le=40, description="Quarters before it returns; 0 means it stays.")


class CollapseEffect(_Effect):
    type: Literal["collapse"]
    provider: ProviderRef


class WithdrawEffect(_Effect):
    type: Literal["withdraw"]
    provider: ProviderRef = Field(description="The partner walks away: its contracts end, no penalty either way.")


class EnableEffect(_Effect):
    type: Literal["enable_provider"]
    provider: Id


class InspectionEffect(_Effect):
    type: Literal["inspection"]
    problem: ProblemRef = Field(description="Which service is inspected (`@inspected` for all inspected).")


class CapacityEffect(_Effect):
    type: Literal["capacity"]
    delta: int = Field(ge=-10, le=10)
    turns: int = Field(1, ge=1, le=40)


class ElectionEffect(_Effect):
    type: Literal["election"]


Effect = Annotated[
    Union[
        TrustEffect, MoneyEffect, IncomeEffect, DemandEffect, DemandTrendEffect, OutcomeEffect,
        HealthEffect, DomainEffect, CollapseEffect, WithdrawEffect, EnableEffect, InspectionEffect,
        CapacityEffect, ElectionEffect,
    ],
    Field(discriminator="type"),
]


class Choice(Strict):
    id: Id
    label: str = Field(min_length=1, max_length=120)
    text: str = Field("", max_length=1000, description="What the choice means, shown before choosing.")
    effects: list[Effect] = Field(default_factory=list)


class Event(Strict):
    """A shock or opportunity: scheduled, triggered by a condition, or injected by a facilitator."""

    id: Id
    use: str | None = Field(
        None, description="Start from this shared library event (scenarios/_library); keys you give override it."
    )
    title: str = Field(min_length=1, max_length=120)
    text: str = Field("", max_length=3000)
    turn: int | None = Field(None, ge=1, le=40, description="Fire at the start of this turn (1 = first).")
    date: str | None = Field(None, description="Or fire in this quarter, e.g. `2018Q1`.")
    trigger: Expression | None = Field(None, description="Or fire when this becomes true…")
    probability: float = Field(1.0, ge=0, le=1, description="…with this chance each turn it is true.")
    once: bool = Field(True, description="Fire at most once.")
    injectable: bool = Field(True, description="A facilitator may inject it into a room.")
    effects: list[Effect] = Field(default_factory=list)
    choices: list[Choice] = Field(default_factory=list, description="Options the player must pick from before ending the turn.")
    tags: list[str] = Field(default_factory=list)

    @field_validator("date")
    @classmethod
    def _date_form(cls, v: str | None) -> str | None:
        if v is not None and not QUARTER_RE.match(v):
            raise ValueError(f"a date looks like 2018Q1 (year then Q1–Q4), found {v!r}")
        return v

    @model_validator(mode="after")
    def _one_timing(self) -> "Event":
        if self.turn is not None and self.date is not None:
            raise ValueError("give either turn or date, not both")
        if self.trigger is not None and (self.turn is not None or self.date is not None):
            raise ValueError("an event is either scheduled (turn/date) or triggered, not both")
        return self


class EventsFile(Strict):
    event: list[Event] = Field(default_factory=list)


# --------------------------------------------------------------------------- history.toml


class HistoryStep(Strict):
    turn: int = Field(ge=1, le=40, description="The turn in which the real council did this.")
    action: dict[str, object] = Field(description="An engine action, e.g. {kind = \"make_sense\", problem = \"x\"}.")
    note: str = Field("", max_length=500, description="What the real council did, in your words.")
    source: str = Field("", max_length=200, description="Fact id and seed file.")


class DocumentedOutcome(Strict):
    label: str = Field(min_length=1, max_length=300, description="What happened, in your words.")
    date: str = Field("", max_length=40)
    source: str = Field(min_length=1, max_length=200, description="Fact id and seed file.")


class HistoryFile(Strict):
    direction: str = Field("", max_length=500, description="The documented direction of travel, one sentence.")
    step: list[HistoryStep] = Field(default_factory=list)
    outcome: list[DocumentedOutcome] = Field(default_factory=list)


# --------------------------------------------------------------------------- the whole pack


class Pack(Strict):
    """A whole validated pack, as the engine receives it."""

    info: PackInfo
    problems: list[Problem]
    providers: list[Provider]
    contracts: list[StartingContract] = Field(default_factory=list)
    stakeholders: list[Stakeholder]
    events: list[Event] = Field(default_factory=list)
    history: HistoryFile | None = None
    texts: dict[str, str] = Field(default_factory=dict, description="Markdown from text/*.md by file stem.")
    content_hash: str = Field("", description="Hash of the pack files, set by the loader.")

    @property
    def id(self) -> str:
        return self.info.id
