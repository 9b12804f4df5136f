import { type TopicInfo, textOn } from '../lib/topics';

export interface TopicBadgeProps {
  topic: TopicInfo;
  /** Score in [0, 1], shown on hover. */
  score?: number;
  /** Terms that carried the label ("why"), shown on hover. */
  evidence?: readonly string[];
  /** A label the model is not sure of (score near the threshold): outlined, not filled, with a question mark. */
  uncertain?: boolean;
}

/** A topic's coloured badge; hovering tells the topic's full name, the score and why. */
export function TopicBadge({ topic, score, evidence, uncertain }: TopicBadgeProps) {
  const why = evidence?.length ? ` · why: ${evidence.join(', ')}` : '';
  const pct = score === undefined ? '' : ` · ${Math.round(score * 100)}%`;
  return (
    <span
      class="inline-block rounded px-1.5 py-[2px] text-[11px] font-semibold leading-none"
      style={
        uncertain
          ? { border: `1px dashed ${topic.color}`, color: topic.color, backgroundColor: 'transparent' }
          : { backgroundColor: topic.color, color: textOn(topic.color) }
      }
      title={`${topic.name}${pct}${uncertain ? ' · not sure' : ''}${why}`}
      data-topic={topic.id}
      {...(uncertain ? { 'data-uncertain': 'true' } : {})}
    >
      {topic.short}
      {uncertain ? '?' : ''}
    </span>
  );
}
