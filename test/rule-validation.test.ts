import { describe, expect, it } from 'vitest';
import { createTriage, TriageError, type TriageIssue, type TriageOptions } from '../src/index.js';
import { builtinSources } from '../src/generated/builtin-rules.js';

/** A valid shop rule to break one way at a time. */
const validRule = (): Record<string, any> => ({
  id: 'vip-stall',
  description: 'An expensive parcel stopped moving.',
  situation: 'stalled_tracking',
  priority: 99,
  conditions: {
    all: [
      { fact: 'orderAmount', operator: 'greaterThanInclusive', value: 1000 },
      { any: [{ fact: 'hoursSinceLastEvent', operator: 'greaterThan', value: { fact: 'stallThresholdHours' } }] },
    ],
  },
  responsible: 'courier',
  checks: ['courier_trace_parcel'],
  wording: { 'zh-CN': '亲，正在为您追查包裹。', 'zh-TW': '親，正在為您追查包裹。', en: 'We are tracing your parcel[[ {trackingNumber}]].' },
});

const issuesOf = (options: TriageOptions): readonly TriageIssue[] => {
  try {
    createTriage(options);
  } catch (error) {
    expect(error).toBeInstanceOf(TriageError);
    expect((error as TriageError).code).toBe('INVALID_RULE');
    return (error as TriageError).issues;
  }
  throw new Error('expected INVALID_RULE');
};

const brokenRule = (change: (rule: Record<string, any>) => void): readonly TriageIssue[] => {
  const rule = validRule();
  change(rule);
  return issuesOf({ rules: [rule] });
};

