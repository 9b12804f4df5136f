/**
 * Open-addressing hash table from a term's two 32-bit hashes (hash.ts) to a dense slot number.
 * Lookups allocate nothing, which is what makes classification fast.
 */
import { hashTerm } from './hash.ts';

export class TermTable {
  private mask: number;
  private keyA: Int32Array;
  private keyB: Int32Array;
  /** slot + 1 per cell; 0 = empty. */
  private cell: Int32Array;
  size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.mask = cap - 1;
    this.keyA = new Int32Array(cap);
    this.keyB = new Int32Array(cap);
    this.cell = new Int32Array(cap);
  }

  /** Slot of (a, b), or -1. */
  find(a: number, b: number): number {
    const mask = this.mask;
    let i = a & mask;
    while (true) {
      const c = this.cell[i] as number;
      if (c === 0) return -1;
      if (this.keyA[i] === a && this.keyB[i] === b) return c - 1;
      i = (i + 1) & mask;
    }
  }

  /** Slot of (a, b), inserted with the next free slot number if absent. */
  insert(a: number, b: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.rehash();
    const mask = this.mask;
    let i = a & mask;
    while (true) {
      const c = this.cell[i] as number;
      if (c === 0) {
        this.keyA[i] = a;
        this.keyB[i] = b;
        this.cell[i] = ++this.size;
        return this.size - 1;
      }
      if (this.keyA[i] === a && this.keyB[i] === b) return c - 1;
      i = (i + 1) & mask;
    }
  }

  /** Slot of a term string (inserting it). */
  insertTerm(term: string): number {
    const [a, b] = hashTerm(term);
    return this.insert(a, b);
  }

  findTerm(term: string): number {
    const [a, b] = hashTerm(term);
    return this.find(a, b);
  }

  private rehash(): void {
    const { keyA, keyB, cell } = this;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.keyA = new Int32Array(cap);
    this.keyB = new Int32Array(cap);
    this.cell = new Int32Array(cap);
    for (let i = 0; i < cell.length; i++) {
      const c = cell[i] as number;
      if (c === 0) continue;
      const a = keyA[i] as number;
      let j = a & this.mask;
      while (this.cell[j] !== 0) j = (j + 1) & this.mask;
      this.keyA[j] = a;
      this.keyB[j] = keyB[i] as number;
      this.cell[j] = c;
    }
  }
}
