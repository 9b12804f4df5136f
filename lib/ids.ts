/**
 * Canonical paper ids. arXiv papers are `arxiv:<id without version>` whatever form the page shows
 * (`2407.21783v2`, `arXiv:2407.21783`, `/abs/…`, `/pdf/…`, old `hep-th/9901001`); other schemes are
 * `<scheme>:<id>` (e.g. `doi:10.1145/…`).
 */

// New scheme (April 2007 on): YYMM.NNNN (to 2014) or YYMM.NNNNN (2015 on), optional version.
const NEW_ID = /^(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?$/;
// Old scheme: archive[.SUBJ]/YYMMNNN, optional version. The subject class is not part of the id
// (`math.GT/0309136` is `math/0309136`), so it is dropped.
const OLD_ID = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z-]+)?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v\d+)?$/;

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);

/** The bare arXiv id (no version, no prefix) of a bare id string, or undefined. */
export function bareArxivId(raw: string): string | undefined {
  let s = raw.trim();
  if (/^arxiv:/i.test(s)) s = s.slice(6).trim();
  const m = NEW_ID.exec(s);
  if (m?.[1]) {
    // 4-digit numbers until 1412 (YYMM.NNNN), 5-digit numbers from 1501 (YYMM.NNNNN).
    const fiveDigits = m[1].length === 10;
    const from2015 = m[1].slice(0, 4) >= '1501';
    return fiveDigits === from2015 ? m[1] : undefined;
  }
  const o = OLD_ID.exec(s);
  if (o) return `${o[1]}/${o[2]}`;
  return undefined;
}

/**
 * The bare arXiv id in a URL path like `/abs/<id>`, `/pdf/<id>[.pdf]`, `/html/<id>`, `/format/<id>`,
 * or undefined when the path is not one of those.
 */
export function arxivIdFromPath(pathname: string): string | undefined {
  const m = /^\/(?:abs|pdf|html|format|ps)\/(.+?)(?:\.pdf)?\/?$/.exec(pathname);
  if (!m?.[1]) return undefined;
  let rest = m[1];
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // A malformed escape: use the path as it is.
  }
  return bareArxivId(rest);
}

/**
 * The bare arXiv id of any common form: bare id, `arXiv:` prefix, an arXiv URL (absolute or relative,
 * `/abs/`, `/pdf/`, …). Undefined when the string is not an arXiv id.
 */
export function parseArxivId(input: string): string | undefined {
  const s = input.trim();
  const bare = bareArxivId(s);
  if (bare) return bare;
  if (s.startsWith('/')) return arxivIdFromPath(s.split(/[?#]/, 1)[0] ?? s);
  if (/^(?:https?:)?\/\//i.test(s) || /^(?:www\.|export\.)?arxiv\.org\//i.test(s)) {
    let url: URL;
    try {
      url = new URL(/^https?:/i.test(s) ? s : `https://${s.replace(/^\/\//, '')}`);
    } catch {
      return undefined;
    }
    if (!ARXIV_HOSTS.has(url.hostname.toLowerCase())) return undefined;
    return arxivIdFromPath(url.pathname);
  }
  return undefined;
}

/** `arxiv:<bare id>` for any arXiv id form, else undefined. */
export function arxivKey(input: string): string | undefined {
  const bare = parseArxivId(input);
  return bare ? `arxiv:${bare}` : undefined;
}

const DOI = /^(10\.\d{4,9}\/\S+)$/;

/** A DOI (bare, `doi:` prefixed or a doi.org URL), lower-cased since DOIs are case-insensitive. */
export function parseDoi(input: string): string | undefined {
  let s = input.trim();
  if (/^doi:/i.test(s)) s = s.slice(4).trim();
  else {
    const m = /^(?:https?:\/\/)?(?:dx\.)?doi\.org\/(.+)$/i.exec(s);
    if (m?.[1]) {
      try {
        s = decodeURIComponent(m[1]);
      } catch {
        s = m[1];
      }
    }
  }
  const d = DOI.exec(s);
  return d?.[1] ? d[1].toLowerCase() : undefined;
}

/** The bare arXiv id of a canonical `arxiv:` key, else undefined. */
export function bareFromKey(key: string): string | undefined {
  return key.startsWith('arxiv:') ? key.slice(6) : undefined;
}

/**
 * Id schemes, best first: when a page gives several ids for one paper, the first scheme names it and the others
 * are kept as `altIds` (a DBLP entry with a DOI is `doi:…`, with `dblp:…` beside it).
 */
export const ID_SCHEMES = ['arxiv', 'doi', 'pmid', 'dblp', 'acl', 's2', 'scholar'] as const;
export type IdScheme = (typeof ID_SCHEMES)[number];

/** A DBLP record key: `conf/esem/CalefatoQLK23`, `journals/corr/abs-2101-00001` (no person or venue pages). */
const DBLP_KEY =
  /^(?:conf|journals|books|series|phd|reference|tr|persons)\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_.:-]+)+$/;
/** An ACL Anthology id: new style `2021.naacl-main.208`, old style `P19-1001`, `W18-5401`. */
const ACL_ID = /^(?:\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})$/;
/** A Semantic Scholar paper id: 40 hex digits. */
const S2_ID = /^[0-9a-f]{40}$/i;
const PMID = /^\d{1,9}$/;
/** A Google Scholar cluster id or citation key (digits, or `USER:KEY` of a profile row). */
const SCHOLAR_ID = /^(?:\d{5,25}|[A-Za-z0-9_-]{12}:[A-Za-z0-9_-]{6,20})$/;

