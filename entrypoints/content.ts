import { defineContentScript } from 'wxt/utils/define-content-script';
import css from '../assets/styles/page.css?inline';
import { pageViews } from '../components/PageViews';
import { sendMessage } from '../lib/messaging';
import { PageController } from '../lib/page/controller';
import { CONTENT_MATCHES } from '../lib/sites/registry';

export default defineContentScript({
  matches: [...CONTENT_MATCHES],
  // From the start of the document: the page state and the topic model are asked for while the page loads, and
  // the entries are read at DOMContentLoaded, before images and fonts.
  runAt: 'document_start',
  async main(ctx) {
    const controller = new PageController(
      document,
      {
        pageSeen: (req) => sendMessage('pageSeen', req),
        pageState: (req) => sendMessage('pageState', req),
        setSaved: (req) => sendMessage('setSaved', req),
        setDismissed: (req) => sendMessage('setDismissed', req),
        setMark: (req) => sendMessage('setMark', req),
        setFilter: (req) => sendMessage('setFilter', req),
        setBadge: (req) => sendMessage('setBadge', req),
        pageDone: (req) => sendMessage('pageDone', req),
        pageViewed: (req) => sendMessage('pageViewed', req),
        zoteroSave: (req) => sendMessage('zoteroSave', req),
      },
      {
        css,
        views: pageViews,
        visitStartedAt: Date.now(),
        // Info, not error: a page that promises entries and yields none is worth knowing, not the page's fault.
        warn: (w) => console.info(`PaperSift: ${w}`),
        // What annotating the page cost, for `npm run bench` and anyone curious (debug level: hidden by default).
        onStats: (s) => console.debug(`PaperSift stats ${JSON.stringify(s)}`),
        onFilterTime: (ms) => console.debug(`PaperSift filter ${ms.toFixed(2)}`),
      },
    );
    // The extension was updated or removed: leave the page as it was.
    ctx.onInvalidated(() => controller.stop());
    await controller.start();
  },
});
