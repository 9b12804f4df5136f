import { section } from './styles';

export interface KeyGroup {
  title: string;
  keys: readonly { keys: string; label: string }[];
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
          <table key={group.title} class="text-sm">
            <caption class="text-left font-medium">{group.title}</caption>
            <tbody>
              {group.keys.map((k) => (
                <tr key={k.keys}>
                  <td class="py-0.5 pr-3">
                    <kbd class="rounded bg-slate-100 px-1">{k.keys}</kbd>
                  </td>
                  <td>{k.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}
