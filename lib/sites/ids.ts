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

/** The bare id of a canonical `arxiv:` key, else undefined. */
export function bareFromKey(key: string): string | undefined {
  return key.startsWith('arxiv:') ? key.slice(6) : undefined;
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

/**
 * The canonical id of any supported form: `arxiv:<id>` for arXiv ids and URLs, `doi:<doi>` for DOIs,
 * and an already-prefixed `<scheme>:<id>` kept as it is. Undefined when nothing fits.
 */
export function canonicalId(input: string): string | undefined {
  const arxiv = arxivKey(input);
  if (arxiv) return arxiv;
  const doi = parseDoi(input);
  if (doi) return `doi:${doi}`;
  const m = /^([a-z][a-z0-9+.-]*):(\S+)$/i.exec(input.trim());
  if (m?.[1] && m[2] && !/^(?:https?|ftp|file)$/i.test(m[1])) return `${m[1].toLowerCase()}:${m[2]}`;
  return undefined;
}

/** The canonical abstract page of a bare arXiv id. */
export function arxivAbsUrl(bare: string): string {
  return `https://arxiv.org/abs/${bare}`;
}

/** The canonical PDF URL of a bare arXiv id (latest version). */
export function arxivPdfUrl(bare: string): string {
  return `https://arxiv.org/pdf/${bare}`;
}
