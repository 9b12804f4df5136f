import type { PaperTitle, TopicDetails as TopicDetailsData } from '../../lib/library/options-store';

/** A paper by its title (a link when it has a web address), or by its id. */
function PaperLink({ p }: { p: PaperTitle }) {
  const href = p.url && /^https?:\/\//i.test(p.url) ? p.url : undefined;
  const text = p.title ?? p.paperId;
  return href ? (
    <a class="text-blue-800 hover:underline" href={href} target="_blank" rel="noreferrer noopener">
      {text}
    </a>
  ) : (
    <span>{text}</span>
  );
}

export interface TopicDetailsProps {
  details: { topicId: string } & TopicDetailsData;
  /** The topic's name. */
  name: string;
  onRemoveMark: (topicId: string, paperId: string) => void;
  onRemoveExample: (topicId: string, paperId: string) => void;
}

/** A topic's example papers and marks, each removable. */
export function TopicDetails(p: TopicDetailsProps) {
  return (
    <div class="mt-3 rounded bg-slate-50 p-3 text-sm" data-testid="topic-details">
      <h3 class="font-medium">{p.name}: examples and marks</h3>
      {p.details.examples.length > 0 && (
        <ul class="mt-1 list-disc pl-5">
          {p.details.examples.map((x) => (
            <li key={x.paperId}>
              example: <PaperLink p={x} />{' '}
              <button
                type="button"
                class="text-xs text-red-700"
                onClick={() => p.onRemoveExample(p.details.topicId, x.paperId)}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {p.details.marks.length === 0 && p.details.examples.length === 0 ? (
        <p class="text-slate-600">
          No marks yet. Mark papers as relevant or not from a listing; they train this topic.
        </p>
      ) : (
        <ul class="mt-1 list-disc pl-5">
          {p.details.marks.map((m) => (
            <li key={m.paperId} data-mark={m.relevant ? 'relevant' : 'not-relevant'}>
              {m.relevant ? '✓ relevant' : '✗ not relevant'}: <PaperLink p={m} />{' '}
              <span class="text-xs text-slate-500">{new Date(m.at).toLocaleDateString()}</span>{' '}
              <button
                type="button"
                class="text-xs text-red-700"
                onClick={() => p.onRemoveMark(m.topicId, m.paperId)}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
