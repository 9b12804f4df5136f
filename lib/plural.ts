/** "1 paper", "2 papers": a count with its noun (the user reads these in notices and counts). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
