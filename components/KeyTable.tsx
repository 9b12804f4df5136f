/** A key and what it does ("j", "Next visible paper"). */
export interface KeyRow {
  key: string;
  label: string;
}

/** The listings' key help (in the page, small and monospaced) and the options page's shortcuts differ in looks only. */
const LOOKS = {
  page: { table: undefined, cell: 'pr-3', kbd: 'rounded border border-slate-400 px-1 font-mono' },
  options: { table: 'text-sm', cell: 'py-0.5 pr-3', kbd: 'rounded bg-slate-100 px-1' },
} as const;

/** A table of keys and what they do. */
export function KeyTable({
  keys,
  caption,
  look,
}: {
  keys: readonly KeyRow[];
  caption?: string;
  look: keyof typeof LOOKS;
}) {
  const l = LOOKS[look];
  return (
    <table class={l.table}>
      {caption !== undefined && <caption class="text-left font-medium">{caption}</caption>}
      <tbody>
        {keys.map((k) => (
          <tr key={k.key}>
            <td class={l.cell}>
              <kbd class={l.kbd}>{k.key}</kbd>
            </td>
            <td>{k.label}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
