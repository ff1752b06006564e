/**
 * Wording templates: `{name}` is a placeholder; `[[ … ]]` is an optional section, dropped whole when
 * any placeholder inside it has no value. Templates are parsed once, at rule load.
 */

type Piece = { text: string } | { name: string };
type Part = { pieces: Piece[]; optional: boolean };

export interface CompiledTemplate {
  readonly source: string;
  readonly placeholders: readonly string[];
  /** Placeholders outside `[[ ]]`: their text is printed whether or not they have a value. */
  readonly bare: readonly string[];
  render(value: (name: string) => string | undefined): string;
}

export interface TemplateProblem {
  message: string;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

const parsePieces = (text: string): Piece[] => {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) });
    pieces.push({ name: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
};

/** Splits a template into parts, or reports why it cannot be read. */
export const parseTemplate = (source: string): { parts: Part[] } | { problem: TemplateProblem } => {
  const parts: Part[] = [];
  let rest = source;
  while (rest.length > 0) {
    const open = rest.indexOf('[[');
    const close = rest.indexOf(']]');
    if (close !== -1 && (open === -1 || close < open)) return { problem: { message: '"]]" without a matching "[["' } };
    if (open === -1) {
      parts.push({ pieces: parsePieces(rest), optional: false });
      break;
    }
    if (open > 0) parts.push({ pieces: parsePieces(rest.slice(0, open)), optional: false });
    const end = rest.indexOf(']]', open + 2);
    if (end === -1) return { problem: { message: '"[[" without a closing "]]"' } };
    const inner = rest.slice(open + 2, end);
    if (inner.includes('[[')) return { problem: { message: 'optional sections "[[ ]]" cannot nest' } };
    parts.push({ pieces: parsePieces(inner), optional: true });
    rest = rest.slice(end + 2);
  }
  for (const part of parts) {
    for (const piece of part.pieces) {
      if ('text' in piece && /[{}]/.test(piece.text)) {
        return { problem: { message: `stray brace in "${piece.text.slice(0, 40)}": placeholders look like {factName}` } };
      }
    }
  }
  // A placeholder may have no value and a section may drop: only fixed text is sure to reach the buyer.
  const fixed = parts.filter((p) => !p.optional).flatMap((p) => p.pieces.map((piece) => ('text' in piece ? piece.text : '')));
  if (!/\S/.test(fixed.join(''))) {
    return { problem: { message: 'the text could come out empty: it needs words outside optional sections and placeholders' } };
  }
  return { parts };
};

export const compileTemplate = (source: string): CompiledTemplate | TemplateProblem => {
  const parsed = parseTemplate(source);
  if ('problem' in parsed) return parsed.problem;
  const { parts } = parsed;
  const names = (of: readonly Part[]) => [...new Set(of.flatMap((p) => p.pieces.flatMap((piece) => ('name' in piece ? [piece.name] : []))))];
  const placeholders = names(parts);
  const bare = names(parts.filter((p) => !p.optional));
  // One shape for every piece (text, or a placeholder name), so rendering stays monomorphic.
  const compiled = parts.map((part) => ({
    optional: part.optional,
    pieces: part.pieces.map((piece) => ('text' in piece ? { text: piece.text, name: null } : { text: '', name: piece.name })),
  }));
  // Without placeholders every section is complete: the text is fixed.
  if (placeholders.length === 0) {
    const text = parts.map((part) => part.pieces.map((piece) => ('text' in piece ? piece.text : '')).join('')).join('');
    return { source, placeholders, bare, render: () => text };
  }
  return {
    source,
    placeholders,
    bare,
    render(value) {
      let out = '';
      for (const part of compiled) {
        let chunk = '';
        let complete = true;
        for (const piece of part.pieces) {
          if (piece.name === null) {
            chunk += piece.text;
            continue;
          }
          const v = value(piece.name);
          if (v === undefined || v === '') complete = false;
          else chunk += v;
        }
        if (complete || !part.optional) out += chunk;
      }
      return out;
    },
  };
};

export const isTemplateProblem = (t: CompiledTemplate | TemplateProblem): t is TemplateProblem => !('render' in t);
