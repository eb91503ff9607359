"""Points domain rules (DOMAIN.md §2), pure Python, no I/O.

- ledger.py    double entry: accounts, balanced postings, expiry, oldest-first spending, statements
- rules.py     earning rules per district: versions, caps, who they apply to, approval
- cycle.py     the member points annual cycle (党员积分制): steps, roles, objections, grading, exemptions
- catalogue.py the points station (积分驿站): items, reservations, pick-up codes
"""
