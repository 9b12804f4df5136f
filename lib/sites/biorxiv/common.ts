/**
 * Helpers shared by the bioRxiv adapters (Highwire/Drupal markup). medRxiv runs the same platform, but no medRxiv
 * page is saved, and an adapter is built from real pages only: its host is not claimed.
 */

import { cleanText, collapse, isHttpOn } from '../text';

export const BIORXIV_HOSTS: readonly string[] = ['www.biorxiv.org'];

export function isBiorxivHost(url: URL): boolean {
  return isHttpOn(url, BIORXIV_HOSTS);
}

/**
 * The values of the meta tags named `name`, in page order. Highwire writes `content=`; some saves (the 2019
 * article fixture, captured by Postlight's parser) carry `value=` instead: both are read.
 */
export function metaValues(doc: Document, name: string): string[] {
  const out: string[] = [];
  for (const el of doc.querySelectorAll(`meta[name="${name}"]`)) {
    const v = collapse(el.getAttribute('content') ?? el.getAttribute('value') ?? '');
    if (v) out.push(v);
  }
  return out;
}

export function meta(doc: Document, name: string): string | undefined {
  return metaValues(doc, name)[0];
}

const isLink = (el: Element): boolean => el.tagName === 'A';

/**
 * Author names of a Highwire citation: each `span.highwire-citation-author` (given names and surname, or a
 * collaboration's name), without the ORCID icon link ("View ORCID Profile") inside some of them.
 */
export function citationAuthors(root: Element): string[] {
  const names: string[] = [];
  for (const el of root.querySelectorAll('.highwire-citation-author')) {
    const name = cleanText(el, { skip: isLink });
    if (name) names.push(name);
  }
  return names;
}

/** The DOI line of a Highwire citation: "doi: https://doi.org/10.1101/263731". */
export function citationDoi(root: Element): string | undefined {
  const el = root.querySelector('.highwire-cite-metadata-doi');
  const m = /10\.\d{4,9}\/\S+/.exec(cleanText(el));
  return m ? m[0] : undefined;
}
