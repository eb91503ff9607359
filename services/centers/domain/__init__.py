"""The centers service's rules (DOMAIN.md §5): pure Python, no I/O.

- spaces.py: centres, their spaces, kinds, capacity, opening hours and China's calendar days;
- bookings.py: bookings of a space and what refuses one (overlap, hours, closures, capacity, quota).
"""
