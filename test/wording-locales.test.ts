import { describe, expect, it } from 'vitest';
import { createTriage } from '../src/index.js';
import { LOCALES, type Locale } from '../src/schema/vocabulary.js';
import type { LocalizedTemplates } from '../src/rules/types.js';

const { ruleSet } = createTriage();

/** The placeholders of each optional section, then those outside any section: what a translation must keep. */
const shape = (source: string) => ({
  sections: [...source.matchAll(/\[\[(.*?)\]\]/g)].map((m) => [...m[1]!.matchAll(/\{(\w+)\}/g)].map((p) => p[1]).sort()),
  outside: [...source.replace(/\[\[.*?\]\]/g, '').matchAll(/\{(\w+)\}/g)].map((p) => p[1]).sort(),
});

const texts: [string, LocalizedTemplates][] = [
  ...ruleSet.rules.map((r): [string, LocalizedTemplates] => [`wording of ${r.id}`, r.wording]),
  ...[...ruleSet.checks].map(([id, c]): [string, LocalizedTemplates] => [`check ${id}`, c.text]),
];

describe.each(texts)('the %s', (_, templates) => {
  it.each(LOCALES.filter((l): l is Exclude<Locale, 'zh-CN'> => l !== 'zh-CN'))('keeps the placeholders and optional sections of zh-CN in %s', (locale) => {
    expect(shape(templates[locale].source)).toEqual(shape(templates['zh-CN'].source));
  });
});

describe('zh-TW texts', () => {
  // Mis-conversions OpenCC produced once, and mainland terms with a usual Taiwan equivalent.
  const mainland = /買傢|隻是|併為|型別|親，|質量|保修|釐米|發貨|攬收|網點|質檢|到賬/;

  it.each(texts)('%s reads as Taiwan usage', (_, templates) => {
    expect(templates['zh-TW'].source).not.toMatch(mainland);
  });
});
