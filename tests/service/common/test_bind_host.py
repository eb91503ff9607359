"""Safe defaults: every process listens on loopback unless the deployment says otherwise, and an address
others can reach is refused with the development JWT secret (anyone reading the source could mint tokens)."""
from __future__ import annotations

from pathlib import Path

import pytest

from services.common.config import ConfigError, build_settings
from tests.conftest import free_port


def test_the_default_is_loopback():
    assert build_settings({}).bind_host == "127.0.0.1"


def test_any_other_address_with_the_development_secret_is_refused_naming_the_secret():
    with pytest.raises(ConfigError) as refused:
        build_settings({"CITYPLAT_BIND_HOST": "0.0.0.0"})
    assert str(refused.value).startswith("auth.jwt_secret:") and "0.0.0.0" in str(refused.value)


def test_any_other_address_is_served_with_a_secret_of_ones_own():
    settings = build_settings({"CITYPLAT_BIND_HOST": "0.0.0.0", "CITYPLAT_AUTH__JWT_SECRET": "s3cret-of-our-own"})
    assert settings.bind_host == "0.0.0.0"
    assert build_settings({"CITYPLAT_BIND_HOST": "::1"}).bind_host == "::1"  # loopback, any spelling


def test_the_containers_overlays_listen_on_every_interface():
    root = Path(__file__).resolve().parents[3]
    for overlay in ("deploy/config/docker.yaml", "deploy/config/production.yaml"):
        env = {"CITYPLAT_CONFIG": str(root / overlay), "CITYPLAT_AUTH__JWT_SECRET": "x" * 32,
               "CITYPLAT_BROKER_URL": "amqp://u:p@rabbitmq:5672/",
               "CITYPLAT_DATABASE_URL": "postgresql://postgres@postgres:5432/cityplat_{service}"}
        assert build_settings(env).bind_host == "0.0.0.0", overlay


def _v4(hex_word: str) -> str:
    return ".".join(str(int(hex_word[i:i + 2], 16)) for i in (6, 4, 2, 0))  # little-endian


def _listening_addresses(port: int) -> set[str]:
    """The local addresses that listen on ``port`` (Linux /proc/net/tcp and tcp6; gRPC listens on an IPv6
    socket, 127.0.0.1 shown v4-mapped)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A: LISTEN
                continue
            if len(address) == 8:
                found.add(_v4(address))
            elif address.startswith("0000000000000000FFFF0000"):
                found.add(_v4(address[24:]))
            else:
                found.add("::" if set(address) == {"0"} else f"ipv6 {address}")
    return found


def test_health_and_grpc_ports_listen_on_loopback_only_by_default():
    from services.common import metrics
    from services.common.grpc_support import GrpcServer

    http_port, grpc_port = free_port(), free_port()
    server = metrics.serve_http(http_port)
    try:
        assert _listening_addresses(http_port) == {"127.0.0.1"}
    finally:
        server.shutdown()
        server.server_close()
    grpc_server = GrpcServer("test", "test.Nothing", lambda server: None, grpc_port, None)
    grpc_server.start()
    try:
        assert _listening_addresses(grpc_port) == {"127.0.0.1"}
    finally:
        grpc_server.stop()


def test_grpc_connections_age_out_so_clients_spread_over_the_pods():
    """Behind a Kubernetes Service a long-lived HTTP/2 connection pins a client to one pod: the server ends
    each connection after max_connection_age (its calls get the grace), and keepalive finds dead peers."""
    from services.common.grpc_support import server_options

    options = dict(server_options(build_settings({"CITYPLAT_GRPC__MAX_CONNECTION_AGE_SECONDS": "120"})))
    assert options["grpc.max_connection_age_ms"] == 120_000
    assert options["grpc.max_connection_age_grace_ms"] == 30_000
    assert options["grpc.keepalive_time_ms"] == 60_000 and options["grpc.keepalive_permit_without_calls"] == 1