export function dblpKey(key: string): string | undefined {
  const k = key.trim().replace(/^dblp:/i, '');
  return DBLP_KEY.test(k) && !k.startsWith('persons/') ? `dblp:${k}` : undefined;
}

export function aclKey(id: string): string | undefined {
  const k = id.trim().replace(/^acl:/i, '');
  return ACL_ID.test(k) ? `acl:${k}` : undefined;
}

export function s2Key(id: string): string | undefined {
  const k = id.trim().replace(/^s2:/i, '');
  return S2_ID.test(k) ? `s2:${k.toLowerCase()}` : undefined;
}

export function pmidKey(id: string): string | undefined {
  const k = id.trim().replace(/^pmid:/i, '');
  return PMID.test(k) ? `pmid:${Number(k)}` : undefined;
}

export function scholarKey(id: string): string | undefined {
  const k = id.trim().replace(/^scholar:/i, '');
  return SCHOLAR_ID.test(k) ? `scholar:${k}` : undefined;
}

/** The scheme of a canonical id. */
export function schemeOf(id: string): IdScheme | undefined {
  const s = id.slice(0, id.indexOf(':'));
  return (ID_SCHEMES as readonly string[]).includes(s) ? (s as IdScheme) : undefined;
}

/**
 * The canonical id of any supported form: arXiv ids and URLs (`arxiv:<id>`, old ids without their subject class),
 * DOIs and doi.org URLs (`doi:<lower-cased doi>`), and `<scheme>:<id>` of the other schemes, each checked against its
 * own form. Undefined when nothing fits. Adapters, import and export all go through here.
 */
export function canonicalId(input: string): string | undefined {
  const s = input.trim();
  const arxiv = arxivKey(s);
  if (arxiv) return arxiv;
  const doi = parseDoi(s);
  if (doi) {
    // arXiv's own DOIs (10.48550/arXiv.2407.21783) name arXiv papers.
    const viaDoi = /^10\.48550\/arxiv\.(.+)$/.exec(doi)?.[1];
    return (viaDoi && arxivKey(viaDoi)) || `doi:${doi}`;
  }
  const m = /^([a-z][a-z0-9]*):(.+)$/i.exec(s);
  switch (m?.[1]?.toLowerCase()) {
    case 'pmid':
      return pmidKey(s);
    case 'dblp':
      return dblpKey(s);
    case 'acl':
      return aclKey(s);
    case 's2':
      return s2Key(s);
    case 'scholar':
      return scholarKey(s);
    default:
      return undefined;
  }
}

/**
 * One paper's ids as a page gives them (any order, any supported form, undefined for the ones it lacks): the
 * best one names the paper, the others follow it in `altIds` (deduplicated, best first).
 */
export function chooseIds(
  ids: readonly (string | undefined)[],
): { id: string; altIds: string[] } | undefined {
  const all = [...new Set(ids.flatMap((i) => (i ? (canonicalId(i) ?? []) : [])))];
  const rank = (id: string) => ID_SCHEMES.indexOf(schemeOf(id) as IdScheme);
  all.sort((a, b) => rank(a) - rank(b));
  const [id, ...altIds] = all;
  return id ? { id, altIds } : undefined;
}

/**
 * The key that matches one paper across sites when no id links them: its title folded to lower-case letters and
 * digits (accents, TeX, punctuation and spacing dropped) and the first author's surname, folded the same way.
 * Undefined when the title is too short to tell papers apart.
 */
export function titleKey(title: string, authors: readonly string[]): string | undefined {
  const t = foldText(title.replace(/\$[^$]*\$/g, ' '));
  if (t.length < 12) return undefined;
  // DBLP tells homonyms apart with a number ("Wei Wang 0001"); "Jr." and the like are no surname.
  const first = (authors[0] ?? '').replace(/(?:,?\s+(?:\d{4}|jr\.?|sr\.?|ii|iii|iv))+\s*$/i, '').trim();
  // "Surname, Given" (BibTeX, DBLP) or "Given Surname".
  const surname = first.includes(',') ? first.split(',')[0] : first.split(/\s+/).pop();
  return `${t}|${foldText(surname ?? '')}`;
}

/**
 * A text folded for comparison: lower-case ASCII letters and digits only (accents dropped, punctuation and spacing
 * removed). Two spellings of one title fold alike.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** The canonical abstract page of a bare arXiv id. */
export function arxivAbsUrl(bare: string): string {
  return `https://arxiv.org/abs/${bare}`;
}

/** The canonical PDF URL of a bare arXiv id (latest version). */
export function arxivPdfUrl(bare: string): string {
  return `https://arxiv.org/pdf/${bare}`;
}
