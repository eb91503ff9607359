"""Registry domain rules (DOMAIN.md §1 and territory), pure Python, no I/O.

- territory.py     division levels and codes (统计用区划代码)
- organisations.py organisation kinds and what may sit under what (组织), partner units
- people.py        member categories, posts and terms (换届/补选), reserve cadres (后备干部)
- ratings.py       star ratings from score sheets and their consequences (星级评定)
(rollout rings and feature stages are read by every service: services.common.rollout)
"""
