/**
 * `node -r ./test/support/register-ts.js file.ts`: runs TypeScript sources in a
 * child process the way jest does (SWC, CommonJS) and maps `@dropship/*` to the
 * workspace sources like jest.config.js, so no build is needed.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');

function workspaceEntry(name) {
  for (const dir of ['packages', 'apps']) {
    const entry = path.join(root, dir, name, 'src', 'index.ts');
    if (fs.existsSync(entry)) return entry;
  }
  return undefined;
}

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveDropship(request, parent, ...rest) {
  const match = /^@dropship\/([a-z-]+)$/.exec(request);
  if (match) {
    const entry = workspaceEntry(match[1]);
    if (entry) return entry;
  }
  return originalResolve.call(this, request, parent, ...rest);
};

function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    jsc: { parser: { syntax: 'typescript', tsx: filename.endsWith('.tsx') }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
}

Module._extensions['.ts'] = compile;
Module._extensions['.tsx'] = compile;
