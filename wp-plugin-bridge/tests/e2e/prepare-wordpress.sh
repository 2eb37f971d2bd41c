#!/usr/bin/env bash
# Prepares a private, real WordPress (Debian's `wordpress` package on the local MariaDB)
# with the plugin installed but inactive, for end-to-end tests that drive it against
# a real platform server, and for ../run.sh (which adds its PHP receiver).
# Usage: prepare-wordpress.sh <work-dir> <database-name>
# Prints nothing on success; the caller drops the database and removes <work-dir> after.
set -euo pipefail

PLUGIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TESTS_DIR="$PLUGIN_DIR/tests"
WP_CORE="${DROPSHIP_WP_CORE:-/usr/share/wordpress}"
DB_HOST="${DROPSHIP_TEST_DB_HOST:-127.0.0.1}"
DB_PORT="${DROPSHIP_TEST_DB_PORT:-3306}"
WORK="${1:?usage: prepare-wordpress.sh <work-dir> <database-name>}"
DB_NAME="${2:?usage: prepare-wordpress.sh <work-dir> <database-name>}"

fail() { echo "prepare-wordpress.sh: $*" >&2; exit 1; }

# PHP, WordPress and the MariaDB client, installed when missing (as root). The lock
# is the one the browser tests' Chromium install takes: apt allows one at a time.
flock "${TMPDIR:-/tmp}/dropship-test-packages.lock" bash "$TESTS_DIR/install-packages.sh"

db_ping() { mysqladmin -h"$DB_HOST" -P"$DB_PORT" -uroot ping >/dev/null 2>&1; }
if ! db_ping; then
  [ -x /usr/sbin/mariadbd ] || fail "MariaDB is not answering on $DB_HOST:$DB_PORT and /usr/sbin/mariadbd is not installed (apt-get install -y mariadb-server)"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do db_ping && break; sleep 0.5; done
  db_ping || fail "MariaDB did not answer on $DB_HOST:$DB_PORT within 30 s after starting /usr/sbin/mariadbd"
fi
mysql -h"$DB_HOST" -P"$DB_PORT" -uroot -e "DROP DATABASE IF EXISTS \`$DB_NAME\`; CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4" \
  || fail "cannot create database $DB_NAME as root without password on $DB_HOST:$DB_PORT"

mkdir -p "$WORK/wp-content/plugins/dropship-connect" "$WORK/wp-content/mu-plugins" "$WORK/wp-content/uploads"
ln -s "$WP_CORE/wp-content/themes" "$WORK/wp-content/themes"
( cd "$PLUGIN_DIR" && tar --exclude=./tests -cf - . ) | ( cd "$WORK/wp-content/plugins/dropship-connect" && tar -xf - )

salt() { php -r 'echo bin2hex(random_bytes(32));'; }
cat > "$WORK/wp-config.php" <<PHP
<?php
define( 'DB_NAME', '$DB_NAME' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', '$DB_HOST:$DB_PORT' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
\$table_prefix = 'wp_';
define( 'AUTH_KEY', '$(salt)' );
define( 'SECURE_AUTH_KEY', '$(salt)' );
define( 'LOGGED_IN_KEY', '$(salt)' );
define( 'NONCE_KEY', '$(salt)' );
define( 'AUTH_SALT', '$(salt)' );
define( 'SECURE_AUTH_SALT', '$(salt)' );
define( 'LOGGED_IN_SALT', '$(salt)' );
define( 'NONCE_SALT', '$(salt)' );
define( 'WP_HOME', 'http://shop.test' );
define( 'WP_SITEURL', 'http://shop.test' );
define( 'WP_CONTENT_DIR', '$WORK/wp-content' );
define( 'WP_CONTENT_URL', 'http://shop.test/wp-content' );
define( 'DISABLE_WP_CRON', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '$WORK/debug.log' );
define( 'FS_METHOD', 'direct' );
// No traffic leaves the machine: only the platform (or its stand-in) on 127.0.0.1 is reachable.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_ACCESSIBLE_HOSTS', '127.0.0.1' );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', '$WP_CORE/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP

php "$TESTS_DIR/support/install-wordpress.php" "$WORK/wp-config.php" >/dev/null || fail "WordPress installation into $DB_NAME failed (see the message above)"
