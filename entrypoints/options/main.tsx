import { signal } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../assets/styles/app.css';
import { DataSection } from '../../components/options/DataSection';
import { KeysSection } from '../../components/options/KeysSection';
import { OptionsPage } from '../../components/options/OptionsPage';
import { SitesSection } from '../../components/options/SitesSection';
import { SyncStatus as SyncSection } from '../../components/options/SyncStatus';
import { TopicsSection } from '../../components/options/TopicsSection';
import { KEEP_ABSTRACT_DAYS } from '../../lib/db/retention';
import { PaperSiftDb } from '../../lib/db/schema';
import { downloadText } from '../../lib/download';
import { readFailure } from '../../lib/library/client';
import { POPUP_KEYS } from '../../lib/library/keys';
import { createOptionsStore, type OptionsStore } from '../../lib/library/options-store';
import { sendMessage } from '../../lib/messaging';
import { KEYMAP } from '../../lib/page/keys';
import { STATUS_KEY, type SyncStatus } from '../../lib/sync/service';

// The options page: its state and actions are `lib/library/options-store.ts`; here, the download and the wiring.

const KEYS = [
  { title: 'Popup', keys: POPUP_KEYS },
  { title: 'On arXiv and Hugging Face listings', keys: KEYMAP },
];

/** The background's last sync run (lib/sync), kept in the extension's local storage. */
const syncStatus = signal<SyncStatus | undefined>(undefined);

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
      <SyncSection
        {...(syncStatus.value ? { status: syncStatus.value } : {})}
        onEnabled={(enabled) => void sendMessage('syncSetEnabled', { enabled })}
      />
      <DataSection
        lists={s.lists.value}
        keepAbstractDays={KEEP_ABSTRACT_DAYS}
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
    download: downloadText,
    now: Date.now,
  });
  render(<App store={store} />, app);
  void browser.storage.local.get(STATUS_KEY).then((r) => {
    syncStatus.value ??= r[STATUS_KEY] as SyncStatus | undefined;
  });
  browser.storage.onChanged.addListener((changes, area) => {
    const next = changes[STATUS_KEY]?.newValue as SyncStatus | undefined;
    if (area !== 'local' || !next) return;
    syncStatus.value = next;
    // Another browser's topics, marks or settings were written here: show them.
    if (next.applied) void store.refresh();
  });
  store.refresh().catch((err: unknown) => {
    store.state.error.value = readFailure(err);
  });
}
