#!/usr/bin/env bash
# Starts the local Postgres and NATS (JetStream) that Fieldwork needs, without Docker, when they
# are not already answering. Uses the machine's own packages (Debian: postgresql, nats-server).
set -euo pipefail

pg_ready() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
nats_ready() { (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null; }

if ! pg_ready; then
  echo "starting Postgres..."
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  else
    echo "Postgres is not running and pg_ctlcluster is not available; start it (or: docker compose up -d postgres)" >&2
    exit 1
  fi
  for _ in $(seq 1 60); do pg_ready && break; sleep 0.5; done
  pg_ready || { echo "Postgres did not come up" >&2; exit 1; }
fi

if ! nats_ready; then
  echo "starting NATS with JetStream..."
  bin="$(command -v nats-server || echo /usr/sbin/nats-server)"
  if [ ! -x "$bin" ]; then
    echo "nats-server is not installed; install it (apt-get install nats-server) or: docker compose up -d nats" >&2
    exit 1
  fi
  mkdir -p /var/lib/nats-server
  start-stop-daemon --start --oknodo --background --exec "$bin" -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  for _ in $(seq 1 60); do nats_ready && break; sleep 0.5; done
  nats_ready || { echo "NATS did not come up" >&2; exit 1; }
fi

echo "Postgres (127.0.0.1:5432) and NATS (127.0.0.1:4222) are up"
