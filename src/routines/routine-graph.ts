/** The dependency graph of a routine's steps: what `dependsOn` may and may not say. */
export interface GraphStep {
  key: string;
  dependsOn: readonly string[];
}

export interface UnknownDependency {
  stepIndex: number;
  dependency: string;
}

/** Every `dependsOn` entry that names no step of the routine. */
export function unknownDependencies(steps: readonly GraphStep[]): UnknownDependency[] {
  const keys = new Set(steps.map((step) => step.key));
  return steps.flatMap((step, stepIndex) =>
    step.dependsOn.filter((dependency) => !keys.has(dependency)).map((dependency) => ({ stepIndex, dependency })),
  );
}

/**
 * The first dependency cycle found, as the path of keys that closes it (`['a', 'b', 'a']`: a depends on b, b on a),
 * or null when the steps form a DAG. Unknown dependencies are ignored here (they are their own violation); with
 * duplicate keys the first step holding a key stands for it.
 */
export function findCycle(steps: readonly GraphStep[]): string[] | null {
  const byKey = new Map<string, GraphStep>();
  for (const step of steps) {
    if (!byKey.has(step.key)) {
      byKey.set(step.key, step);
    }
  }
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();

  const visit = (key: string): string[] | null => {
    if (onPath.has(key)) {
      return [...path.slice(path.indexOf(key)), key];
    }
    if (done.has(key)) {
      return null;
    }
    const step = byKey.get(key);
    if (!step) {
      return null;
    }
    path.push(key);
    onPath.add(key);
    for (const dependency of step.dependsOn) {
      const cycle = visit(dependency);
      if (cycle) {
        return cycle;
      }
    }
    path.pop();
    onPath.delete(key);
    done.add(key);
    return null;
  };

  for (const key of byKey.keys()) {
    const cycle = visit(key);
    if (cycle) {
      return cycle;
    }
  }
  return null;
}

/** Every step that `key` depends on, directly or through others (cycles and unknown keys are tolerated). */
export function ancestors(steps: readonly GraphStep[], key: string): Set<string> {
  const byKey = new Map(steps.map((step) => [step.key, step]));
  const found = new Set<string>();
  const pending = [...(byKey.get(key)?.dependsOn ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (!found.has(next)) {
      found.add(next);
      pending.push(...(byKey.get(next)?.dependsOn ?? []));
    }
  }
  return found;
}
