import { h, render } from 'preact';
import type { PageViews } from '../lib/page/views';
import { EntryTools } from './EntryTools';
import { FilterBar } from './FilterBar';
import { FoldLine } from './FoldLine';
import { KeyHelp } from './KeyHelp';
import { Notice } from './Notice';

/** The in-page views, rendered into PaperSift's shadow roots (the content script hands these to lib/page). */
export const pageViews: PageViews = {
  tools(root, props) {
    render(props ? h(EntryTools, props) : null, root);
  },
  bar(root, props) {
    render(
      props
        ? h(
            'div',
            { class: 'flex flex-col items-end gap-2' },
            props.notice ? h(Notice, props.notice) : null,
            props.help ? h(KeyHelp, props.help) : null,
            h(FilterBar, props.bar),
          )
        : null,
      root,
    );
  },
  fold(root, props) {
    render(props ? h(FoldLine, props) : null, root);
  },
};
