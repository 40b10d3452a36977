#!/bin/sh
# First start of the compose PostgreSQL: the schema's owner (Flyway migrates as it) and the
# service's role (rows only; platform/persistence/ServiceRoleGrants gives it its grants after each
# migration). Passwords come from the environment, never from this file.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v owner_password="$HAI_OWNER_DB_PASSWORD" -v app_password="$HAI_APP_DB_PASSWORD" <<'SQL'
create role hai_owner login password :'owner_password';
create role hai_app login password :'app_password';
create database hai owner hai_owner;
revoke all on database hai from public;
grant connect on database hai to hai_app;
SQL
