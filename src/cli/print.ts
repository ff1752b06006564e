import type { TriageResult } from '../schema/result.js';

const indent = (text: string): string => text.split('\n').map((line) => `  ${line}`).join('\n');

/** The result as a person reads it in a terminal: decision first, then checks, wording, and why. */
export const formatResult = (result: TriageResult): string => {
  const outcome = Object.entries(result.outcome).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  const lines = [
    `Situation    ${result.situation} (${result.category})`,
    // null holds no one responsible: nobody is at fault, or no one can be named until the checks are done
    `Responsible  ${result.responsible ?? 'none named'}`,
    `Outcome      ${outcome || '-'}`,
    ...(result.escalateTo ? [`Escalate to  ${result.escalateTo}`] : []),
    ...(result.replyBy ? [`Reply by     ${result.replyBy}`] : []),
    ...(result.flags.length > 0 ? [`Flags        ${result.flags.map((f) => `${f.id}: ${f.detail}`).join('; ')}`] : []),
    '',
    'Checks',
    ...result.checks.map((c, i) => indent(`${i + 1}. [${c.owner}] ${c.text}`)),
    '',
    `Wording (${result.wording.locale})`,
    indent(result.wording.text),
    '',
    'Why',
    indent(result.explanation.summary),
    ...(result.explanation.alsoMatched.length > 0
      ? [indent(`also matched: ${result.explanation.alsoMatched.map((m) => `${m.rule} (${m.priority})`).join(', ')}`)]
      : []),
    ...(result.explanation.message ? [indent(`message: ${result.explanation.message.note}`)] : []),
  ];
  return lines.join('\n');
};
