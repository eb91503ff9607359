"""Configuration: YAML defaults, an overlay file, CITYPLAT_* environment overrides with __ nesting."""
from __future__ import annotations

from pathlib import Path

import pytest

from services.common.config import ConfigError, build_settings

SERVICES = ("registry", "points", "council", "mediation", "centers")


def test_defaults():
    s = build_settings({})
    assert s.environment == "local"
    assert s.auth["jwt_issuer"] == "cityplat" and s.auth["jwt_algorithm"] == "HS256"
    assert set(s.services) == set(SERVICES)
    reg = s.service("registry")
    assert (reg.grpc_port, reg.grpc_http_port, reg.worker_http_port) == (50051, 9101, 9201)
    assert reg.database_url == f"sqlite:///{(Path('var') / 'registry.db').resolve()}"


def test_ports_are_distinct_across_services():
    s = build_settings({})
    ports = [p for svc in s.services.values() for p in (svc.grpc_port, svc.grpc_http_port, svc.worker_http_port)]
    assert len(ports) == len(set(ports))


def test_nested_env_override_is_parsed_as_a_yaml_scalar():
    s = build_settings({"CITYPLAT_SERVICES__REGISTRY__GRPC_PORT": "6051"})
    assert s.service("registry").grpc_port == 6051
    assert s.service("points").grpc_port == 50052  # siblings untouched


def test_nested_override_keeps_the_other_keys_of_the_section():
    s = build_settings({"CITYPLAT_AUTH__JWT_SECRET": "a-production-secret"})
    assert s.auth["jwt_secret"] == "a-production-secret"
    assert s.auth["jwt_issuer"] == "cityplat"
    assert s.auth["token_ttl_seconds"] == 28800


def test_top_level_overrides():
    s = build_settings({"CITYPLAT_LOG_LEVEL": "debug", "CITYPLAT_ENVIRONMENT": "staging",
                        "CITYPLAT_BROKER_URL": "amqp://u:p@rabbit:5672/", "CITYPLAT_VAR_DIR": "/srv/cityplat"})
    assert s.log_level == "DEBUG"
    assert s.environment == "staging"
    assert s.broker_url == "amqp://u:p@rabbit:5672/"
    assert s.service("points").database_url == "sqlite:////srv/cityplat/points.db"


def test_variables_without_the_prefix_are_ignored():
    s = build_settings({"LOG_LEVEL": "debug", "SERVICES__REGISTRY__GRPC_PORT": "1"})
    assert s.log_level == "INFO" and s.service("registry").grpc_port == 50051


def test_database_url_template_is_formatted_per_service():
    s = build_settings({"CITYPLAT_DATABASE_URL": "postgresql://postgres@db:5432/cityplat_{service}"})
    for name in SERVICES:
        assert s.service(name).database_url == f"postgresql://postgres@db:5432/cityplat_{name}"


def test_a_services_own_database_url_wins_over_the_template():
    s = build_settings({"CITYPLAT_DATABASE_URL": "postgresql://db/cityplat_{service}",
                        "CITYPLAT_SERVICES__REGISTRY__DATABASE_URL": "sqlite:////tmp/reg.db"})
    assert s.service("registry").database_url == "sqlite:////tmp/reg.db"
    assert s.service("points").database_url == "postgresql://db/cityplat_points"


@pytest.mark.parametrize("key", ["grpc_port", "grpc_http_port", "worker_http_port"])
def test_a_bad_integer_names_the_key(key):
    with pytest.raises(ConfigError) as err:
        build_settings({f"CITYPLAT_SERVICES__POINTS__{key.upper()}": "fifty"})
    assert f"services.points.{key}" in str(err.value)
    assert "integer" in str(err.value) and "fifty" in str(err.value)


def test_a_new_service_missing_a_port_names_the_key():
    with pytest.raises(ConfigError) as err:
        build_settings({"CITYPLAT_SERVICES__EXTRA__GRPC_PORT": "7000"})
    assert "services.extra.grpc_http_port: missing" in str(err.value)


def test_an_empty_value_means_null():
    with pytest.raises(ConfigError) as err:
        build_settings({"CITYPLAT_BROKER_URL": ""})
    assert "broker_url" in str(err.value)


def test_the_jwt_secret_is_required():
    with pytest.raises(ConfigError) as err:
        build_settings({"CITYPLAT_AUTH__JWT_SECRET": ""})
    assert "auth.jwt_secret" in str(err.value)


def test_overriding_inside_a_scalar_is_refused():
    with pytest.raises(ConfigError) as err:
        build_settings({"CITYPLAT_BROKER_URL__HOST": "x"})
    assert "CITYPLAT_BROKER_URL__HOST" in str(err.value)
    assert "not a section" in str(err.value)


def test_an_overlay_file_is_merged_deeply_and_env_wins_over_it(tmp_path):
    overlay = tmp_path / "production.yaml"
    overlay.write_text("environment: production\nauth:\n  jwt_secret: from-file\n"
                       "services:\n  registry: {grpc_port: 7051}\n")
    s = build_settings({"CITYPLAT_CONFIG": str(overlay), "CITYPLAT_AUTH__JWT_SECRET": "from-env"})
    assert s.environment == "production"
    assert s.auth["jwt_secret"] == "from-env"
    assert s.auth["jwt_issuer"] == "cityplat"
    assert s.service("registry").grpc_port == 7051
    assert s.service("registry").grpc_http_port == 9101


def test_a_missing_overlay_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError) as err:
        build_settings({"CITYPLAT_CONFIG": str(tmp_path / "nope.yaml")})
    assert "CITYPLAT_CONFIG" in str(err.value)


def test_an_unknown_service_is_an_error_listing_the_known_ones():
    with pytest.raises(ConfigError) as err:
        build_settings({}).service("billing")
    assert "services.billing" in str(err.value) and "registry" in str(err.value)
