"""The council service's rules (DOMAIN.md §3, 共建理事团): pure Python, no I/O.

- councils.py: one council per community, its leader group, member units, the rotating chair, the
  yearly work plan;
- agreements.py: co-building agreements (共驻共建协议) with units: terms, commitments, renewals, the
  reminder before the end and the lapse at it;
- meetings.py: joint meetings (共建联席会), at least quarterly: agenda, attendance by unit, minutes,
  decisions with an owner and a deadline, followed to completion; what is flagged.
"""
