import { type KeyRow, KeyTable } from '../KeyTable';
import { Section } from './Section';

export interface KeyGroup {
  title: string;
  keys: readonly KeyRow[];
}

/** The keyboard shortcuts of the popup and of the listings. */
export function KeysSection({ keys }: { keys: readonly KeyGroup[] }) {
  return (
    <Section id="keys" title="Keyboard shortcuts">
      <div class="grid gap-4 md:grid-cols-2">
        {keys.map((group) => (
          <KeyTable key={group.title} keys={group.keys} caption={group.title} look="options" />
        ))}
      </div>
    </Section>
  );
}
