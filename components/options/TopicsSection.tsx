import { useState } from 'preact/hooks';
import type { UserTopicRecord } from '../../lib/db/schema';
import type { TopicDetails as TopicDetailsData, TopicDraft, TopicRow } from '../../lib/library/options-store';
import { textOn } from '../../lib/topics';
import { Section } from './Section';
import { button } from './styles';
import { TopicDetails } from './TopicDetails';
import { TopicEditor } from './TopicEditor';

export interface TopicsSectionProps {
  topics: readonly TopicRow[];
  userTopics: readonly UserTopicRecord[];
  /** Marks and examples of the topic whose details are open. */
  details?: { topicId: string } & TopicDetailsData;
  onBuiltinTopic: (id: string, change: { enabled?: boolean; color?: string }) => void;
  onSaveTopic: (topic: TopicDraft) => void;
  onDeleteTopic: (id: string) => void;
  onShowDetails: (topicId: string | undefined) => void;
  onRemoveMark: (topicId: string, paperId: string) => void;
  onRemoveExample: (topicId: string, paperId: string) => void;
}

/** Built-in and user topics: on/off, colour, details; the user's: create, edit, delete. */
export function TopicsSection(p: TopicsSectionProps) {
  const [editing, setEditing] = useState<string | 'new' | undefined>(undefined);
  /** On/off or colour: a built-in topic's setting, or the user's topic saved with it. */
  const change = (
    t: TopicRow,
    user: UserTopicRecord | undefined,
    c: { enabled?: boolean; color?: string },
  ) => {
    if (t.builtin) p.onBuiltinTopic(t.id, c);
    else if (user) {
      const { id, name, short, color, phrases, enabled } = user;
      p.onSaveTopic({ id, name, short, color, phrases, enabled, ...c });
    }
  };
  return (
    <Section id="topics" title="Topics">
      <table class="w-full text-sm">
        <thead>
          <tr class="text-left text-slate-600">
            <th class="py-1">On</th>
            <th>Topic</th>
            <th>Colour</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {p.topics.map((t) => {
            const user = p.userTopics.find((u) => u.id === t.id);
            return (
              <tr key={t.id} class="border-t border-slate-100" data-topic-row={t.id}>
                <td class="py-1">
                  <input
                    type="checkbox"
                    checked={t.enabled}
                    aria-label={`${t.name} on`}
                    onChange={(e) => change(t, user, { enabled: e.currentTarget.checked })}
                  />
                </td>
                <td>
                  <span
                    class="mr-2 inline-block rounded px-1.5 py-0.5 text-[11px] font-semibold"
                    style={{ backgroundColor: t.color, color: textOn(t.color) }}
                  >
                    {t.short}
                  </span>
                  {t.name}
                  {!t.builtin && user && (
                    <span class="ml-2 text-xs text-slate-500">
                      {user.phrases.length} phrases · {user.examples.length} examples
                    </span>
                  )}
                </td>
                <td>
                  <input
                    type="color"
                    value={t.color}
                    aria-label={`${t.name} colour`}
                    onChange={(e) => change(t, user, { color: e.currentTarget.value })}
                  />
                </td>
                <td class="space-x-2 text-right">
                  <button
                    type="button"
                    class="text-blue-800 hover:underline"
                    onClick={() => p.onShowDetails(p.details?.topicId === t.id ? undefined : t.id)}
                  >
                    Examples and marks
                  </button>
                  {user && (
                    <>
                      <button
                        type="button"
                        class="text-blue-800 hover:underline"
                        onClick={() => setEditing(user.id)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        class="text-red-700 hover:underline"
                        onClick={() => {
                          if (confirm(`Delete the topic "${user.name}" and its marks?`))
                            p.onDeleteTopic(user.id);
                        }}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editing === undefined ? (
        <button type="button" class={`${button} mt-3`} onClick={() => setEditing('new')}>
          New topic
        </button>
      ) : (
        <TopicEditor
          {...(editing !== 'new'
            ? { topic: p.userTopics.find((u) => u.id === editing) as UserTopicRecord }
            : {})}
          onSave={(t) => {
            p.onSaveTopic(t);
            setEditing(undefined);
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {p.details && (
        <TopicDetails
          details={p.details}
          name={p.topics.find((t) => t.id === p.details?.topicId)?.name ?? ''}
          onRemoveMark={p.onRemoveMark}
          onRemoveExample={p.onRemoveExample}
        />
      )}
    </Section>
  );
}