describe('a rule file is rejected with its file and JSON path when it has', () => {
  it('an unknown fact name', () => {
    const issues = brokenRule((r) => (r.conditions.all[0].fact = 'orderAmmount'));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.conditions.all[0].fact', code: 'invalid_value' })]);
    expect(issues[0]!.message).toContain('did you mean "orderAmount"');
  });

  it('an unknown fact name in a fact reference, however deep', () => {
    const issues = brokenRule((r) => (r.conditions.all[1].any[0].value = { fact: 'stallThreshold' }));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.conditions.all[1].any[0].value.fact' })]);
  });

  it('an unknown operator', () => {
    const issues = brokenRule((r) => (r.conditions.all[0].operator = 'atLeast'));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.conditions.all[0].operator', code: 'invalid_value' })]);
  });

  it('an operator that cannot apply to the fact', () => {
    const issues = brokenRule((r) => (r.conditions.all[0].operator = 'contains'));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.conditions.all[0].operator', code: 'invalid_operator' })]);
  });

  it('an unknown situation id', () => {
    const issues = brokenRule((r) => (r.situation = 'stalled'));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.situation', code: 'unknown_situation' })]);
  });

  it('an unknown party', () => {
    const issues = brokenRule((r) => (r.responsible = 'seller'));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.responsible', code: 'invalid_value' })]);
  });

  it('an unknown check id', () => {
    const issues = brokenRule((r) => r.checks.push('call_the_buyer'));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.checks[1]', code: 'unknown_check' })]);
  });

  it.each(['Your parcel {trackingNumber} is on its way.', 'Hello from {shopName}, we refund {refundAmount}.'])(
    'a placeholder whose fact may be null, outside [[ ]] (%s): the reply would show an empty slot',
    (text) => {
      const issues = brokenRule((r) => (r.wording.en = text));
      expect(issues.length).toBeGreaterThan(0);
      expect(issues).toEqual(issues.map(() => expect.objectContaining({ file: '<rules[0]>', path: '$.wording.en', code: 'placeholder_may_be_empty' })));
    },
  );

  it('accepts the same placeholders inside [[ ]], and facts that always have a value outside', () => {
    const rule = validRule();
    rule.wording.en = 'Your parcel[[ {trackingNumber}]] is on its way; returns within {returnWindowDays} days.';
    expect(() => createTriage({ rules: [rule] })).not.toThrow();
  });

  it('an unknown wording placeholder', () => {
    const issues = brokenRule((r) => (r.wording.en = 'We are tracing parcel {trackingNo}.'));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.wording.en', code: 'unknown_placeholder' })]);
  });

  it('a wording template that cannot be read', () => {
    const issues = brokenRule((r) => (r.wording.en = 'We are tracing your parcel[[ {trackingNumber}.'));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.wording.en', code: 'invalid_template' })]);
  });

  it('a locale missing from its wording', () => {
    const issues = brokenRule((r) => delete r.wording['zh-TW']);
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.wording["zh-TW"]', message: 'missing "zh-TW"' })]);
  });

  it('a literal the fact can never take', () => {
    const issues = brokenRule((r) => r.conditions.all.push({ fact: 'claimType', operator: 'equal', value: 'lost' }));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.conditions.all[2].value', code: 'impossible_value' })]);
  });

  it.each([
    ['late', 'orderAmount', 'outcome "late" is boolean, and fact "orderAmount" is number'],
    ['shipBy', 'paid', 'outcome "shipBy" is string (datetime), and fact "paid" is boolean'],
    ['shipBy', 'trackingNumber', 'outcome "shipBy" is string (datetime), and fact "trackingNumber" is string'],
    ['penaltyAmount', 'claimType', 'outcome "penaltyAmount" is number, and fact "claimType" is one of'],
  ])('an outcome "%s" copied from a fact of another type (%s)', (field, fact, message) => {
    const issues = brokenRule((r) => (r.outcome = { [field]: { fact } }));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: `$.outcome.${field}.fact`, code: 'invalid_outcome_fact' })]);
    expect(issues[0]!.message).toContain(message);
  });

  it('(but not an outcome field copied from a fact of its type: an integer fact is a number, an instant fact is an instant)', () => {
    const outcome = { late: { fact: 'pastShipBy' }, shipBy: { fact: 'lastEventAt' }, penaltyAmount: { fact: 'photos' } };
    expect(() => createTriage({ rules: [{ ...validRule(), outcome }] } as TriageOptions)).not.toThrow();
  });

  it.each([
    ['orderAmount', 'greaterThan', 'carrier', '"greaterThan" orders numbers, and fact "carrier" is string'],
    ['paid', 'lessThan', 'orderAmount', '"lessThan" orders numbers, and fact "paid" is boolean'],
    ['paidAt', 'equal', 'carrier', 'fact "paidAt" is string (datetime) and fact "carrier" is string: they are never equal'],
    ['orderAmount', 'notEqual', 'paid', 'fact "orderAmount" is number and fact "paid" is boolean'],
    ['claimType', 'equal', 'orderStatus', 'they are never equal'],
  ])('a condition comparing %s %s a fact of another kind (%s)', (fact, operator, other, message) => {
    const issues = brokenRule((r) => r.conditions.all.push({ fact, operator, value: { fact: other } }));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.conditions.all[2].value.fact', code: 'invalid_fact_reference' })]);
    expect(issues[0]!.message).toContain(message);
  });

  it('(but not facts that can be compared: two numbers, an integer and a number, two instants, enums sharing values)', () => {
    const all = [
      { fact: 'daysSinceSigned', operator: 'greaterThan', value: { fact: 'returnWindowDays' } },
      { fact: 'signedAt', operator: 'notEqual', value: { fact: 'lastEventAt' } },
      { fact: 'claimType', operator: 'equal', value: { fact: 'refundReason' } },
      { fact: 'carrier', operator: 'notEqual', value: { fact: 'shopName' } },
    ];
    expect(() => createTriage({ rules: [{ ...validRule(), conditions: { all } }] } as TriageOptions)).not.toThrow();
  });

  it('a path on a fact that is a single value', () => {
    const issues = brokenRule((r) => (r.conditions.all[0].path = '$.value'));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.conditions.all[0].path', code: 'invalid_path' })]);
  });

  it.each([
    ['an empty "any" as its conditions', (r: Record<string, any>) => (r.conditions = { any: [] }), '$.conditions.any', 'could never fire'],
    ['an empty "any" inside "not"', (r: Record<string, any>) => r.conditions.all.push({ not: { any: [] } }), '$.conditions.all[2].not.any', 'never holds'],
    ['an empty nested "all"', (r: Record<string, any>) => r.conditions.all.push({ all: [] }), '$.conditions.all[2].all', 'always holds'],
    ['an "in" with an empty list', (r: Record<string, any>) => r.conditions.all.push({ fact: 'claimType', operator: 'in', value: [] }), '$.conditions.all[2].value', 'never holds'],
  ])('%s', (_name, change, path, message) => {
    const issues = brokenRule(change);
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path, code: 'empty_condition' })]);
    expect(issues[0]!.message).toContain(message);
  });

  it('an empty shared condition', () => {
    expect(issuesOf({ conditions: { conditions: { nothing: { all: [] } } } })).toEqual([
      expect.objectContaining({ file: '<conditions>', path: '$.conditions.nothing.all', code: 'empty_condition' }),
    ]);
  });

  it('a check listed twice', () => {
    const issues = brokenRule((r) => r.checks.push('courier_trace_parcel'));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.checks[1]', code: 'duplicate_check', message: 'check "courier_trace_parcel" is already listed at checks[0]' })]);
  });

  it.each([
    ['whitespace only', '   '],
    ['only placeholders, which may have no value', '{trackingNumber}'],
    ['only optional sections', '[[We are tracing {trackingNumber}.]]'],
  ])('a wording that could come out empty: %s', (_name, text) => {
    const issues = brokenRule((r) => (r.wording.en = text));
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path: '$.wording.en', code: 'invalid_template' })]);
  });

  it.each([
    ['a throwing getter', () => Object.defineProperty(validRule(), 'priority', { enumerable: true, get: () => { throw new Error('no priority today'); } }), 'no priority today', '$.priority'],
    ['a revoked proxy', () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; }, 'revoked', '$'],
  ])('a rule object that cannot be read (%s)', (_name, make, message, path) => {
    const issues = issuesOf({ rules: [make()] });
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[0]>', path, code: 'unreadable' })]);
    expect(issues[0]!.message).toContain(message);
  });

  it('an id that is used by another shop rule', () => {
    const issues = issuesOf({ rules: [validRule(), { ...validRule(), priority: 98 }] });
    expect(issues).toEqual([expect.objectContaining({ file: '<rules[1]>', path: '$.id', code: 'duplicate_id' })]);
  });

  it('an id that differs from its file name', () => {
    expect(issuesOf({ ruleDirs: ['test/data/broken-rules'] })).toContainEqual(
      expect.objectContaining({ file: 'test/data/broken-rules/refunds/misnamed.json', path: '$.id', code: 'id_mismatch' }),
    );
  });
});

