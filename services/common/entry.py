"""Process entry points: ``cityplat-worker SERVICE`` and ``cityplat-grpc SERVICE``.

The worker runs nameko on eventlet and must monkey-patch before anything else imports
socket or threading; the gRPC process must never import eventlet. So each entry point
imports what it needs only inside its own function.
"""
import sys

SERVICES = ("registry", "points", "council", "mediation", "centers")


def _service_arg(argv) -> str:
    if len(argv) != 2 or argv[1] not in SERVICES:
        sys.exit(f"usage: {argv[0]} SERVICE   (SERVICE: one of {', '.join(SERVICES)})")
    return argv[1]


def worker_main(argv=None):
    argv = argv or sys.argv
    name = _service_arg(argv)
    import warnings

    # nameko 2.14 is built on eventlet; its deprecation notice is known and says nothing new
    warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()  # psycopg2 then gets eventlet's wait callback: queries don't block the hub
    import importlib
    import signal

    from nameko.runners import ServiceRunner

    from services.common.config import get_settings
    from services.common.logs import configure_logging

    from services.common import tracing

    settings = get_settings()
    configure_logging(name, "worker", settings.log_level, settings.log_format)
    tracing.configure(name, "worker", settings)  # OTLP, when an endpoint is configured
    module = importlib.import_module(f"services.{name}.worker")
    runner = ServiceRunner(config=nameko_config(settings))
    runner.add_service(module.SERVICE)

    def _shutdown(signum, _frame):
        # stop consuming, let running workers finish, then exit
        eventlet.spawn_n(runner.stop)

    signal.signal(signal.SIGTERM, _shutdown)
    signal.signal(signal.SIGINT, _shutdown)
    runner.start()
    try:
        runner.wait()
    finally:
        tracing.shutdown()  # what is still batched goes out


def nameko_config(settings) -> dict:
    return {
        "AMQP_URI": settings.broker_url,
        "serializer": "json",
        # nameko's workers in flight: RPC calls and broadcasts (reliable event handlers take their
        # deliveries in batches of their own, services.common.event_batches)
        "max_workers": 16,
        "parent_calls_tracked": 10,
        "HEARTBEAT": 30,
    }


def grpc_main(argv=None):
    argv = argv or sys.argv
    name = _service_arg(argv)
    import importlib

    from services.common.config import get_settings
    from services.common.logs import configure_logging

    from services.common import tracing

    settings = get_settings()
    configure_logging(name, "grpc", settings.log_level, settings.log_format)
    tracing.configure(name, "grpc", settings)
    from services.common.rollout_broadcast import start_listening

    module = importlib.import_module(f"services.{name}.grpc_server")
    server = module.build_server(settings).start()
    listener = start_listening(settings.broker_url, name, "grpc")  # a rollout change applies here at once
    try:
        server.wait()
    finally:
        listener.stop()
        tracing.shutdown()  # what is still batched goes out
