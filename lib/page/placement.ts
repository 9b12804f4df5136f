/**
 * Where PaperSift's tools go in each kind of entry, chosen so that the host page does not move: inline at the end
 * of a line that has room (arXiv's `[12] arXiv:… [pdf, other]` line, the search result's id line, the abstract
 * page's dateline), or as an overlay in a corner of a card that is already positioned (Hugging Face).
 */
export interface Slot {
  parent: Element;
  placement: 'inline' | 'overlay';
}

export function slotFor(adapter: string, entry: Element): Slot {
  switch (adapter) {
    case 'arxiv-search':
      return { parent: entry.querySelector('.list-title') ?? entry, placement: 'inline' };
    case 'arxiv-abs':
      return { parent: entry.querySelector('.dateline') ?? entry, placement: 'inline' };
    case 'hf-daily': {
      // The card is positioned (Tailwind's `relative`) on the live site; where it is not (the site's stylesheet
      // failed to load), an overlay would float away, so the tools go inline after the title instead.
      const win = entry.ownerDocument.defaultView;
      const positioned = win ? win.getComputedStyle(entry).position !== 'static' : false;
      if (positioned) return { parent: entry, placement: 'overlay' };
      return { parent: entry.querySelector('h3') ?? entry, placement: 'inline' };
    }
    case 'hf-paper':
      return { parent: entry.querySelector('h1') ?? entry, placement: 'inline' };
    default:
      return { parent: entry, placement: 'inline' };
  }
}

/** The root elements of entries per adapter, to tell a mutation that adds entries from one that does not. */
const ENTRY_SELECTORS: Record<string, string> = {
  'arxiv-list': 'dt',
  'arxiv-search': 'li.arxiv-result',
  'arxiv-abs': '#abs, .abs',
  'hf-daily': 'article',
  'hf-paper': 'h1',
};

export function entrySelector(adapter: string | undefined): string {
  return (adapter && ENTRY_SELECTORS[adapter]) || 'dt, article, li';
}

/** Single-page apps re-render entries in place: any change of the page may mean other papers. */
export function isDynamic(adapter: string | undefined): boolean {
  return adapter === 'hf-daily' || adapter === 'hf-paper';
}
