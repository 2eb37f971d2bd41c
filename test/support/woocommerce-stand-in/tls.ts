import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A self-signed certificate for 127.0.0.1 / localhost (EC P-256, valid until
 * 2126), test-only. Regenerate with:
 * openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem \
 *   -days 36500 -subj "/CN=woocommerce-stand-in" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost"
 */
export const standInTls = {
  key: readFileSync(join(__dirname, 'tls', 'key.pem'), 'utf8'),
  cert: readFileSync(join(__dirname, 'tls', 'cert.pem'), 'utf8'),
};
