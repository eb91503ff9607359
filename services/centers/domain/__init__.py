"""The centers service's rules (DOMAIN.md §5): pure Python, no I/O.

- spaces.py: centres, their spaces, kinds, capacity, opening hours and China's calendar days;
- bookings.py: bookings of a space and what refuses one (overlap, hours, closures, capacity, quota);
- recurrence.py: recurring bookings (RFC 5545 rules), their limits and exceptions;
- checkins.py: check-ins at an activity, once per person, by id or by the door code;
- garden.py: the eco-garden's plots and harvests;
- stationed.py: organisations stationed in a centre and their deliveries against the promise;
- courses.py: course ordering (居民点单 → 社区下单 → 团队接单), its sessions, attendance and ratings.
"""
