#!/bin/bash
# The official image's contract: initialise an empty /var/lib/mysql with the MYSQL_* (or MARIADB_*) settings,
# then run the server in the foreground as `mysql`, listening on every interface.
set -euo pipefail
env_of() { local name="MYSQL_$1" alt="MARIADB_$1"; printf '%s' "${!alt:-${!name:-}}"; }
if [ "${1:-}" = 'mysqld' ] || [ "${1:-}" = 'mariadbd' ]; then
  shift
  if [ ! -d /var/lib/mysql/mysql ]; then
    root_pw="$(env_of ROOT_PASSWORD)"
    if [ -z "$root_pw" ] && [ -z "$(env_of ALLOW_EMPTY_PASSWORD)" ] && [ -z "$(env_of RANDOM_ROOT_PASSWORD)" ]; then
      echo 'error: database is uninitialized and password option is not specified (MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD)' >&2
      exit 1
    fi
    [ -n "$(env_of RANDOM_ROOT_PASSWORD)" ] && root_pw="$(head -c 18 /dev/urandom | base64)"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db --auth-root-authentication-method=normal >/dev/null
    db="$(env_of DATABASE)" user="$(env_of USER)" pw="$(env_of PASSWORD)"
    {
      echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '${root_pw}';"
      echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
      echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '${root_pw}';"
      [ -n "$db" ] && echo "CREATE DATABASE IF NOT EXISTS \`${db}\`;"
      if [ -n "$user" ]; then
        echo "CREATE USER '${user}'@'%' IDENTIFIED BY '${pw}';"
        [ -n "$db" ] && echo "GRANT ALL ON \`${db}\`.* TO '${user}'@'%';"
      fi
      echo "FLUSH PRIVILEGES;"
    } >/tmp/init.sql
    mariadbd --user=mysql --datadir=/var/lib/mysql --bootstrap </tmp/init.sql
    rm -f /tmp/init.sql
  fi
  exec mariadbd --user=mysql --datadir=/var/lib/mysql --bind-address=0.0.0.0 --port=3306 "$@"
fi
exec "$@"
