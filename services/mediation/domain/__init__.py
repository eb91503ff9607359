"""Mediation domain rules (DOMAIN.md §4), pure Python, no I/O.

- cases.py        intake channels, parties and masking, the case life cycle, satisfaction, reopening
- ladder.py       the escalation ladder community → sub-district → district, deadlines per category
- deliberation.py "four deliberations, two disclosures" (四议两公开), votes, resolutions and actions
- figures.py      the figures the users steer by: the community-resolution share (target 80%), satisfaction
"""
