"""The facilitated room (DESIGN §7): teams on their own laptops, one facilitator, nothing lost.

- protocol:    every message as a pydantic model; versions, limits, the state fingerprint
- credentials: join code, team tokens, facilitator secret
- room:        the state machine — every team's game, lockstep quarters, the clock
- journal:     the SQLite journal the room is replayed from
- server:      websockets in front of room + journal; opening and resuming rooms
- client:      TeamClient (for screens) and FacilitatorClient; BackgroundLoop for pygame
- packs:       getting the room's exact pack onto a team laptop
- results:     comparing teams, the cohort debrief, CSV and HTML exports
- console:     the facilitator's pygame window
- terminal:    `room join` as a text screen
- network, host, commands: binding and plain network errors; `room host/join/console`
- loopback:    a room on loopback for tests and benchmarks
"""
