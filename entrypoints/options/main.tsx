import { render } from 'preact';
import '../../assets/styles/app.css';
import { OptionsView } from '../../components/OptionsView';
import { PaperSiftDb } from '../../lib/db/schema';
import { downloadText } from '../../lib/download';
import { POPUP_KEYS } from '../../lib/library/keys';
import { createOptionsStore, type OptionsStore } from '../../lib/library/options-store';
import { sendMessage } from '../../lib/messaging';
import { KEYMAP } from '../../lib/page/keys';

// The options page: its state and actions are `lib/library/options-store.ts`; here, the download and the wiring.

const KEYS = [
  { title: 'Popup', keys: POPUP_KEYS },
  { title: 'On arXiv and Hugging Face listings', keys: KEYMAP.map((k) => ({ keys: k.key, label: k.label })) },
];

function App({ store }: { store: OptionsStore }) {
  const s = store.state;
  const a = store.actions;
  return (
    <OptionsView
      topics={s.topics.value}
      userTopics={s.userTopics.value}
      {...(s.details.value ? { details: s.details.value } : {})}
      sites={s.sites.value}
      health={s.health.value}
      lists={s.lists.value}
      counts={s.counts.value}
      {...(s.importing.value ? { importing: s.importing.value } : {})}
      {...(s.error.value ? { error: s.error.value } : {})}
      {...(s.notice.value ? { notice: s.notice.value } : {})}
      keys={KEYS}
      onBuiltinTopic={a.builtinTopic}
      onSaveTopic={a.saveTopic}
      onDeleteTopic={a.deleteTopic}
      onShowDetails={a.showDetails}
      onRemoveMark={a.removeMark}
      onRemoveExample={a.removeExample}
      onSite={a.site}
      onExport={a.exportData}
      onImport={a.importFile}
      onDeleteAll={a.deleteAll}
      onDismiss={a.dismiss}
    />
  );
}

const app = document.getElementById('app');
if (app) {
  const store = createOptionsStore(new PaperSiftDb(), (req) => sendMessage('library', req), {
    download: downloadText,
    now: Date.now,
  });
  render(<App store={store} />, app);
  store.refresh().catch((err: unknown) => {
    store.state.error.value = `Could not read the library: ${err instanceof Error ? err.message : String(err)}`;
  });
}
