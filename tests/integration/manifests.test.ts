// Every package.json says what its code imports, and nothing more (docs/conventions.md "Layout and naming"):
// a missing dependency works by accident through npm's hoisting until a fresh install or a deployment of one
// package breaks; an unused one is weight and attack surface. Test-only imports may be devDependencies of
// the package or of the root; the `tests` workspace is test code throughout.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REPO_ROOT, importedPackages, packageOf, workspaceImports } from '../support/workspace-imports';

const Manifest = z.object({
  name: z.string(),
  workspaces: z.array(z.string()).optional(),
  exports: z.record(z.string(), z.string()).optional(),
  bin: z.record(z.string(), z.string()).optional(),
  dependencies: z.record(z.string(), z.string()).default({}),
  devDependencies: z.record(z.string(), z.string()).default({}),
});
type Manifest = z.infer<typeof Manifest>;

function manifestOf(dir: string): Manifest {
  return Manifest.parse(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as unknown);
}

const root = manifestOf(REPO_ROOT);
const WORKSPACES = root.workspaces ?? [];
/** The workspace whose every file is a test (its packages may all be devDependencies). */
const TEST_WORKSPACE = 'tests';

describe('workspace manifests', () => {
  it('lists the workspaces this test knows', () => {
    expect(WORKSPACES).toEqual(['shared', 'drivers', 'ministries', 'kiosk', 'fleet-server', 'provisioning', 'tests']);
  });

  describe.each(WORKSPACES)('%s', (workspace) => {
    const dir = path.join(REPO_ROOT, workspace);
    const manifest = manifestOf(dir);
    const imports = workspaceImports(dir);
    const self = manifest.name;
    const declared = (name: string) => name in manifest.dependencies || name in manifest.devDependencies;
    const isTestWorkspace = workspace === TEST_WORKSPACE;

    it('declares in dependencies every package its code imports', () => {
      const missing = [...imports.runtime]
        .filter(([name]) => name !== self)
        .filter(([name]) =>
          isTestWorkspace ? !declared(name) && !(name in root.devDependencies) : !(name in manifest.dependencies),
        )
        .map(([name, file]) => `${name} (imported by ${workspace}/${file})`);
      expect(missing).toEqual([]);
    });

    it('declares every package its tests import, in its own manifest or the root devDependencies', () => {
      const missing = [...imports.testOnly]
        .filter(([name]) => name !== self && !declared(name) && !(name in root.devDependencies))
        .map(([name, file]) => `${name} (imported by ${workspace}/${file})`);
      expect(missing).toEqual([]);
    });

    it('declares nothing it does not import, and test-only packages only as devDependencies', () => {
      const unused = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
        (name) => !imports.runtime.has(name) && !imports.testOnly.has(name),
      );
      expect(unused).toEqual([]);
      if (isTestWorkspace) expect(Object.keys(manifest.dependencies)).toEqual([]);
      else {
        const testOnlyInDependencies = Object.keys(manifest.dependencies).filter((name) => !imports.runtime.has(name));
        expect(testOnlyInDependencies).toEqual([]);
      }
    });

    it('points its exports and bin entries at files that exist', () => {
      const targets = [...Object.values(manifest.exports ?? {}), ...Object.values(manifest.bin ?? {})];
      const broken = targets.filter((target) => {
        const star = target.indexOf('*');
        // "./src/*.ts" exports a folder: it must exist; a plain target must be a file.
        return !existsSync(path.join(dir, star === -1 ? target : target.slice(0, star)));
      });
      expect(broken).toEqual([]);
    });
  });

  it('the root declares, as devDependencies, what its own configuration files import', () => {
    const imports = workspaceImports(REPO_ROOT, new Set(WORKSPACES));
    const missing = [...imports.runtime.keys(), ...imports.testOnly.keys()].filter(
      (name) => !(name in root.devDependencies),
    );
    expect(missing).toEqual([]);
    expect(root.dependencies).toEqual({});
  });
});

describe('the import scanner', () => {
  it('finds static, type-only, dynamic and re-exported imports, and ignores comments, built-ins and paths', () => {
    const source = [
      "import { z } from 'zod';",
      "import type { Logger } from 'pino';",
      "export { x } from '@scope/pkg/deep/file';",
      "const lazy = await import('node-hid');",
      "import fs from 'node:fs';",
      "import os from 'os';",
      "import { y } from './local';",
      "// import nothing from 'commented-out';",
      'const text = "import { no } from \'in-a-string\'";',
    ].join('\n');
    expect([...importedPackages(source)].sort()).toEqual(['@scope/pkg', 'node-hid', 'pino', 'zod']);
  });

  it('names the package of a specifier', () => {
    expect(packageOf('@guichet/shared/money/cents')).toBe('@guichet/shared');
    expect(packageOf('tsx/esm/api')).toBe('tsx');
    expect(packageOf('node:path')).toBeUndefined();
    expect(packageOf('child_process')).toBeUndefined();
    expect(packageOf('../x')).toBeUndefined();
  });
});
