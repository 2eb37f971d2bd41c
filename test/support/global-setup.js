/**
 * Runs once before any test. Integration tests need a real Redis and a real
 * PostgreSQL; when one does not answer the run fails here, saying how to start
 * it, instead of letting tests skip themselves.
 */
const net = require('node:net');

function probe(url, defaultPort) {
  const u = new URL(url);
  const port = Number(u.port || defaultPort);
  const host = u.hostname || '127.0.0.1';
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

module.exports = async function globalSetup() {
  const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
  const pgUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const problems = [];
  if (!(await probe(redisUrl, 6379))) {
    problems.push(
      `Redis does not answer at ${redisUrl}. Start one: redis-server --daemonize yes --port 6379 ` +
        `(install: apt-get install -y redis-server), or set TEST_REDIS_URL.`,
    );
  }
  if (!(await probe(pgUrl, 5432))) {
    problems.push(
      `PostgreSQL does not answer at ${pgUrl}. Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ` +
        `(install: apt-get install -y postgresql), or set TEST_DATABASE_URL.`,
    );
  }
  if (problems.length > 0) {
    throw new Error(
      `Required test services are missing:\n- ${problems.join('\n- ')}\n(npm test starts them when they are installed.)`,
    );
  }
};
