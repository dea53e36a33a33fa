import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const SRC = join(__dirname, '..');

/**
 * Files that list every feature in order to register it (entities, migrations, the query builder's schema). Like the
 * composition root (the files directly in src/), they do not make their folder depend on what they list.
 */
const REGISTRIES = new Set(['database/entities.ts', 'database/migrations.ts', 'database/query/database.ts']);

/**
 * The folder cycles known today, each cut at the import that points the wrong way. Each is to go: once it has, this
 * spec asks for its line to be removed, so the list only shrinks. A new cycle fails the spec.
 */
const KNOWN_CYCLES: Record<string, string> = {
  'strategy -> adoptions': 'a strategy DTO borrows the calendar-day validator of adoptions',
  'config -> database': 'the runtime resolver starts the embedded database',
  'common -> organizations': 'the authenticated user carries its organisation type',
  'common -> bootstrap': 'the problem filter reads the JSON body limits',
  'privacy -> common': 'the privacy decorator throws the validation exception of common',
  'audit -> organizations': 'audit visibility depends on organisation types',
  'users -> auth': 'users throw the not-visible exception of auth',
};

type Graph = Map<string, Map<string, string[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return entry.name.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The top folder of src/ a file is in; null for the composition root (files directly in src/). */
function folderOf(path: string): string | null {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 ? parts[0] : null;
}

const IMPORT = /\b(?:from|import|require)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

/** Folder → folder it imports → the files that do. Specs are left out: only the code's own dependencies count. */
function folderGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!from || REGISTRIES.has(relative(SRC, file).split(sep).join('/'))) {
      continue;
    }
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const to = folderOf(join(dirname(file), specifier));
      if (!to || to === from) {
        continue;
      }
      const targets = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, targets.set(to, [...(targets.get(to) ?? []), relative(SRC, file)]));
    }
  }
  return graph;
}

/** Strongly connected components of more than one folder (Tarjan): each holds at least one cycle. */
function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = stack.splice(stack.indexOf(node));
      if (component.length > 1) {
        found.push(component.sort());
      }
    }
  };
  for (const node of graph.keys()) {
    if (!index.has(node)) {
      visit(node);
    }
  }
  return found;
}

function without(graph: Graph, edges: string[]): Graph {
  const cut = new Set(edges);
  return new Map(
    [...graph].map(([from, targets]) => [from, new Map([...targets].filter(([to]) => !cut.has(`${from} -> ${to}`)))]),
  );
}

/** Every import between two folders of a cycle, with the files that make it. */
function edgesWithin(graph: Graph, component: string[]): string {
  return [...graph]
    .filter(([from]) => component.includes(from))
    .flatMap(([from, targets]) =>
      [...targets]
        .filter(([to]) => component.includes(to))
        .map(([to, files]) => `${from} -> ${to} (${[...new Set(files)].join(', ')})`),
    )
    .join('\n');
}

describe('imports between the folders of src/', () => {
  const graph = folderGraph();

  it('make no cycle, but the known ones', () => {
    const rest = without(graph, Object.keys(KNOWN_CYCLES));
    expect(cycles(rest).map((component) => edgesWithin(rest, component))).toEqual([]);
  });

  it.each(Object.keys(KNOWN_CYCLES))('%s still closes a cycle (else remove it from the known ones)', (edge) => {
    const [from, to] = edge.split(' -> ');
    expect(graph.get(from)?.has(to)).toBe(true);
    expect(cycles(graph).some((component) => component.includes(from) && component.includes(to))).toBe(true);
  });

  it('leave the queue machinery, the worker and the features it runs out of every cycle', () => {
    const cyclic = cycles(without(graph, Object.keys(KNOWN_CYCLES))).flat();
    for (const folder of ['queue', 'worker', 'reminders', 'webhooks', 'notifications', 'outbox', 'queue-dashboard']) {
      expect({ folder, cyclic: cyclic.includes(folder) }).toEqual({ folder, cyclic: false });
      expect(graph.get('queue')?.has(folder) ?? false).toBe(false);
    }
  });
});
