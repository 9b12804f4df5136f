import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { paperMeta } from '../lib/sites/found';
import { readPaperMeta } from '../lib/sites/web';

// Injected into the active tab on demand (the popup's "This page", through activeTab + scripting): reads the page's
// own paper from its citation_* tags, schema.org or COinS. Returns plain data (the entry element stays behind).
export default defineUnlistedScript(() => {
  const { papers, warnings } = readPaperMeta(document, location.href);
  return { papers: papers.map(paperMeta), warnings };
});
