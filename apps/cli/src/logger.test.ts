import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const register = path.join(root, 'test', 'support', 'register-ts.js');
const logger = path.join(__dirname, 'logger.ts');

/**
 * Runs `body` in a child process with `log`, the CLI's logger at info, and
 * answers its stdout once it has exited 0; `onStdout` sees the output so far
 * and may write to the child's stdin.
 */
function runWithLogger(
  body: string,
  onStdout?: (text: string, stdin: NodeJS.WritableStream) => void,
): Promise<string> {
  const script = `const log = require(${JSON.stringify(logger)}).createLogger('info');\n${body}`;
  const child = spawn(process.execPath, ['-r', register, '-e', script], { cwd: root, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onStdout?.(stdout, child.stdin);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`)))),
  );
}

const lines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the CLI logger', () => {
  it('writes every line logged right before process.exit, each one redacted', async () => {
    const stdout = await runWithLogger(`
      for (let n = 0; n < 5000; n += 1) log.info({ n, headers: { authorization: 'Bearer s3cret' } }, 'line');
      process.exit(0);
    `);
    const written = lines(stdout);
    expect(written.map((line) => line.n)).toEqual(Array.from({ length: 5000 }, (_, n) => n));
    expect(stdout).not.toContain('s3cret');
    expect(written[4999]).toMatchObject({ headers: { authorization: '[redacted]' }, msg: 'line' });
  });

  it('writes a lone line at once, without waiting for more lines or for the exit', async () => {
    // The child exits 0 once its parent has read the line and said so, or 3 after 10 s (the line held back).
    const stdout = await runWithLogger(
      `
      log.info('alone');
      const timer = setTimeout(() => process.exit(3), 10000);
      process.stdin.once('data', () => { clearTimeout(timer); process.exit(0); });
      `,
      (text, stdin) => {
        if (text.includes('"msg":"alone"')) stdin.write('seen\n');
      },
    );
    expect(lines(stdout).map((line) => line.msg)).toEqual(['alone']);
  });
});
