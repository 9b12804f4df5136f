import { type KeyRow, KeyTable } from '../KeyTable';
import { section } from './styles';

export interface KeyGroup {
  title: string;
  keys: readonly KeyRow[];
}

/** The keyboard shortcuts of the popup and of the listings. */
export function KeysSection({ keys }: { keys: readonly KeyGroup[] }) {
  return (
    <section class={section} aria-labelledby="keys-h">
      <h2 id="keys-h" class="mb-2 text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <div class="grid gap-4 md:grid-cols-2">
        {keys.map((group) => (
          <KeyTable key={group.title} keys={group.keys} caption={group.title} look="options" />
        ))}
      </div>
    </section>
  );
}
