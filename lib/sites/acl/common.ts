/** Helpers shared by the ACL Anthology adapters (person pages, paper pages). */

import { aclKey } from '../../ids';
import { cleanAuthor, cleanText, isHttpOn } from '../text';

export const ACL_HOSTS: readonly string[] = ['aclanthology.org'];

export function isAclHost(url: URL): boolean {
  return isHttpOn(url, ACL_HOSTS);
}

/** The anthology id of a paper path `/<id>/` (or a link to it), canonical (`acl:…`), else undefined. */
export function aclIdFromPath(path: string): string | undefined {
  const m = /^(?:https?:\/\/aclanthology\.org)?\/([^/?#]+)\/?(?:[?#].*)?$/.exec(path.trim());
  return m?.[1] ? aclKey(m[1]) : undefined;
}

/** The paper page of a canonical `acl:` id. */
export function aclPaperUrl(key: string): string {
  return `https://aclanthology.org/${key.slice(4)}/`;
}

/** Author names of the links to `/people/…` pages under `root` (2023 `/people/a/x/`, 2026 `/people/x/`). */
export function peopleLinks(root: Element): string[] {
  const names: string[] = [];
  for (const a of root.querySelectorAll('a[href*="/people/"]')) {
    const name = cleanAuthor(cleanText(a));
    if (name) names.push(name);
  }
  return names;
}
