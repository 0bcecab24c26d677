import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from '../app';
import { appStacks, stackVariables } from '../lib/stack-variables';
import { removeTempDirs, tempDir } from './support/files';

afterAll(removeTempDirs);

const root = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** Relative link targets of a Markdown text, without their #anchors. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t) && !t.startsWith('#')).map((t) => t.split('#')[0]);
}

describe('the README', () => {
  test('stays short enough to read in five minutes: at most about 200 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(210);
  });

  test('every link to a file resolves, in the README and in docs/', () => {
    const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md'));
    const broken = [
      ...relativeLinks(readme).map((t) => ({ from: 'README.md', to: t, file: path.join(root, t) })),
      ...docs.flatMap((d) => relativeLinks(fs.readFileSync(path.join(root, 'docs', d), 'utf8')).map((t) => ({ from: `docs/${d}`, to: t, file: path.join(root, 'docs', t) }))),
    ].filter((l) => !fs.existsSync(l.file));
    expect(broken.map(({ from, to }) => ({ from, to }))).toEqual([]);
    expect(relativeLinks(readme).filter((t) => t.startsWith('docs/')).length).toBeGreaterThanOrEqual(10);
  });

  test('every docs/ page is in its docs index', () => {
    const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md'));
    const index = readme.slice(readme.indexOf('## Docs'));
    expect(docs.filter((d) => !index.includes(`](docs/${d})`))).toEqual([]);
  });

  test('keeps the two commands of a fresh machine', () => {
    expect(readme).toContain('\nnpm ci && npm run synth ');
    expect(readme).toContain('\nnpm test ');
  });

  test('its deploy table names every variable each stack needs, and only those', () => {
    // GIVEN the variables every stack declares without a default, as a deploy asks for them
    const needed = new Map<string, string[]>();
    for (const stack of appStacks(buildApp(tempDir('readme-')))) {
      for (const v of stackVariables(stack).filter((x) => x.required)) needed.set(v.name, [...(needed.get(v.name) ?? []), stack.node.id]);
    }
    // WHEN the README's table is read: | `name`[, `name`] | stacks | what |
    const deploy = readme.slice(readme.indexOf('## Deploy'), readme.indexOf('## Environments'));
    const table = new Map<string, string[]>();
    for (const row of deploy.split('\n').filter((l) => l.startsWith('| `'))) {
      const [names, stacks] = row.split('|').slice(1, 3);
      for (const name of [...names.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1])) table.set(name, stacks.split(',').map((s) => s.trim()));
    }
    // THEN they are the same, stack for stack
    expect(Object.fromEntries([...table].sort())).toEqual(Object.fromEntries([...needed].sort()));
  });
});
