import { FIREWORKS_STATES, type FireworksState } from './fireworks-state';

/**
 * The `filter` and `orderBy` of a Fireworks list (AIP-160 and AIP-132 subsets): terms
 * `field = value` or `field != value` joined by `AND`, on `state` and `display_name`
 * (`displayName` too); values bare (`READY`) or double-quoted with `\"` and `\\` escapes.
 */
export type FireworksFilterTerm =
  | { field: 'state'; operator: '=' | '!='; value: FireworksState }
  | { field: 'displayName'; operator: '=' | '!='; value: string };

export type FireworksOrderField = 'createTime' | 'name';
export interface FireworksOrder {
  field: FireworksOrderField;
  direction: 'asc' | 'desc';
}

/** Newest first unless asked otherwise. */
export const DEFAULT_FIREWORKS_ORDER: FireworksOrder = { field: 'createTime', direction: 'desc' };

export type Parsed<T> = { value: T } | { problem: string };

const FIELD_ALIASES: Record<string, FireworksFilterTerm['field']> = { state: 'state', display_name: 'displayName', displayName: 'displayName' };
const ORDER_ALIASES: Record<string, FireworksOrderField> = { create_time: 'createTime', createTime: 'createTime', name: 'name' };
const MAX_TERMS = 10;

type Token = { kind: 'word' | 'string' | 'op'; text: string; at: number };

export function parseFireworksFilter(raw: string | undefined): Parsed<FireworksFilterTerm[]> {
  if (raw === undefined || raw.trim() === '') return { value: [] };
  const tokens = tokenize(raw);
  if ('problem' in tokens) return tokens;
  const terms: FireworksFilterTerm[] = [];
  let i = 0;
  for (;;) {
    const [field, op, value] = [tokens.value[i], tokens.value[i + 1], tokens.value[i + 2]];
    if (!field || field.kind !== 'word') return { problem: `expected a field name at position ${field?.at ?? raw.length}` };
    const name = FIELD_ALIASES[field.text];
    if (!name) return { problem: `unknown field '${field.text}'; filter on state or display_name` };
    if (!op || op.kind !== 'op') return { problem: `expected = or != after '${field.text}'` };
    if (!value || value.kind === 'op') return { problem: `expected a value after '${field.text} ${op.text}'` };
    const operator = op.text as '=' | '!=';
    if (name === 'state') {
      if (!(FIREWORKS_STATES as readonly string[]).includes(value.text)) return { problem: `state must be one of ${FIREWORKS_STATES.join(', ')}` };
      terms.push({ field: 'state', operator, value: value.text as FireworksState });
    } else {
      terms.push({ field: 'displayName', operator, value: value.text });
    }
    const next = tokens.value[i + 3];
    if (!next) break;
    if (next.kind !== 'word' || next.text !== 'AND') return { problem: `expected AND at position ${next.at}` };
    i += 4;
  }
  if (terms.length > MAX_TERMS) return { problem: `at most ${MAX_TERMS} terms are allowed` };
  return { value: terms };
}

export function parseFireworksOrderBy(raw: string | undefined): Parsed<FireworksOrder> {
  if (raw === undefined || raw.trim() === '') return { value: DEFAULT_FIREWORKS_ORDER };
  const parts = raw.trim().split(/\s+/);
  if (raw.includes(',')) return { problem: 'orderBy takes one field' };
  const field = ORDER_ALIASES[parts[0]!];
  if (!field) return { problem: `cannot order by '${parts[0]}'; use create_time or name` };
  const direction = parts[1]?.toLowerCase() ?? 'asc';
  if (parts.length > 2 || (direction !== 'asc' && direction !== 'desc')) return { problem: `expected '${parts[0]}', '${parts[0]} asc' or '${parts[0]} desc'` };
  return { value: { field, direction } };
}

function tokenize(raw: string): Parsed<Token[]> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < raw.length) {
    const char = raw[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (char === '=' || (char === '!' && raw[i + 1] === '=')) {
      tokens.push({ kind: 'op', text: char === '=' ? '=' : '!=', at: i });
      i += char === '=' ? 1 : 2;
    } else if (char === '"') {
      let text = '';
      let j = i + 1;
      for (; j < raw.length && raw[j] !== '"'; j++) {
        if (raw[j] === '\\') j++;
        if (j >= raw.length) break;
        text += raw[j];
      }
      if (j >= raw.length) return { problem: `unterminated string starting at position ${i}` };
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
    } else {
      const match = /^[A-Za-z0-9_.-]+/.exec(raw.slice(i));
      if (!match) return { problem: `unexpected '${char}' at position ${i}` };
      tokens.push({ kind: 'word', text: match[0], at: i });
      i += match[0].length;
    }
  }
  return { value: tokens };
}
