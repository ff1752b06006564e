/** The smallest valid rule file (it fires on any paid order), for tests that break one part of it. */
export function minimalRule(id: string): Record<string, unknown> {
  return {
    id,
    description: 'A test rule.',
    situation: 'needs_human',
    priority: 2,
    conditions: { all: [{ fact: 'paid', operator: 'equal', value: true }] },
    responsible: null,
    checks: ['promise_follow_up'],
    wording: { 'zh-CN': '您好，我们正在核实。', 'zh-TW': '您好，我們正在核實。', en: 'Hello, we are checking this for you.' },
  };
}
