"""The advisor's thresholds: data, so that tuning them never means editing the rules that use them."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

ADVICE: Mapping[str, float] = MappingProxyType({
    "poor_fit": 0.6,           # an approach whose expected fit is below this for every domain the evidence allows
    "good_fit": 0.9,           # an approach worth suggesting: at least this for every such domain
    "suggest_max": 2,          # approaches named in one hint
    "names_max": 3,            # problems named in one hint before "and N more"
    "projection_turns": 4,     # "within the year": quarters ahead the reserves projection looks
})
