/** One line of the figures table. */
export type Row = [figure: string, value: string, timesFloor: string, target: string];

/** A plain-text table: a header, a rule, and the rows, columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

/** Non-200 answers as `status ×count`, or `none`. */
export function failureList(failures: Record<string, number>): string {
  const entries = Object.entries(failures);
  if (entries.length === 0) {
    return 'none';
  }
  return entries
    .map(([status, count]) => `${status === '0' ? 'network error' : status} ×${count}`)
    .join(', ');
}

export const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
export const micros = (value: number) => `${value.toFixed(1)} µs`;
export const seconds = (micros: number) => `${(micros / 1e6).toFixed(2)} s`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const rate = (value: number) => `${value.toFixed(0)} /s`;
