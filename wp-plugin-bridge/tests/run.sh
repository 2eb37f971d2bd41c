#!/usr/bin/env bash
# Runs every test of the Dropship Connect WordPress plugin against a real WordPress
# (Debian's `wordpress` package) on the local MariaDB, with a local platform stand-in.
# Installs what is missing (as root, through e2e/prepare-wordpress.sh) and cleans up after itself.
set -euo pipefail

PLUGIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TESTS_DIR="$PLUGIN_DIR/tests"
DB_HOST="${DROPSHIP_TEST_DB_HOST:-127.0.0.1}"
DB_PORT="${DROPSHIP_TEST_DB_PORT:-3306}"
DB_NAME="dropship_wp_test_$$"

fail() { echo "tests/run.sh: $*" >&2; exit 1; }

sql() { mysql -h"$DB_HOST" -P"$DB_PORT" -uroot -e "$1"; }

# --- private WordPress root -------------------------------------------------
WORK="$(mktemp -d /tmp/dropship-wp-test.XXXXXX)"
RECEIVER_PID=""
cleanup() {
  [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null || true
  sql "DROP DATABASE IF EXISTS \`$DB_NAME\`" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# MariaDB (started when it is not answering), the database, the site and WordPress' own install.
bash "$TESTS_DIR/e2e/prepare-wordpress.sh" "$WORK" "$DB_NAME"
mkdir -p "$WORK/receiver"

# --- platform stand-in ------------------------------------------------------
PORT="$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);')"
: > "$WORK/receiver/requests.jsonl"
DROPSHIP_RECEIVER_DIR="$WORK/receiver" php -S "127.0.0.1:$PORT" "$TESTS_DIR/support/receiver.php" >"$WORK/receiver/server.log" 2>&1 &
RECEIVER_PID=$!
for _ in $(seq 1 50); do
  php -r '$c = @fsockopen("127.0.0.1", (int) $argv[1], $e, $s, 0.2); exit($c ? 0 : 1);' "$PORT" && break
  sleep 0.1
done
php -r '$c = @fsockopen("127.0.0.1", (int) $argv[1], $e, $s, 0.2); exit($c ? 0 : 1);' "$PORT" || fail "the platform stand-in did not start on 127.0.0.1:$PORT (see $WORK/receiver/server.log)"
: > "$WORK/receiver/requests.jsonl"

# --- tests ------------------------------------------------------------------
export DROPSHIP_TEST_WP_CONFIG="$WORK/wp-config.php"
export DROPSHIP_TEST_RECEIVER_URL="http://127.0.0.1:$PORT"
export DROPSHIP_RECEIVER_DIR="$WORK/receiver"
export DROPSHIP_TEST_PLUGIN_SOURCE="$PLUGIN_DIR"

cd "$TESTS_DIR"
set +e
phpunit -c "$TESTS_DIR/phpunit.xml" "$@"
status=$?
set -e
exit "$status"
