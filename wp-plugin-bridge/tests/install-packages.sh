#!/usr/bin/env bash
# Installs, as root with apt-get, the Debian packages the plugin's tests need when
# any is missing: PHP with mysqli, PHPUnit, WordPress, the MariaDB client (and the
# server when none answers). Without root it fails naming the command to run.
# Used by e2e/prepare-wordpress.sh (so by run.sh and the end-to-end tests) and npm test.
set -euo pipefail

WP_CORE="${DROPSHIP_WP_CORE:-/usr/share/wordpress}"
DB_HOST="${DROPSHIP_TEST_DB_HOST:-127.0.0.1}"
DB_PORT="${DROPSHIP_TEST_DB_PORT:-3306}"

fail() { echo "install-packages.sh: $*" >&2; exit 1; }

missing=()
command -v php >/dev/null 2>&1 || missing+=(php-cli)
{ command -v php >/dev/null 2>&1 && php -r 'exit(extension_loaded("mysqli")?0:1);'; } || missing+=(php-mysql)
command -v phpunit >/dev/null 2>&1 || missing+=(phpunit)
[ -f "$WP_CORE/wp-settings.php" ] || missing+=(wordpress)
command -v mysqladmin >/dev/null 2>&1 || missing+=(mariadb-client)
if [ ! -x /usr/sbin/mariadbd ] && ! { command -v mysqladmin >/dev/null 2>&1 && mysqladmin -h"$DB_HOST" -P"$DB_PORT" -uroot ping >/dev/null 2>&1; }; then
  missing+=(mariadb-server)
fi
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  fail "missing Debian packages: ${missing[*]}. Install them as root: apt-get update && apt-get install -y ${missing[*]}"
fi
echo "Installing ${missing[*]} with apt-get..." >&2
export DEBIAN_FRONTEND=noninteractive
# Another program may be installing meanwhile: wait for its lock rather than fail.
wait=(-o DPkg::Lock::Timeout=600)
apt-get "${wait[@]}" update -qq >/dev/null || fail "apt-get update failed; cannot install ${missing[*]}"
apt-get "${wait[@]}" install -y -qq "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]} failed"
[ -f "$WP_CORE/wp-settings.php" ] || fail "WordPress not found at $WP_CORE after installing the wordpress package"
