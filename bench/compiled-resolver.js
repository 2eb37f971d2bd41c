/**
 * `node -r bench/compiled-resolver.js <BUILD_DIR>/bench/x.js`: resolves
 * `@dropship/*` to the sources compiled by bench/compile.mjs, so a benchmark
 * measures plain JavaScript like production (no compiler in the process).
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const buildDir = process.env.DROPSHIP_BENCH_BUILD;
if (!buildDir) throw new Error('DROPSHIP_BENCH_BUILD is not set: run the benchmark through bench/run.mjs.');

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveCompiled(request, parent, ...rest) {
  const match = /^@dropship\/([a-z-]+)$/.exec(request);
  if (match) {
    for (const dir of ['packages', 'apps']) {
      const entry = path.join(buildDir, dir, match[1], 'src', 'index.js');
      if (fs.existsSync(entry)) return entry;
    }
  }
  return originalResolve.call(this, request, parent, ...rest);
};
// Compiled files live outside the tree: let them find the tree's node_modules.
process.env.NODE_PATH = [path.resolve(__dirname, '..', 'node_modules'), process.env.NODE_PATH]
  .filter(Boolean)
  .join(path.delimiter);
Module._initPaths();
