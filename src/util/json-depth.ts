/**
 * Whether a value nests arrays/objects deeper than `max` levels. Iterative, so it cannot overflow the
 * stack on hostile input; stops at the first path that is too deep.
 *
 * @param value - any value
 * @param max - largest allowed depth (a scalar has depth 0, `{}` depth 1)
 * @returns true when some path is deeper than `max`
 * @example
 * exceedsDepth({ a: [{ b: 1 }] }, 2) //=> true
 */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let visited = 0;
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > max) return true;
    // Bounded work: a document with millions of nodes is too large anyway.
    if (++visited > 1_000_000) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return false;
}
