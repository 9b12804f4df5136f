import type { PaperRecord, PaperUserRecord } from '../db/schema';
import { bareFromKey as arxivId } from '../ids';
import { arxivDate } from '../library/export-fields';

// A paper as a Zotero item in the JSON that Zotero's connector server takes in `/connector/saveItems` (the
// translator item format: zotero/zotero chrome/content/zotero/xpcom/translation/translate_item.js, `saveItems`).
// Pure: no fetch, no extension API.

/** What we know of a paper: its record (or a page's copy of it) and what the user said about it. */
export interface ZoteroSource {
  paper: Pick<PaperRecord, 'id' | 'title' | 'authors' | 'url' | 'categories'> &
    Partial<Pick<PaperRecord, 'abstract' | 'pdfUrl' | 'altIds' | 'year' | 'venue'>>;
  user?: Pick<PaperUserRecord, 'tags' | 'notes'>;
}

export type ZoteroCreator =
  | { creatorType: 'author'; firstName: string; lastName: string }
  /** One-field name (an organisation, a mononym): Zotero's `fieldMode: 1`. */
  | { creatorType: 'author'; lastName: string; fieldMode: 1 };

/**
 * A link attachment. Zotero's `saveItems` saves child attachments itself only when they are links to a web page
 * (`mimeType` text/html with `snapshot: false`, ItemSaver `_canSaveAttachment` in ATTACHMENT_MODE_IGNORE): a PDF
 * attachment with `mimeType: application/pdf` is dropped there and the Zotero Connector uploads the file itself
 * afterwards (`/connector/saveAttachment` with the bytes). PaperSift sends the PDF as a link, which Zotero keeps.
 */
export interface ZoteroAttachment {
  id: string;
  title: string;
  url: string;
  mimeType: 'text/html';
  snapshot: false;
  linkMode: 'linked_url';
  parentItem: string;
}

export interface ZoteroItem {
  /** The connector's key for the item within the save session (`parentItem` of its attachments). */
  id: string;
  itemType: 'preprint' | 'journalArticle' | 'conferencePaper';
  title: string;
  creators: ZoteroCreator[];
  abstractNote?: string;
  date?: string;
  url?: string;
  DOI?: string;
  extra?: string;
  repository?: string;
  archiveID?: string;
  publicationTitle?: string;
  proceedingsTitle?: string;
  libraryCatalog?: string;
  tags: { tag: string }[];
  notes: { note: string }[];
  attachments: ZoteroAttachment[];
}

/** Name particles that belong to the last name ("Ludwig van Beethoven" → "van Beethoven"). */
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'du',
  'la',
  'le',
]);

/** "First Middle Last" or "Last, First" → Zotero's first/last; one word → a one-field name. */
export function splitName(raw: string): ZoteroCreator {
  const name = raw.replace(/\s+/g, ' ').trim();
  const comma = name.indexOf(',');
  if (comma > 0) {
    const last = name.slice(0, comma).trim();
    const first = name.slice(comma + 1).trim();
    if (last && first) return { creatorType: 'author', firstName: first, lastName: last };
  }
  const words = name.split(' ').filter(Boolean);
  if (words.length < 2) return { creatorType: 'author', lastName: name, fieldMode: 1 };
  let i = words.length - 1;
  while (i > 1 && PARTICLES.has((words[i - 1] as string).toLowerCase())) i--;
  return {
    creatorType: 'author',
    firstName: words.slice(0, i).join(' '),
    lastName: words.slice(i).join(' '),
  };
}

/** Escapes text for Zotero's HTML notes: the user's notes are text, never markup. */
export function noteHtml(text: string): string {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return esc
    .split(/\n{2,}/)
    .map((para) => `<p>${para.replace(/\n/g, '<br>')}</p>`)
    .join('');
}

const CONFERENCE =
  /proceedings|conference|workshop|symposium|\b(neurips|nips|icml|iclr|aaai|ijcai|cvpr|iccv|eccv|acl|emnlp|naacl|kdd|www|sigir|recsys|uai|aistats|colt)\b/i;

/** The DOI of a paper: a `doi:` id or alternative id, else arXiv's own DOI (10.48550/arXiv.<id>) for arXiv ids. */
export function doiOf(src: ZoteroSource['paper']): string | undefined {
  const doi = [src.id, ...(src.altIds ?? [])].find((id) => id.startsWith('doi:'));
  if (doi) return doi.slice(4);
  const a = arxivId(src.id);
  return a ? `10.48550/arXiv.${a}` : undefined;
}

const httpOnly = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/**
 * The Zotero item of a paper. arXiv papers without a venue are preprints (repository arXiv, archive ID
 * `arXiv:<id>`); a venue makes it a conference paper or a journal article. `extra` carries `arXiv: <id>` (Zotero
 * reads it back), the user's tags become tags, the notes a child note, the PDF link an attachment.
 */
export function toZoteroItem(src: ZoteroSource, key: string): ZoteroItem {
  const p = src.paper;
  const a = arxivId(p.id);
  const venue = p.venue?.trim();
  const itemType = !venue ? 'preprint' : CONFERENCE.test(venue) ? 'conferencePaper' : 'journalArticle';
  const d = a ? arxivDate(a) : undefined;
  const date = p.year ? String(p.year) : d ? `${d.year}-${String(d.month).padStart(2, '0')}` : undefined;
  const doi = doiOf(p);
  const extra = [
    a ? `arXiv: ${a}` : undefined,
    p.categories.length ? `Categories: ${p.categories.join(', ')}` : undefined,
  ].filter(Boolean);
  const pdf = httpOnly(p.pdfUrl);
  const notes = src.user?.notes?.trim();
  const url = httpOnly(p.url) ?? (a ? `https://arxiv.org/abs/${a}` : undefined);
  return {
    id: key,
    itemType,
    title: p.title,
    creators: p.authors.filter((n) => n.trim()).map(splitName),
    ...(p.abstract ? { abstractNote: p.abstract } : {}),
    ...(date ? { date } : {}),
    ...(url ? { url } : {}),
    ...(doi ? { DOI: doi } : {}),
    ...(extra.length ? { extra: extra.join('\n') } : {}),
    ...(itemType === 'preprint' && a ? { repository: 'arXiv', archiveID: `arXiv:${a}` } : {}),
    ...(itemType === 'journalArticle' ? { publicationTitle: venue } : {}),
    ...(itemType === 'conferencePaper' ? { proceedingsTitle: venue } : {}),
    ...(a ? { libraryCatalog: 'arXiv.org' } : {}),
    tags: (src.user?.tags ?? []).map((tag) => ({ tag })),
    notes: notes ? [{ note: noteHtml(notes) }] : [],
    attachments: pdf
      ? [
          {
            id: `${key}-pdf`,
            title: 'PDF (link)',
            url: pdf,
            mimeType: 'text/html',
            snapshot: false,
            linkMode: 'linked_url',
            parentItem: key,
          },
        ]
      : [],
  };
}
