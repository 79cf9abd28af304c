"""The engine defaults table: every tuning number the rules use, in one place.

Rules never hold literals; they read these tables through `Rules`, which a
pack's `[tuning]` may override. The values encode the game's argument (DESIGN
§1): each approach fits some Cynefin domains and not others, rigid contracts
hide a misfit for a year, relational approaches are slow to bite.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

DOMAINS = ("clear", "complicated", "complex", "chaotic")

# fit[approach][domain]: scales effectiveness (DESIGN §3.4).
FIT: Mapping[str, Mapping[str, float]] = MappingProxyType({
    "tender":     {"clear": 1.00, "complicated": 0.70, "complex": 0.35, "chaotic": 0.20},
    "specialist": {"clear": 0.80, "complicated": 1.10, "complex": 0.50, "chaotic": 0.30},
    "outcomes":   {"clear": 0.75, "complicated": 1.00, "complex": 0.45, "chaotic": 0.20},
    "alliance":   {"clear": 0.60, "complicated": 0.80, "complex": 1.15, "chaotic": 0.50},
    "community":  {"clear": 0.50, "complicated": 0.60, "complex": 1.10, "chaotic": 0.40},
    "pilots":     {"clear": 0.40, "complicated": 0.70, "complex": 1.05, "chaotic": 0.30},
    "in_house":   {"clear": 0.95, "complicated": 0.80, "complex": 0.70, "chaotic": 0.90},
    "step_in":    {"clear": 0.60, "complicated": 0.50, "complex": 0.40, "chaotic": 1.20},
})

# Per-approach parameters.
#  lead: procurement turns before the contract starts
#  ramp: turns after the start before full effect; floor: share of effect at start
#  cost: capacity points to commission
#  rigidity: 0..1, how much a specification hides misfit early and how much it
#            costs in variations later ("if it's not in the spec, it's not getting done")
#  trust_with: stakeholders whose mean trust drives the trust factor (relational)
#  trust_gate: that mean trust must reach this before the approach can be used
#  prevention: strength of the demand bend on preventable problems, after the ramp
#  premium: price multiplier on the money needed (step-in is dear)
#  length: default contract length in turns
#  types: provider types that can deliver it
APPROACHES: Mapping[str, Mapping[str, object]] = MappingProxyType({
    "tender": dict(lead=2, ramp=1, floor=1.0, cost=1, rigidity=1.0, trust_with=(), trust_gate=0.0,
                   prevention=0.0, premium=1.0, length=12, types=("outsourcer", "sme", "vcse")),
    "specialist": dict(lead=2, ramp=2, floor=0.7, cost=1, rigidity=0.5, trust_with=(), trust_gate=0.0,
                       prevention=0.0, premium=1.1, length=8, types=("sme", "vcse", "nhs", "outsourcer")),
    "outcomes": dict(lead=3, ramp=2, floor=0.7, cost=2, rigidity=0.8, trust_with=("providers",), trust_gate=0.0,
                     prevention=0.2, premium=1.05, length=12, types=("outsourcer", "vcse", "sme")),
    "alliance": dict(lead=2, ramp=4, floor=0.3, cost=2, rigidity=0.0, trust_with=("vcse", "nhs", "staff"),
                     trust_gate=45.0, prevention=0.6, premium=1.0, length=12,
                     types=("vcse", "nhs", "sme", "community", "council_company", "in_house")),
    "community": dict(lead=1, ramp=5, floor=0.2, cost=1, rigidity=0.0, trust_with=("residents", "vcse"),
                      trust_gate=35.0, prevention=1.0, premium=0.9, length=8, types=("community", "vcse")),
    "pilots": dict(lead=1, ramp=3, floor=0.4, cost=2, rigidity=0.0, trust_with=("staff", "vcse"),
                   trust_gate=30.0, prevention=0.2, premium=1.0, length=4,
                   types=("vcse", "community", "sme", "in_house", "nhs")),
    "in_house": dict(lead=1, ramp=1, floor=0.8, cost=1, rigidity=0.3, trust_with=(), trust_gate=0.0,
                     prevention=0.0, premium=1.1, length=12, types=("in_house", "council_company")),
    "step_in": dict(lead=0, ramp=0, floor=1.0, cost=1, rigidity=0.0, trust_with=(), trust_gate=0.0,
                    prevention=0.0, premium=1.6, length=2, types=("in_house",)),
})

@dataclass(frozen=True, slots=True)
class ApproachParams:
    """One row of APPROACHES, typed; `params["lead"]` also works for readers that index."""

    lead: int
    ramp: int
    floor: float
    cost: int
    rigidity: float
    trust_with: tuple[str, ...]
    trust_gate: float
    prevention: float
    premium: float
    length: int
    types: tuple[str, ...]

    def __getitem__(self, name: str) -> object:
        return getattr(self, name)


# Named rule coefficients; a pack may override any of them by name.
RULES: Mapping[str, float] = MappingProxyType({
    # outcomes and demand
    "outcome_rate": 0.30,           # share of the gap to the target closed each turn
    "target_scale": 85.0,           # target outcome at effectiveness 1.0
    "funding_cap": 1.25,            # funding above this share of need buys nothing more
    "disorder_penalty": 0.90,       # commissioning before classifying: acting without understanding
    "failure_demand": 0.0006,       # extra growth per turn per outcome point below the threshold
    "failure_threshold": 50.0,
    "prevention_strength": 0.035,   # growth removed per turn at full preventive effect
    "min_growth": -0.06,
    "unserved_statutory_regulator": -2.0,  # regulator trust per turn while a statutory problem is unserved
    # rigid contracts on the wrong problem
    "honeymoon_turns": 4.0,         # turns a specification hides its misfit
    "apparent_fit": 0.90,           # how well a rigid contract seems to fit during the honeymoon
    "misfit_decay": 0.18,           # per turn after the honeymoon, toward the true fit
    "variation_rate": 0.06,         # cost of variations per turn, share of value, at full misfit
    # trust
    "trust_factor_base": 0.6,       # trust factor = base + span * mean trust / 100
    "trust_factor_span": 0.8,
    "trust_outcome_pull": 0.03,     # trust per turn per outcome point away from the pivot
    "trust_outcome_pivot": 50.0,    # an outcome at this level leaves trust where it is
    "trust_turn_cap": 2.5,          # most that outcomes alone move a trust in one turn
    "end_contract_providers": -5.0,
    "end_contract_vcse": -4.0,
    "end_contract_staff": -2.0,
    "council_tax_residents": -3.0,  # trust per % rise
    "council_tax_members": -1.5,
    "step_in_staff_per_turn": -3.0, # staff trust per turn a step-in runs past its grace
    "step_in_grace": 2.0,
    "make_sense_staff": 1.0,        # listening to front-line staff earns a little trust
    "make_sense_residents": 0.5,
    "collapse_residents": -4.0,
    "collapse_members": -3.0,
    "relational_award_vcse": 2.0,   # commissioning with the sector earns its trust
    "vary_down_providers": -2.0,
    "election_won_members": 3.0,
    # capacity costs of actions other than commissioning
    "make_sense_cost": 1.0,
    "end_contract_cost": 1.0,
    "vary_contract_cost": 1.0,
    "contingency_capacity": 1.0,
    "establish_cost": 2.0,
    "council_tax_cost": 1.0,
    "max_contracts_per_problem": 3.0,
    "max_funding_multiple": 3.0,    # a contract may not be worth more than this times the need
    "council_tax_floor": -5.0,      # the largest cut allowed, per cent
    # capacity
    "staff_capacity_high": 70.0,    # staff trust at or above this adds a point
    "staff_capacity_low": 30.0,     # below this removes one
    "partnership_capacity_trust": 60.0,  # two alliances with partner trust above this add a point
    "chaos_capacity": -1.0,         # each chaotic problem consumes attention…
    "chaos_capacity_max": -2.0,     # …up to this much
    "min_capacity": 1.0,
    # providers
    "health_noise": 2.5,
    "health_signal_watch": 45.0,
    "health_signal_warning": 25.0,
    "strategic_load": 0.6,          # health lost per turn per contract beyond three held
    "collapse_outcome_hit": 25.0,
    "collapse_cost_turns": 2.0,     # emergency cost: this many turns of the lost contract value
    "contingency_softening": 0.35,  # share of the hit and cost left with a contingency plan
    "contingency_cost": 0.15,       # £m to plan for one provider
    # contracts
    "penalty_before_break": 0.5,    # share of the remaining value paid to end before the break point
    "penalty_after_break": 0.1,
    # domains
    "chaos_outcome_drop": 4.0,      # outcome lost per turn in chaos unless command and control runs
    "learning_threshold": 6.0,      # learning needed before a complex problem becomes complicated
    # inspections and elections
    "inspect_outcome_weight": 0.8,
    "grade_good": 60.0,
    "grade_outstanding": 82.0,
    "grade_requires_improvement": 40.0,
    "intervention_capacity": -1.0,
    "intervention_turns": 4.0,
    "inadequate_regulator": -10.0,
    "inadequate_members": -6.0,
    "good_regulator": 5.0,
    "election_threshold": 40.0,
    "election_lost_capacity": -1.0,
    "election_lost_turns": 2.0,
    # scoring
    "finance_span": 250.0,          # finance score = 50 + span * reserves change / annual income
})

INSPECTION_GRADES = ("inadequate", "requires_improvement", "good", "outstanding")
GRADE_POINTS: Mapping[str, float] = MappingProxyType(
    {"inadequate": 0.0, "requires_improvement": 40.0, "good": 75.0, "outstanding": 100.0}
)
LETTERS = ("A", "B", "C", "D", "E")
