"""Service tests live per service (tests/service/<name>/, each with its own conftest.py) and for the
kernel in tests/service/common/; the fixtures they share are in tests/conftest.py."""
