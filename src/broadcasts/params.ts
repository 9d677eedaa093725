/** Positional parameters for SQL assembled from parts: `p.add(value)` returns its `$n`. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}
