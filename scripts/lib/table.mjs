// Plain-text tables for terminal output: columns sized to their widest cell.
export function table(rows, columns) {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((c) => String(c.value(row) ?? '')));
  const widths = columns.map((c, i) => Math.min(c.max ?? 80, Math.max(c.title.length, ...cells.map((r) => r[i].length))));
  const line = (values) => values.map((v, i) => (v.length > widths[i] ? `${v.slice(0, widths[i] - 1)}…` : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
