#!/bin/sh
# Nightly backup of one Prongsai install: the database and both media folders.
#
#   deploy/backup.sh [/srv/prongsai/prongsai.env] [/srv/backups/prongsai]
#
# Reads DATABASE_URL, DJANGO_MEDIA_ROOT and PRONGSAI_PRIVATE_MEDIA_ROOT from the
# environment file, writes <target>/<date>/{prongsai.dump,media.tar.gz,
# private-media.tar.gz} (mode 0600) and keeps the last KEEP_DAYS (default 14)
# days. The private folder holds citizens' personal data: copy the target off
# the machine only to encrypted storage.
set -eu

ENV_FILE=${1:-/srv/prongsai/prongsai.env}
TARGET=${2:-/srv/backups/prongsai}
KEEP_DAYS=${KEEP_DAYS:-14}

set -a
# shellcheck disable=SC1090
. "$ENV_FILE"
set +a

: "${DATABASE_URL:?DATABASE_URL is not set in $ENV_FILE}"
MEDIA_ROOT=${DJANGO_MEDIA_ROOT:-/srv/prongsai/media}
PRIVATE_ROOT=${PRONGSAI_PRIVATE_MEDIA_ROOT:-$(dirname "$MEDIA_ROOT")/private-media}

umask 077
DIR="$TARGET/$(date +%F)"
mkdir -p "$DIR"

pg_dump --format=custom --file="$DIR/prongsai.dump" "$DATABASE_URL"
for pair in "media:$MEDIA_ROOT" "private-media:$PRIVATE_ROOT"; do
    name=${pair%%:*}
    path=${pair#*:}
    if [ -d "$path" ]; then
        tar -C "$path" -czf "$DIR/$name.tar.gz" .
    else
        echo "backup: $path does not exist; $name skipped" >&2
    fi
done

find "$TARGET" -mindepth 1 -maxdepth 1 -type d -mtime +"$KEEP_DAYS" -exec rm -rf {} +
echo "backup: $DIR"
