#!/usr/bin/env node
// Codemod: gives every relative import in the Node-run TypeScript (packages/, apps/server, bench, e2e)
// the `.js` specifier that plain Node ESM needs once tsc has emitted it (`./x` -> `./x.js`,
// `./dir` -> `./dir/index.js`). Idempotent: rerun it after merging a branch that adds imports.
// Rewritten files are reformatted with prettier. `--check` changes nothing and exits 1 when a file still needs rewriting (usable in CI).
// apps/web is left alone: Vite bundles it, so its extensionless imports are fine.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCOPES = ['packages', 'apps/server', 'bench', 'e2e'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage']);
const SOURCE_FILE = /\.(m|c)?tsx?$/;
const DONE = /\.(m|c)?js$|\.json$|\.(css|svg|png|html)$/;

const check = process.argv.includes('--check');

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

const isFile = (file) => existsSync(file) && statSync(file).isFile();

/** The specifier Node needs for `spec` imported from `file`, or null when it is fine or unknown. */
function rewrite(spec, file) {
  if (spec === '.' || spec === '..') spec += '/';
  if (!spec.startsWith('./') && !spec.startsWith('../')) return null;
  if (DONE.test(spec)) return null;
  const base = path.resolve(path.dirname(file), spec);
  if (/\.tsx?$/.test(spec) && isFile(base)) return spec.replace(/\.tsx?$/, '.js');
  if (isFile(`${base}.ts`) || isFile(`${base}.tsx`) || isFile(`${base}.d.ts`)) return `${spec}.js`;
  if (isFile(path.join(base, 'index.ts')) || isFile(path.join(base, 'index.tsx'))) {
    return `${spec.replace(/\/$/, '')}/index.js`;
  }
  console.warn(`${path.relative(ROOT, file)}: cannot resolve ${spec}; left as is`);
  return null;
}

/** Every string literal that names a module: import/export declarations, import(), import types. */
function specifierNodes(sourceFile) {
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0]);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

let changedFiles = 0;
const rewritten = [];
let changedImports = 0;
for (const scope of SCOPES) {
  const dir = path.join(ROOT, scope);
  if (!existsSync(dir)) continue;
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
    const edits = [];
    for (const literal of specifierNodes(sourceFile)) {
      const next = rewrite(literal.text, file);
      if (next !== null) edits.push({ start: literal.getStart(sourceFile) + 1, end: literal.end - 1, next });
    }
    if (edits.length === 0) continue;
    changedFiles += 1;
    changedImports += edits.length;
    if (check) {
      console.log(`${path.relative(ROOT, file)}: ${edits.length} import(s) without a .js extension`);
      continue;
    }
    let out = text;
    for (const edit of edits.sort((a, b) => b.start - a.start)) {
      out = out.slice(0, edit.start) + edit.next + out.slice(edit.end);
    }
    writeFileSync(file, out);
    rewritten.push(file);
  }
}
// A longer specifier can push an import past the print width: reformat what was rewritten.
for (const file of rewritten) {
  const options = await prettier.resolveConfig(file);
  const text = readFileSync(file, 'utf8');
  const formatted = await prettier.format(text, { ...options, filepath: file });
  if (formatted !== text) writeFileSync(file, formatted);
}
console.log(`${check ? 'would rewrite' : 'rewrote'} ${changedImports} import(s) in ${changedFiles} file(s)`);
if (check && changedFiles > 0) process.exitCode = 1;
