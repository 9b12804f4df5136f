import { render } from 'preact';
import '../../assets/styles/app.css';
import { DataSection } from '../../components/options/DataSection';
import { KeysSection } from '../../components/options/KeysSection';
import { OptionsPage } from '../../components/options/OptionsPage';
import { SitesSection } from '../../components/options/SitesSection';
import { TopicsSection } from '../../components/options/TopicsSection';
import { PaperSiftDb } from '../../lib/db/schema';
import { POPUP_KEYS } from '../../lib/library/keys';
import { createOptionsStore, type OptionsStore } from '../../lib/library/options-store';
import { sendMessage } from '../../lib/messaging';
import { KEYMAP } from '../../lib/page/keys';

// The options page: its state and actions are `lib/library/options-store.ts`; here, the download and the wiring.

const KEYS = [
  { title: 'Popup', keys: POPUP_KEYS },
  { title: 'On arXiv and Hugging Face listings', keys: KEYMAP.map((k) => ({ keys: k.key, label: k.label })) },
];

function download(text: string, name: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function App({ store }: { store: OptionsStore }) {
  const s = store.state;
  const a = store.actions;
  return (
    <OptionsPage
      {...(s.error.value ? { error: s.error.value } : {})}
      {...(s.notice.value ? { notice: s.notice.value } : {})}
      onDismiss={a.dismiss}
    >
      <TopicsSection
        topics={s.topics.value}
        userTopics={s.userTopics.value}
        {...(s.details.value ? { details: s.details.value } : {})}
        onBuiltinTopic={a.builtinTopic}
        onSaveTopic={a.saveTopic}
        onDeleteTopic={a.deleteTopic}
        onShowDetails={a.showDetails}
        onRemoveMark={a.removeMark}
        onRemoveExample={a.removeExample}
      />
      <SitesSection sites={s.sites.value} health={s.health.value} onSite={a.site} />
      <DataSection
        lists={s.lists.value}
        counts={s.counts.value}
        {...(s.importing.value ? { importing: s.importing.value } : {})}
        onExport={a.exportData}
        onImport={a.importFile}
        onDeleteAll={a.deleteAll}
      />
      <KeysSection keys={KEYS} />
    </OptionsPage>
  );
}

const app = document.getElementById('app');
if (app) {
  const store = createOptionsStore(new PaperSiftDb(), (req) => sendMessage('library', req), {
    download,
    now: Date.now,
  });
  render(<App store={store} />, app);
  store.refresh().catch((err: unknown) => {
    store.state.error.value = `Could not read the library: ${err instanceof Error ? err.message : String(err)}`;
  });
}
