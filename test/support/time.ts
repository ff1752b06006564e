import { deriveFacts } from '../../src/facts/derive.js';
import { toZonedIso } from '../../src/facts/calendar.js';
import { TriageInput } from '../../src/schema/input.js';
import { Policy, type PolicyPatch } from '../../src/schema/policy.js';
import type { Facts } from '../../src/schema/facts.js';

/** An instant from an ISO string with an offset; tests never read the clock. */
export const at = (iso: string): Date => new Date(iso);

/** A deadline or window end as the shop reads it, e.g. `2026-03-10T20:30:00.000+08:00`. */
export const inZone = (date: Date, timeZone = 'Asia/Shanghai'): string => toZonedIso(date, timeZone);

/** The derived facts at `now` for an input and a policy patch (defaults of DOMAIN.md otherwise). */
export const factsAt = (now: string, input: TriageInput, policy: PolicyPatch = {}): Facts =>
  deriveFacts(TriageInput.parse(input), { now: at(now), policy: Policy.parse(policy), locale: 'zh-CN', suspiciousLink: false });
