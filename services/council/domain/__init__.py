"""The council service's rules (DOMAIN.md §3, 共建理事团): pure Python, no I/O.

- councils.py: one council per community, its leader group, member units, the rotating chair, the
  yearly work plan;
- agreements.py: co-building agreements (共驻共建协议) with units: terms, commitments, renewals, the
  reminder before the end and the lapse at it;
- meetings.py: joint meetings (共建联席会), at least quarterly: agenda, attendance by unit, minutes,
  decisions with an owner and a deadline, followed to completion; what is flagged;
- teams.py: the skills register, service teams (服务小队) and the activities they deliver;
- evaluation.py: mutual evaluation (互学互评) of the member units and of the community's service;
- lists.py: the three lists (三张清单) gathered on visits: needs, resources, what fits a need, the gaps;
- projects.py: the service project bank (为民服务项目库) and its five-step method: the ledger by
  urgency, claims by units and in-service members, escalation, residents' evaluations, the figures;
- fund.py: the co-building fund (共建基金): contributions in fen or in kind, disbursements to projects
  approved by the leader group, entries never below zero, reversals, the public quarterly statement;
- commitments.py: commitments of units and party members, kept and evaluated (承诺、践诺、评诺).
"""
