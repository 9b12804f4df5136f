/** How a topic is shown: the in-page badges, the popup, the options page. */
export interface TopicInfo {
  id: string;
  /** Full name, e.g. "Graph neural networks". */
  name: string;
  /** Badge label, a few characters. */
  short: string;
  /** Badge colour, a CSS hex colour readable with white text on light and dark pages. */
  color: string;
}

/** The built-in topics, defined in ../shared/data/TOPICS.md, in display order. */
export const BUILTIN_TOPICS: readonly TopicInfo[] = [
  { id: 'gnn', name: 'Graph neural networks', short: 'GNN', color: '#2563eb' },
  { id: 'rl', name: 'Reinforcement learning', short: 'RL', color: '#c2410c' },
  { id: 'hypernetworks', name: 'Hypernetworks', short: 'HyperNet', color: '#7c3aed' },
  { id: 'recommendation', name: 'Recommender systems', short: 'RecSys', color: '#047857' },
];

export function topicInfo(id: string, known: readonly TopicInfo[] = BUILTIN_TOPICS): TopicInfo {
  return known.find((t) => t.id === id) ?? { id, name: id, short: id, color: '#475569' };
}
