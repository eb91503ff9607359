"""Fixtures shared by the integration tests (the servers' own are in tests/conftest.py)."""
