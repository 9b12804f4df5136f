import { type TopicInfo, textOn } from '../lib/topics';

export interface TopicBadgeProps {
  topic: TopicInfo;
  /** Score in [0, 1], shown on hover. */
  score?: number;
  /** Terms that carried the label ("why"), shown on hover. */
  evidence?: readonly string[];
}

/** A topic's coloured badge; hovering tells the topic's full name, the score and why. */
export function TopicBadge({ topic, score, evidence }: TopicBadgeProps) {
  const why = evidence?.length ? ` · why: ${evidence.join(', ')}` : '';
  const pct = score === undefined ? '' : ` · ${Math.round(score * 100)}%`;
  return (
    <span
      class="inline-block rounded px-1.5 py-[2px] text-[11px] font-semibold leading-none"
      style={{ backgroundColor: topic.color, color: textOn(topic.color) }}
      title={`${topic.name}${pct}${why}`}
      data-topic={topic.id}
    >
      {topic.short}
    </span>
  );
}
