// Which npm packages each workspace's sources import, read with TypeScript's own import scanner (so
// comments and strings are not mistaken for imports), for the test that keeps package.json files honest.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

const SOURCE = /\.(?:ts|tsx|mts|js|mjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'data', 'coverage', '.git']);
const BUILTINS = new Set(builtinModules);

/**
 * Files that only development runs: test files, benchmarks, test-support folders and build configuration
 * (`vite.config.ts`), whose packages are devDependencies.
 */
export function isTestOnly(relativePath: string): boolean {
  return (
    /\.(?:test|bench)\.ts$/.test(relativePath) ||
    /(?:^|\/)[a-z]+\.config\.ts$/.test(relativePath) ||
    relativePath.split('/').includes('test-support')
  );
}

/** Every source file under `dir`, relative to it; `skip` lists top-level folders that belong elsewhere. */
export function sourceFiles(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !(relative === '' && skip.has(entry.name))) walk(child);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

/** The npm package a module specifier names, or undefined for a relative path or a Node built-in. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return BUILTINS.has(name) ? undefined : name;
}

/** The packages a source text imports: static and dynamic imports, re-exports, `import type`, require. */
export function importedPackages(sourceText: string): Set<string> {
  const { importedFiles } = ts.preProcessFile(sourceText, true, true);
  const packages = new Set<string>();
  for (const { fileName } of importedFiles) {
    const name = packageOf(fileName);
    if (name) packages.add(name);
  }
  return packages;
}

export interface WorkspaceImports {
  /** Package → the first file (relative to the workspace) that imports it. */
  runtime: Map<string, string>;
  testOnly: Map<string, string>;
}

export function workspaceImports(dir: string, skip?: ReadonlySet<string>): WorkspaceImports {
  const result: WorkspaceImports = { runtime: new Map(), testOnly: new Map() };
  for (const file of sourceFiles(dir, skip)) {
    const into = isTestOnly(file) ? result.testOnly : result.runtime;
    for (const name of importedPackages(readFileSync(path.join(dir, file), 'utf8'))) {
      if (!into.has(name)) into.set(name, file);
    }
  }
  return result;
}
