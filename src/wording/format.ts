import { formatInZone } from '../facts/calendar.js';
import { parseInstant } from '../facts/instant.js';
import { formatZonedIso } from '../facts/zone.js';
import type { Facts, FactName } from '../schema/facts.js';
import type { Locale } from '../schema/vocabulary.js';
import { traditional as toTraditionalScript } from './traditional.js';

const DATE_PATTERN: Record<Locale, string> = {
  'zh-CN': 'M月d日 HH:mm',
  'zh-TW': 'M月d日 HH:mm',
  en: 'MMM d, HH:mm',
};

/** Fact names carry their kind (see Facts): `…At` is an instant, `…Amount`/`…Cost` is money, `…Id`/`…Number` an identifier. */
const isInstant = (name: string): boolean => name.endsWith('At');
const isMoney = (name: string): boolean => name.endsWith('Amount') || name.endsWith('Cost');
const isIdentifier = (name: string): boolean => name.endsWith('Id') || name.endsWith('Number');

/**
 * A figure with the decimals it needs, up to three, trailing zeros dropped: a tolerance of 0.25 cm
 * is "0.25", not "0.3", and 0.04 cm is not "0.0". Hours and days stay at one decimal: nobody is
 * told "36.567 hours".
 */
const formatFigure = (name: string, value: number): string => {
  if (Number.isInteger(value)) return String(value);
  const decimals = name.endsWith('Hours') || name.endsWith('Days') ? 1 : 3;
  const rounded = Number(value.toFixed(decimals));
  // a figure too small for those decimals is still not zero
  return String(rounded === 0 ? Number(value.toPrecision(2)) : rounded);
};

/** The same few names (carriers, the shop, its agents) come back on nearly every reply. */
const traditional = new Map<string, string>();
const MAX_REMEMBERED = 512;

/** Names from the input (carrier, shop, agent) are written the way a zh-TW reader writes them: 顺丰 → 順豐. */
const inLocaleScript = (text: string, locale: Locale): string => {
  if (locale !== 'zh-TW') return text;
  let converted = traditional.get(text);
  if (converted === undefined) {
    converted = toTraditionalScript(text);
    // a bound, not a policy: names are short and few, but an input may carry any string
    if (traditional.size >= MAX_REMEMBERED) traditional.clear();
    if (text.length <= 64) traditional.set(text, converted);
  }
  return converted;
};

/** A fact as the buyer reads it: instants in the shop's zone, money with two decimals, other figures as precise as they are (to 3 decimals); absent is undefined. */
export const formatFact = (facts: Facts, name: string, locale: Locale, timeZone: string): string | undefined => {
  const value = facts[name as FactName];
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && isInstant(name)) {
    // deriveFacts writes every instant on the shop's wall clock (toZonedIso): its text already holds the fields
    const pattern = DATE_PATTERN[locale];
    return formatZonedIso(value, pattern) ?? formatInZone(new Date(parseInstant(value)), timeZone, pattern);
  }
  if (typeof value === 'number' && isMoney(name)) return value.toFixed(2);
  if (typeof value === 'number') return formatFigure(name, value);
  // an order id or a tracking number is quoted to the buyer exactly as the systems know it
  if (typeof value === 'string') return isIdentifier(name) ? value : inLocaleScript(value, locale);
  return String(value);
};
