import { useState } from 'preact/hooks';
import type { UserTopicRecord } from '../../lib/db/schema';
import type { TopicDraft } from '../../lib/library/options-store';
import { button, input } from './styles';

/** A user topic's name, badge label, colour and key phrases (new, or to edit). */
export function TopicEditor({
  topic,
  onSave,
  onCancel,
}: {
  topic?: UserTopicRecord;
  onSave: (topic: TopicDraft) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(topic?.name ?? '');
  const [short, setShort] = useState(topic?.short ?? '');
  const [color, setColor] = useState(topic?.color ?? '#0e7490');
  const [phrases, setPhrases] = useState((topic?.phrases ?? []).join('\n'));
  return (
    <form
      class="mt-2 grid grid-cols-[8rem_1fr] items-start gap-2 rounded bg-slate-50 p-3"
      data-testid="topic-editor"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          ...(topic ? { id: topic.id } : {}),
          name,
          short,
          color,
          phrases: phrases.split('\n'),
          enabled: topic?.enabled ?? true,
        });
      }}
    >
      <label for="topic-name">Name</label>
      <input
        id="topic-name"
        class={input}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
        required
      />
      <label for="topic-short">Badge label</label>
      <input
        id="topic-short"
        class={`${input} w-32`}
        maxLength={12}
        value={short}
        onInput={(e) => setShort(e.currentTarget.value)}
      />
      <label for="topic-color">Colour</label>
      <input id="topic-color" type="color" value={color} onInput={(e) => setColor(e.currentTarget.value)} />
      <label for="topic-phrases">Key phrases (one per line)</label>
      <textarea
        id="topic-phrases"
        class={`${input} h-28`}
        value={phrases}
        onInput={(e) => setPhrases(e.currentTarget.value)}
      />
      <span />
      <div class="flex gap-2">
        <button type="submit" class={button}>
          {topic ? 'Save topic' : 'Create topic'}
        </button>
        <button type="button" class="text-sm text-slate-700" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
