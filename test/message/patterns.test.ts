import { describe, expect, it } from 'vitest';
import { createTriage, TriageError } from '../../src/index.js';
import { builtinMessagePatterns } from '../../src/generated/builtin-message-patterns.js';
import { builtinSources } from '../../src/generated/builtin-rules.js';
import { loadMessagePatterns } from '../../src/message/patterns.js';

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TriageError);
    return { code: (error as TriageError).code, issues: (error as TriageError).issues };
  }
  throw new Error('expected a TriageError');
};

const shopFile = (claims: unknown, extra: Record<string, unknown> = {}) => ({ id: 'shop', matching: 'characters', claims, ...extra });

describe('message pattern files', () => {
  it('ships zh and en, bundled apart from the rules', () => {
    expect(loadMessagePatterns({ builtin: builtinMessagePatterns, extra: [] }).files.map((f) => f.id).sort()).toEqual(['en', 'zh']);
    expect(builtinSources.rules.some((r) => r.source.startsWith('rules/messages/'))).toBe(false);
  });

  it('rejects a bad file with the file and the JSON path of every problem', () => {
    const { code, issues } = issuesOf(() =>
      createTriage({
        messagePatterns: [shopFile({ bogus: { patterns: [{ any: ['x'] }] }, quality: { patterns: [{ weight: 0, any: ['坏'] }, { weight: 2 }] } })],
      }),
    );
    expect(code).toBe('INVALID_RULE');
    expect(issues.map((i) => [i.file, i.path])).toEqual(
      expect.arrayContaining([
        ['<messagePatterns[0]>', '$.claims'],
        ['<messagePatterns[0]>', '$.claims.quality.patterns[0].weight'],
        ['<messagePatterns[0]>', '$.claims.quality.patterns[1]'],
      ]),
    );
  });

  it('rejects a phrase with nothing left to match once punctuation is gone', () => {
    const { issues } = issuesOf(() => createTriage({ messagePatterns: [shopFile({ quality: { patterns: [{ any: ['坏了', '！！！'] }] } })] }));
    expect(issues).toMatchObject([{ file: '<messagePatterns[0]>', path: '$.claims.quality.patterns[0].any[1]', code: 'empty_phrase' }]);
  });

  it('rejects a characters file rewrite holding spaces or punctuation, which squeezing takes out before rewrites apply', () => {
    const { issues } = issuesOf(() =>
      createTriage({ messagePatterns: [shopFile({ quality: { patterns: [{ any: ['坏了'] }] } }, { rewrite: [{ from: '木有', to: '没有' }, { from: '坏 了', to: '坏了' }, { from: '烂', to: '坏！' }] })] }),
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['$.rewrite[1].from', 'unsqueezed_rewrite'],
      ['$.rewrite[2].to', 'unsqueezed_rewrite'],
    ]);
  });

  it('applies a characters file rewrite across the spaces and punctuation a buyer types', () => {
    const t = createTriage({ messagePatterns: [shopFile({ quality: { patterns: [{ any: ['坏了'] }] } }, { id: 'zh', rewrite: [{ from: '烂掉', to: '坏了' }] })] });
    expect(t.readBuyerMessage('鞋子烂 掉，怎么办').claim?.type).toBe('quality');
  });

  it('rejects two shop files with one id, a claim yielding to itself and a claim in two compatible groups', () => {
    const { issues } = issuesOf(() =>
      createTriage({
        messagePatterns: [
          shopFile({ size: { patterns: [{ any: ['大了'] }], yieldsTo: ['size'] } }, { decision: { compatible: [['size', 'dislike'], ['size', 'quality']] } }),
          shopFile({}),
        ],
      }),
    );
    expect(issues.map((i) => i.code).sort()).toEqual(['duplicate_claim', 'duplicate_id', 'yields_to_itself']);
  });

  it('matches phrases literally: a shop phrase that looks like a regular expression is never compiled', () => {
    const shop = createTriage({ messagePatterns: [shopFile({ other: { patterns: [{ weight: 3, any: ['(a+)+$'] }] } }, { id: 'en', matching: 'words' })] });
    expect(shop.readBuyerMessage('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!').reading).toBe('none');
    expect(shop.readBuyerMessage('(a+)+$').claim?.type).toBe('other');
  });

  it('lets a pattern step back when the message names a refund reason or asks a process question (notWith)', () => {
    const shop = createTriage({
      messagePatterns: [
        shopFile(
          { changed_mind: { patterns: [{ weight: 3, any: ['退款'], notWith: ['refund_reason', 'question'] }] } },
          { id: 'zh', refund: { intent: ['退款'], reasons: [{ reason: 'counterfeit', any: ['假货'] }] }, questions: { how_long: ['多久'] } },
        ),
      ],
    });
    expect(shop.readBuyerMessage('退款').claim?.type).toBe('changed_mind');
    expect(shop.readBuyerMessage('假货 退款')).toMatchObject({ reading: 'none', refundReason: 'counterfeit' });
    expect(shop.readBuyerMessage('退款要多久')).toMatchObject({ reading: 'none', questions: ['how_long'] });
  });

  it('lets a shop file replace a built-in one by id', () => {
    const shop = createTriage({ messagePatterns: [shopFile({ dislike: { patterns: [{ weight: 3, any: ['踩雷'] }] } }, { id: 'zh' })] });
    expect(shop.readBuyerMessage('踩雷了').claim?.type).toBe('dislike');
    // the built-in zh file is gone, so its phrases no longer read
    expect(shop.readBuyerMessage('鞋子开胶了').reading).toBe('none');
  });

  it('reads pattern files under messages/ of a shop rule directory, on top of the built-in ones', async () => {
    const shop = createTriage({ ruleDirs: ['test/support/shop-rules'] });
    expect(shop.readBuyerMessage('表扣松了').claim?.type).toBe('repair');
    expect(shop.readBuyerMessage('鞋子开胶了').claim?.type).toBe('quality');
  });
});
