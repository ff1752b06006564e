/** Where a problem is: a file (or `<object #n>`) and a JSON path inside it, or an input path. */
export interface TriageIssue {
  /** The rule file, or `input` for the triage input. */
  file?: string;
  /** JSON path of the problem, `$.conditions.all[2].fact`. */
  path: string;
  message: string;
  /** zod's issue code, or one of ours (`unknown_situation`, `unknown_check`, ...). */
  code: string;
}

export type TriageErrorCode = 'INVALID_INPUT' | 'INVALID_RULE' | 'INVALID_OPTIONS' | 'ENGINE_FAILURE';

/** The one error type of the library: `code` tells what failed, `issues` list every problem with its path. */
export class TriageError extends Error {
  override readonly name = 'TriageError';
  readonly code: TriageErrorCode;
  readonly issues: readonly TriageIssue[];

  constructor(code: TriageErrorCode, issues: readonly TriageIssue[], options?: { cause?: unknown }) {
    const shown = issues.slice(0, 10).map((i) => `  ${i.file ? `${i.file} ` : ''}${i.path}: ${i.message}`);
    const more = issues.length > 10 ? [`  … and ${issues.length - 10} more`] : [];
    super([`[after-sales-triage] ${code}: ${issues.length} problem(s)`, ...shown, ...more].join('\n'), options);
    this.code = code;
    this.issues = issues;
  }
}

/** `$`, `$.a.b`, `$.a[0]["x-y"]` from a zod-style path. */
export const jsonPath = (path: readonly PropertyKey[]): string =>
  '$' +
  path
    .map((segment) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : typeof segment === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)
          ? `.${segment}`
          : `[${JSON.stringify(String(segment))}]`,
    )
    .join('');

export const issuesFromZod = (
  zodIssues: readonly { path: readonly PropertyKey[]; message: string; code: string }[],
  file?: string,
): TriageIssue[] =>
  zodIssues.map((i) => ({ ...(file === undefined ? {} : { file }), path: jsonPath(i.path), message: i.message, code: i.code }));

/** The message of whatever was thrown: an `Error`'s own, else its string form. */
export const causeMessage = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

const PREFIX = '[after-sales-triage]';

/** A failure as the command line prints it: one package prefix, even when the message (a TriageError's, or one passed back from a worker) has it already. */
export const prefixedMessage = (cause: unknown): string => {
  const message = causeMessage(cause);
  return message.startsWith(PREFIX) ? message : `${PREFIX} ${message}`;
};
