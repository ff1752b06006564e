/**
 * Finds links in a buyer's message and judges their host. Candidate substrings are found by a
 * single left-to-right scan; every candidate is then parsed by the WHATWG URL parser, so the host
 * judged is the one a browser would open (userinfo `taobao.com@evil.cn`, punycode, full-width
 * dots, ports and IP spellings are resolved by the parser, not guessed).
 */

export interface FoundLink {
  /** The text as found in the message (after NFKC). */
  text: string;
  /** The host the URL parser resolved: lower case, punycode for non-ASCII names. */
  host: string;
  trusted: boolean;
  /** Why an untrusted link is suspicious. */
  reason?: 'untrusted_host' | 'ip_address' | 'credentials' | 'port';
  start: number;
  end: number;
}

/** Top-level domains a bare `word.tld` must end with to count as a link; keeps `ok.thanks` a sentence. */
const BARE_TLDS = new Set(
  'com net org cn tw hk mo jp kr sg my io co cc me tv info biz xyz top vip shop site online club app dev link live store tech ru uk us de fr icu work ltd fun pro wang ink tk ml ga cf gq cyou sbs bond'.split(' '),
);

/** By code unit (NaN past either end of a text is none of them): a regular expression per character costs more than the rest. */
const isAsciiLetter = (unit: number): boolean => (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122);
const isAsciiAlnum = (unit: number): boolean => (unit >= 48 && unit <= 57) || isAsciiLetter(unit);
/** Letters of the scripts homoglyphs come from (Latin extended, Greek, Cyrillic): part of a host; CJK is not. */
const isHomoglyphLetter = (unit: number): boolean => unit >= 0xc0 && unit <= 0x52f;
const isCjk = (ch: string | undefined): boolean => ch !== undefined && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch);
/** ASCII characters a URL path, query or host may hold (brackets, quotes and parentheses end it). */
const URL_CHARS = Uint8Array.from({ length: 128 }, (_, unit) => (/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]/.test(String.fromCharCode(unit)) ? 1 : 0));
const isUrlChar = (unit: number): boolean => unit < 128 && URL_CHARS[unit] === 1;
const isDotBetweenAlnum = (text: string, i: number): boolean => {
  const unit = text.charCodeAt(i);
  return (unit === 0x3002 || unit === 0xff61) && isAsciiAlnum(text.charCodeAt(i - 1)) && isAsciiAlnum(text.charCodeAt(i + 1));
};
const isHostChar = (text: string, i: number): boolean => {
  const unit = text.charCodeAt(i);
  return isUrlChar(unit) || isHomoglyphLetter(unit) || isDotBetweenAlnum(text, i);
};

const TRAILING_PUNCTUATION = '.,;:!?\'';
const trimEnd = (text: string, start: number, end: number): number => {
  let e = end;
  while (e > start && TRAILING_PUNCTUATION.includes(text[e - 1]!)) e--;
  return e;
};

const endsWithKnownTld = (host: string): boolean => {
  const labels = host.split('.');
  return labels.length >= 2 && BARE_TLDS.has(labels[labels.length - 1]!.toLowerCase());
};

/** A host name is at most 253 characters; with userinfo and port, an authority longer than this is no link. */
const MAX_AUTHORITY = 512;

const isIpv6Char = (unit: number): boolean => (unit >= 48 && unit <= 58) || (unit >= 65 && unit <= 70) || (unit >= 97 && unit <= 102) || unit === 46;

/**
 * Past the `]` of an IPv6 literal host (`[2001:db8::1]`, hex digits, colons and dots only), or
 * `open` itself when there is none: brackets end a link elsewhere, but here they are its host.
 */
const ipv6LiteralEnd = (text: string, open: number, limit: number): number => {
  for (let i = open + 1; i < limit; i++) {
    if (text[i] === ']') return i > open + 1 ? i + 1 : open;
    if (!isIpv6Char(text.charCodeAt(i))) return open;
  }
  return open;
};

/** Where the authority of `scheme://` ends: a host may hold IDN letters, but Chinese text right after `.com` is the sentence. */
const authorityEnd = (text: string, from: number): number => {
  const limit = Math.min(text.length, from + MAX_AUTHORITY);
  let i = from;
  while (i < limit) {
    const ch = text[i]!;
    if ('/?#\\'.includes(ch) || /\s/.test(ch)) break;
    if (isCjk(ch)) {
      if (!isCjk(text[i - 1]) && endsWithKnownTld(text.slice(from, i).replace(/^.*@/, ''))) break;
      i++;
      continue;
    }
    if (ch === '[' && (i === from || text[i - 1] === '@')) {
      const end = ipv6LiteralEnd(text, i, limit);
      if (end === i) break;
      i = end;
      continue;
    }
    if (!isHostChar(text, i)) break;
    i++;
  }
  return i;
};

interface Candidate {
  start: number;
  end: number;
  withScheme: boolean;
}

const SCHEMES = ['https://', 'http://'];

