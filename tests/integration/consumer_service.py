"""A real nameko consumer built from the kernel's reliable handler and inbox, run as a process.

The integration tests start it with ``python -m tests.integration.consumer_service`` so that
eventlet's monkey patching stays out of the pytest process. Environment:
SOURCE (event source service), DATABASE_URL, AMQP_URI, RETRY_BUDGET; HANG=1 makes the handler
announce "handling <event_id>" and never finish (a consumer about to die mid-event).
"""
import eventlet

eventlet.monkey_patch()

import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402

from nameko.runners import ServiceRunner  # noqa: E402
from sqlalchemy import Column, Integer, MetaData, String, Table, insert  # noqa: E402

from services.common.messaging_tables import inbox_table  # noqa: E402
from services.common.nameko_support import DatabaseProvider, idempotent, reliable_event_handler  # noqa: E402

metadata = MetaData()
inbox_table(metadata)
credits = Table("credits", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
                Column("event_id", String(36)), Column("points", Integer))
SOURCE = os.environ["SOURCE"]


class CreditConsumer:
    name = "testconsumer"
    db = DatabaseProvider(metadata)

    @reliable_event_handler(SOURCE, "volunteer.credited")
    @idempotent("testconsumer.credit")
    def credit(self, uow, envelope):
        if os.environ.get("HANG") == "1":
            print(f"handling {envelope['event_id']}", flush=True)
            sys.stdout.flush()
            eventlet.sleep(3600)
        if envelope["payload"].get("poison"):
            raise RuntimeError("poison message")
        uow.session.execute(insert(credits).values(event_id=envelope["event_id"],
                                                   points=envelope["payload"]["points"]))


def main():
    runner = ServiceRunner({"AMQP_URI": os.environ["AMQP_URI"], "DATABASE_URL": os.environ["DATABASE_URL"],
                            "RETRY_BUDGET": int(os.environ.get("RETRY_BUDGET", "2")), "serializer": "json"})
    runner.add_service(CreditConsumer)
    signal.signal(signal.SIGTERM, lambda *_: eventlet.spawn_n(runner.stop))
    runner.start()
    print("consumer ready", flush=True)
    runner.wait()


if __name__ == "__main__":
    main()
