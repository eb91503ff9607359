# cityplat application image: one image for every service and process; the command picks
# which (cityplat-grpc <svc>, cityplat-worker <svc>, cityplat migrate <svc>).
# Build: docker build -t cityplat:0.1.0 .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Numeric, non-root identity: Kubernetes' runAsNonRoot can only verify a numeric USER.
RUN groupadd --system --gid 10001 cityplat \
 && useradd --system --uid 10001 --gid 10001 --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin cityplat

# Install the project (pinned dependencies from pyproject.toml); the source tree is
# dropped afterwards, the processes run from site-packages.
COPY pyproject.toml /src/
COPY services /src/services
COPY proto /src/proto
RUN pip install --no-cache-dir /src \
 && rm -rf /src

WORKDIR /app
# Per-environment overlays, selected with CITYPLAT_CONFIG (docker-compose uses docker.yaml;
# Kubernetes mounts its own copy of production.yaml from a ConfigMap).
COPY deploy/config /app/deploy/config
# var_dir for the SQLite fallback when no database URL is configured.
RUN mkdir -p /app/var && chown 10001:10001 /app/var

USER 10001:10001

# Per service (services.<svc> in services/common/defaults.yaml): gRPC, metrics/health of the
# gRPC process, metrics/health of the worker. A container runs one process and so listens on
# one service's ports only; EXPOSE documents all of them.
#   registry:  50051 9101 9201
#   points:    50052 9102 9202
#   council:   50053 9103 9203
#   mediation: 50054 9104 9204
#   centers:   50055 9105 9205
EXPOSE 50051 9101 9201
EXPOSE 50052 9102 9202
EXPOSE 50053 9103 9203
EXPOSE 50054 9104 9204
EXPOSE 50055 9105 9205

CMD ["cityplat-grpc", "registry"]
