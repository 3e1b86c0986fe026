#!/usr/bin/env node
// Builds dist/ with tsc when it is missing or older than any TypeScript source,
// so that `npm start` on a fresh clone needs no separate build step.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const sourceRoots = ['gateway', 'subgraphs', 'schema', 'tests/bench', 'tests/support'];

function newestSourceTime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const newest = Math.max(
  ...sourceRoots.map((dir) => newestSourceTime(path.join(root, dir))),
  fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs,
);
if (newest > built) {
  process.stderr.write('satu: compiling TypeScript (tsc)...\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, new Date().toISOString() + '\n');
}
