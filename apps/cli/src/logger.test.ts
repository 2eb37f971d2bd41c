import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const register = path.join(root, 'test', 'support', 'register-ts.js');
const logger = path.join(__dirname, 'logger.ts');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `body` in a child process with `log`, the CLI's logger at info, until
 * it exits; `onStdout` sees the output so far and may write to its stdin.
 */
function runWithLogger(
  body: string,
  onStdout?: (text: string, stdin: NodeJS.WritableStream) => void,
): Promise<Exit> {
  const script = `const log = require(${JSON.stringify(logger)}).createLogger('info');\n${body}`;
  const child = spawn(process.execPath, ['-r', register, '-e', script], { cwd: root, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onStdout?.(stdout, child.stdin);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const lines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the CLI logger', () => {
  it('writes every line logged right before process.exit, each one redacted', async () => {
    const exit = await runWithLogger(`
      for (let n = 0; n < 5000; n += 1) log.info({ n, headers: { authorization: 'Bearer s3cret' } }, 'line');
      process.exit(0);
    `);
    expect(exit.code).toBe(0);
    const written = lines(exit.stdout);
    expect(written.map((line) => line.n)).toEqual(Array.from({ length: 5000 }, (_, n) => n));
    expect(exit.stdout).not.toContain('s3cret');
    expect(written[4999]).toMatchObject({ headers: { authorization: '[redacted]' }, msg: 'line' });
  });

  it('writes the lines logged right before an uncaught exception ends the process', async () => {
    const exit = await runWithLogger(`
      setTimeout(() => {
        for (let n = 0; n < 5000; n += 1) log.info({ n }, 'line');
        throw new Error('crash');
      }, 10);
    `);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('crash');
    expect(lines(exit.stdout)).toHaveLength(5000);
  });

  it('writes a lone line at once, without waiting for more lines or for the exit', async () => {
    // The child exits 0 once its parent has read the line and said so, or 3 after 10 s (the line held back).
    const exit = await runWithLogger(
      `
      log.info('alone');
      const timer = setTimeout(() => process.exit(3), 10000);
      process.stdin.once('data', () => { clearTimeout(timer); process.exit(0); });
      `,
      (text, stdin) => {
        if (text.includes('"msg":"alone"')) stdin.write('seen\n');
      },
    );
    expect(exit.code).toBe(0);
    expect(lines(exit.stdout).map((line) => line.msg)).toEqual(['alone']);
  }, 15_000);
});