const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Candidate substrings, left to right, never overlapping: `scheme://…` first, else bare `www.x` / `name.tld` tokens. */
const candidates = (text: string): Candidate[] => {
  const lower = asciiLower(text);
  const out: Candidate[] = [];
  let i = 0;
  while (i < text.length) {
    const scheme = lower.startsWith('https://', i) ? 'https://' : lower.startsWith('http://', i) ? 'http://' : undefined;
    if (scheme !== undefined) {
      let end = authorityEnd(text, i + scheme.length);
      while (end < text.length && isUrlChar(text.charCodeAt(end))) end++;
      out.push({ start: i, end: trimEnd(text, i, end), withScheme: true });
      i = Math.max(end, i + 1);
      continue;
    }
    if (isHostChar(text, i) && !(i > 0 && isHostChar(text, i - 1))) {
      let end = i;
      while (end < text.length && isHostChar(text, end)) end++;
      // a run holding a scheme further on is cut there, so the scheme is found on its own
      const run = lower.slice(i + 1, end);
      const inner = SCHEMES.map((s) => run.indexOf(s)).filter((at) => at !== -1);
      if (inner.length > 0) end = i + 1 + Math.min(...inner);
      out.push({ start: i, end: trimEnd(text, i, end), withScheme: false });
      i = end;
      continue;
    }
    i++;
  }
  return out;
};

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** A bare token is a link only when its host looks like one: `www.`, a known top-level domain, or an IPv4 address. */
const bareHostLooksLikeLink = (token: string): boolean => {
  const hostPart = token.split(/[/?#]/, 1)[0]!;
  if (hostPart.includes('@')) return false; // an e-mail address, not a link
  const host = hostPart.replace(/:\d*$/, '').replace(/[。｡]/g, '.').replace(/^[-.]+/, '');
  if (!host.includes('.')) return false;
  return host.toLowerCase().startsWith('www.') || IPV4.test(host) || endsWithKnownTld(host);
};

const isIpHost = (host: string): boolean => IPV4.test(host) || host.startsWith('[');

/** A host is trusted when it is a trusted domain or a subdomain of one; `taobao.com.evil.cn` is neither. */
export const isTrustedHost = (host: string, trustedDomains: readonly string[]): boolean => {
  const h = host.endsWith('.') ? host.slice(0, -1) : host;
  return trustedDomains.some((d) => h === d || h.endsWith(`.${d}`));
};

const isDot = (text: string, i: number): boolean => text.charCodeAt(i) === 46 || isDotBetweenAlnum(text, i);

/**
 * Whether any candidate could pass. One with a scheme holds `://`. A bare one needs a dot in its
 * host (`.`, or an ideographic dot between ASCII letters or digits: any other is no host character)
 * and then one of: `www`, an IPv4 address (three dots), or a known top-level domain, whose first
 * letter comes right after a dot (a Latin, Greek or Cyrillic letter is let through too, in case it
 * lower-cases to one). Most messages, prices and sizes included (`259.00`, `2.5cm`), hold none of these.
 */
const mayHoldLink = (text: string): boolean => {
  if (text.includes('://') || /www/i.test(text)) return true;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isDot(text, i)) continue;
    const next = text.charCodeAt(i + 1);
    if (isAsciiLetter(next) || isHomoglyphLetter(next) || ++dots >= 3) return true;
  }
  return false;
};

/**
 * Every link in the text (NFKC-normalised), with its parsed host and whether it is trusted.
 * @example
 * findLinks('看这个 https://taobao.com.evil.cn/item', ['taobao.com'])[0]?.host; // 'taobao.com.evil.cn'
 */
export const findLinks = (text: string, trustedDomains: readonly string[]): FoundLink[] => (mayHoldLink(text) ? judgeCandidates(text, trustedDomains, true) : []);

/**
 * `findLinks` without first looking whether any candidate can pass (unless `skipDotless`: a bare
 * candidate needs a dot in its host, and most words of a sentence have none): what it must return.
 * @example
 * judgeCandidates('看这个 https://taobao.com.evil.cn/item', ['taobao.com'])[0]?.trusted; // false
 */
export const judgeCandidates = (text: string, trustedDomains: readonly string[], skipDotless = false): FoundLink[] => {
  const found: FoundLink[] = [];
  for (const c of candidates(text)) {
    const raw = text.slice(c.start, c.end);
    let token = raw;
    if (!c.withScheme) {
      if (skipDotless && !raw.includes('.') && !raw.includes('。') && !raw.includes('｡')) continue;
      token = raw.replace(/^[^A-Za-z0-9\u00c0-\u052f]+/, '');
      if (!bareHostLooksLikeLink(token)) continue;
    }
    let url: URL;
    try {
      url = new URL(c.withScheme ? token : `http://${token}`);
    } catch {
      continue; // not a URL a browser could open either
    }
    const host = url.hostname;
    if (host === '') continue;
    const reason = isIpHost(host)
      ? 'ip_address'
      : !isTrustedHost(host, trustedDomains)
        ? 'untrusted_host'
        : url.username !== '' || url.password !== ''
          ? 'credentials'
          : url.port !== ''
            ? 'port'
            : undefined;
    found.push(reason === undefined ? { text: raw, host, trusted: true, start: c.start, end: c.end } : { text: raw, host, trusted: false, reason, start: c.start, end: c.end });
  }
  return found;
};