describe('every problem of every file is reported at once', () => {
  it('names each file of a shop directory with its own problems, also beside a schema error', () => {
    expect(issuesOf({ ruleDirs: ['test/data/broken-rules'] }).map((i) => `${i.file} ${i.path} ${i.code}`)).toEqual([
      'test/data/broken-rules/refunds/misnamed.json $.id id_mismatch',
      'test/data/broken-rules/refunds/vip-refund.json $.conditions.all[0].fact invalid_value',
      'test/data/broken-rules/refunds/vip-refund.json $.checks[1] unknown_check',
      'test/data/broken-rules/refunds/vip-refund.json $.wording.en unknown_placeholder',
    ]);
  });
});

describe('shop wording overrides are rejected when they have', () => {
  it('a key that is neither a rule id nor a situation id', () => {
    expect(issuesOf({ wording: { stalled: { en: 'Hello.' } } })).toEqual([expect.objectContaining({ file: 'options', path: '$.wording.stalled', code: 'unknown_wording_target' })]);
  });

  it('an unknown placeholder', () => {
    expect(issuesOf({ wording: { stalled_tracking: { en: 'Parcel {parcelNo} is late.' } } })).toEqual([
      expect.objectContaining({ file: 'options', path: '$.wording.stalled_tracking.en', code: 'unknown_placeholder' }),
    ]);
  });

  it('template syntax that cannot be read', () => {
    expect(issuesOf({ wording: { 'stalled-tracking': { 'zh-CN': '亲]]，包裹在路上。' } } })).toEqual([
      expect.objectContaining({ file: 'options', path: '$.wording["stalled-tracking"]["zh-CN"]', code: 'invalid_template' }),
    ]);
  });

  it('a locale that does not exist', () => {
    expect(issuesOf({ wording: { stalled_tracking: { fr: 'Bonjour.' } } as never })).toEqual([expect.objectContaining({ file: 'options', path: '$.wording.stalled_tracking' })]);
  });
});

describe('shop check catalogues', () => {
  it('must give a new check its owner and every locale', () => {
    const issues = issuesOf({ checks: { checks: { call_buyer: { text: { en: 'Call the buyer.' } } } } });
    expect(issues.map((i) => `${i.file} ${i.path} ${i.code}`)).toEqual([
      '<checks> $.checks.call_buyer.owner missing_owner',
      '<checks> $.checks.call_buyer.text["zh-CN"] missing_locale',
      '<checks> $.checks.call_buyer.text["zh-TW"] missing_locale',
    ]);
  });

  it('may change one locale of a known check', () => {
    const { ruleSet } = createTriage({ checks: { checks: { courier_trace_parcel: { text: { en: 'Ask the courier for a trace.' } } } } });
    expect(ruleSet.checks.get('courier_trace_parcel')!.text.en.source).toBe('Ask the courier for a trace.');
  });
});

describe('the built-in rule files', () => {
  it('load without errors or warnings', () => {
    expect(createTriage().ruleSet.warnings).toEqual([]);
  });

  it('all reference the generated JSON Schema', () => {
    const wrong = builtinSources.rules.filter((r) => (r.json as { $schema?: string }).$schema !== '../../schema/rule.schema.json');
    expect(wrong.map((r) => r.source)).toEqual([]);
  });
});
