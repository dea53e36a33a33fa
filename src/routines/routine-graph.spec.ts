import { ancestors, findCycle, unknownDependencies } from './routine-graph';

const step = (key: string, ...dependsOn: string[]) => ({ key, dependsOn });

describe('unknownDependencies', () => {
  it('finds dependsOn keys that name no step, with the index of the step naming them', () => {
    expect(unknownDependencies([step('a'), step('b', 'a', 'x'), step('c', 'y')])).toEqual([
      { stepIndex: 1, dependency: 'x' },
      { stepIndex: 2, dependency: 'y' },
    ]);
  });

  it('finds none in a well-formed routine', () => {
    expect(unknownDependencies([step('a'), step('b', 'a'), step('c', 'a', 'b')])).toEqual([]);
  });
});

describe('findCycle', () => {
  it('accepts a DAG, including diamonds', () => {
    expect(findCycle([step('a'), step('b', 'a'), step('c', 'a'), step('d', 'b', 'c')])).toBeNull();
  });

  it('names a self-dependency', () => {
    expect(findCycle([step('a', 'a')])).toEqual(['a', 'a']);
  });

  it('names a two-step cycle as the path that closes it', () => {
    expect(findCycle([step('a', 'b'), step('b', 'a')])).toEqual(['a', 'b', 'a']);
  });

  it('names only the cycle, not the path that led into it', () => {
    expect(findCycle([step('start', 'x'), step('x', 'y'), step('y', 'z'), step('z', 'x')])).toEqual([
      'x',
      'y',
      'z',
      'x',
    ]);
  });

  it('ignores unknown dependencies (reported separately)', () => {
    expect(findCycle([step('a', 'ghost'), step('b', 'a')])).toBeNull();
  });

  it('is not fooled by a node reached twice without a cycle', () => {
    expect(findCycle([step('d', 'b', 'c'), step('b', 'a'), step('c', 'a'), step('a')])).toBeNull();
  });
});

describe('ancestors', () => {
  it('holds the direct and indirect dependencies, not the step itself nor its siblings', () => {
    const steps = [step('a'), step('b', 'a'), step('c', 'a'), step('d', 'b')];
    expect([...ancestors(steps, 'd')].sort()).toEqual(['a', 'b']);
    expect([...ancestors(steps, 'a')]).toEqual([]);
  });

  it('terminates on a cycle and ignores unknown keys', () => {
    expect([...ancestors([step('a', 'b'), step('b', 'a', 'x')], 'a')].sort()).toEqual(['a', 'b', 'x']);
  });
});
