#!/usr/bin/env bash
# Adds one EF Core migration, named $1, to both providers' migrations assemblies.
# Usage: tools/add-migration.sh AddFetchLedger
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/Mailroom.Migrations.$provider
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
