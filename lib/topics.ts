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

/** WCAG relative luminance of a #rgb / #rrggbb colour (0 black … 1 white); undefined for anything else. */
export function luminance(color: string): number | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (!m?.[1]) return undefined;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const la = luminance(a) ?? 0;
  const lb = luminance(b) ?? 0;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Black or white, whichever reads better on a badge of colour `bg` (any colour the user picks stays legible). */
export function textOn(bg: string): '#000000' | '#ffffff' {
  return contrast(bg, '#ffffff') >= contrast(bg, '#000000') ? '#ffffff' : '#000000';
}
