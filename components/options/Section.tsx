import type { ComponentChildren } from 'preact';

/** One section of the options page: a card headed by its title, which also names it (`aria-labelledby`). */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  const heading = `${id}-h`;
  return (
    <section class="rounded border border-slate-200 bg-white p-4" aria-labelledby={heading}>
      <h2 id={heading} class="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
