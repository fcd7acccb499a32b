#!/bin/sh
# The official image's contract: `redis-server [options]` runs as `redis` in /data with protected mode off.
set -e
if [ "${1#-}" != "$1" ]; then
  set -- redis-server "$@"
fi
if [ "$1" = 'redis-server' ]; then
  shift
  set -- redis-server --protected-mode no --bind '* -::*' --dir /data "$@"
  if [ "$(id -u)" = '0' ]; then
    chown -R redis:redis /data 2>/dev/null || true
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi
exec "$@"
