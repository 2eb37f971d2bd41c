/**
 * Compiles the TypeScript sources the benchmarks load (packages, apps, bench)
 * to CommonJS with SWC, into a build directory, so benchmark processes run
 * plain JavaScript like production. Returns the directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { transformSync } = require('@swc/core');

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', '__tests__', 'test-support', 'test-fixtures'].includes(entry.name))
        yield* sources(full);
    } else if (
      /\.tsx?$/.test(entry.name) &&
      !/\.test\.tsx?$/.test(entry.name) &&
      !entry.name.endsWith('.d.ts')
    ) {
      yield full;
    }
  }
}

export function compileForBench(root) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-bench-build-'));
  const dirs = [
    ...['packages', 'apps'].flatMap((d) =>
      fs.readdirSync(path.join(root, d)).map((name) => path.join(root, d, name, 'src')),
    ),
    path.join(root, 'bench'),
  ].filter((d) => fs.existsSync(d) && !d.includes(`${path.sep}web${path.sep}`));
  // The documented webhook bodies the load generator sends, and the plugin sites it sends for.
  const shared = [
    path.join(root, 'test', 'support', 'shopify-stand-in', 'samples.ts'),
    path.join(root, 'test', 'support', 'seed-sites.ts'),
  ];
  for (const file of [...dirs.flatMap((dir) => [...sources(dir)]), ...shared]) {
    const { code } = transformSync(fs.readFileSync(file, 'utf8'), {
      filename: file,
      jsc: { parser: { syntax: 'typescript', tsx: file.endsWith('.tsx') }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    const target = path.join(out, path.relative(root, file)).replace(/\.tsx?$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, code);
  }
  return out;
}
