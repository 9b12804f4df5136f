import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTER,
  type FilterableEntry,
  type FilterState,
  fold,
  parseFilter,
  topicCounts,
  visibility,
} from '../../../lib/page/filter';
import { isTypingTarget, keyAction } from '../../../lib/page/keys';
import { pageCss, safeColor } from '../../../lib/page/styles';

const enabled = new Set(['gnn', 'rl', 'recommendation']);
const entry = (e: Partial<FilterableEntry>): FilterableEntry => ({
  labels: [],
  saved: false,
  dismissed: false,
  seenBefore: false,
  haystack: fold('A Graph Network for Recommendation Émile Zola'),
  ...e,
});
const state = (s: Partial<FilterState>): FilterState => ({ ...DEFAULT_FILTER, ...s });

describe('visibility', () => {
  it('shows everything in "all" mode, whatever the topics', () => {
    expect(visibility(entry({ labels: ['gnn'] }), state({}), enabled)).toBe('show');
    expect(visibility(entry({}), state({}), enabled)).toBe('show');
  });

  it('"only" hides entries without a chosen topic; no choice means any enabled topic', () => {
    const only = state({ mode: 'only', topics: ['rl'] });
    expect(visibility(entry({ labels: ['rl', 'gnn'] }), only, enabled)).toBe('show');
    expect(visibility(entry({ labels: ['gnn'] }), only, enabled)).toBe('hide');
    const any = state({ mode: 'only' });
    expect(visibility(entry({ labels: ['gnn'] }), any, enabled)).toBe('show');
    expect(visibility(entry({ labels: [] }), any, enabled)).toBe('hide');
    // A label of a topic the user switched off does not count.
    expect(visibility(entry({ labels: ['hypernetworks'] }), any, enabled)).toBe('hide');
  });

  it('"dim" fades instead of hiding', () => {
    expect(visibility(entry({ labels: ['gnn'] }), state({ mode: 'dim', topics: ['rl'] }), enabled)).toBe(
      'dim',
    );
    expect(visibility(entry({ labels: ['rl'] }), state({ mode: 'dim', topics: ['rl'] }), enabled)).toBe(
      'show',
    );
  });

  it('"fold" folds instead of hiding; hidden stays hidden', () => {
    expect(visibility(entry({ labels: ['gnn'] }), state({ mode: 'fold', topics: ['rl'] }), enabled)).toBe(
      'fold',
    );
    expect(visibility(entry({ labels: ['rl'] }), state({ mode: 'fold', topics: ['rl'] }), enabled)).toBe(
      'show',
    );
    expect(visibility(entry({ saved: true }), state({ mode: 'fold', hideSaved: true }), enabled)).toBe(
      'hide',
    );
  });

  it('hides saved, dismissed and already seen papers when asked, in any mode', () => {
    expect(visibility(entry({ saved: true }), state({ hideSaved: true }), enabled)).toBe('hide');
    expect(visibility(entry({ saved: true }), state({ hideSaved: false }), enabled)).toBe('show');
    expect(visibility(entry({ dismissed: true }), state({}), enabled)).toBe('hide');
    expect(visibility(entry({ dismissed: true }), state({ hideDismissed: false }), enabled)).toBe('show');
    expect(visibility(entry({ seenBefore: true }), state({ newOnly: true }), enabled)).toBe('hide');
    expect(visibility(entry({ seenBefore: false }), state({ newOnly: true }), enabled)).toBe('show');
  });

  it('text: every word, case and accent insensitive, in title, authors or abstract', () => {
    expect(visibility(entry({}), state({ text: 'graph RECOMMENDATION' }), enabled)).toBe('show');
    expect(visibility(entry({}), state({ text: 'emile' }), enabled)).toBe('show');
    expect(visibility(entry({}), state({ text: 'graph transformer' }), enabled)).toBe('hide');
    expect(visibility(entry({}), state({ text: '   ' }), enabled)).toBe('show');
  });
});

describe('topicCounts', () => {
  it('counts entries per enabled topic and entries matching any', () => {
    const r = topicCounts(
      [
        { labels: ['gnn', 'recommendation'] },
        { labels: ['gnn'] },
        { labels: ['hypernetworks'] },
        { labels: [] },
      ],
      enabled,
    );
    expect(Object.fromEntries(r.perTopic)).toEqual({ gnn: 2, rl: 0, recommendation: 1 });
    expect(r.matching).toBe(2);
  });
});

describe('parseFilter', () => {
  it('keeps valid fields, resets invalid ones, never carries the typed text over', () => {
    expect(
      parseFilter({ mode: 'dim', topics: ['rl', 3], hideSaved: true, newOnly: 'yes', text: 'x' }),
    ).toEqual({
      ...DEFAULT_FILTER,
      mode: 'dim',
      topics: ['rl'],
      hideSaved: true,
    });
    expect(parseFilter(undefined)).toEqual(DEFAULT_FILTER);
    expect(parseFilter('garbage')).toEqual(DEFAULT_FILTER);
    expect(parseFilter({ mode: 'explode' }).mode).toBe('all');
    expect(parseFilter({ mode: 'fold', relevantFirst: true })).toMatchObject({
      mode: 'fold',
      relevantFirst: true,
    });
    expect(parseFilter({ relevantFirst: 'yes' }).relevantFirst).toBe(false);
  });
});

describe('keys', () => {
  const ev = (key: string, target: unknown = null, mods: Partial<{ ctrlKey: boolean }> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target: target as EventTarget | null,
    ...mods,
  });
  const el = (tagName: string, extra: object = {}) => ({ tagName, ...extra });

  it('maps the documented keys', () => {
    expect(['j', 'k', 's', 'x', 'o', '/', '?'].map((k) => keyAction(ev(k)))).toEqual([
      'next',
      'prev',
      'save',
      'dismiss',
      'open',
      'search',
      'help',
    ]);
    expect(keyAction(ev('q'))).toBeUndefined();
    expect(keyAction(ev('j', null, { ctrlKey: true }))).toBeUndefined();
  });

  it('does nothing while the user types in a field (but Escape may leave it)', () => {
    for (const t of [
      el('INPUT', { type: 'text' }),
      el('TEXTAREA'),
      el('SELECT'),
      el('DIV', { isContentEditable: true }),
    ]) {
      expect(isTypingTarget(t as unknown as EventTarget)).toBe(true);
      expect(keyAction(ev('j', t))).toBeUndefined();
      expect(keyAction(ev('Escape', t))).toBe('close');
    }
    expect(isTypingTarget(el('INPUT', { type: 'checkbox' }) as unknown as EventTarget)).toBe(false);
    expect(keyAction(ev('j', el('A')))).toBe('next');
  });
});

describe('page stylesheet', () => {
  it('colours each topic, and never lets a non-hex colour or an odd topic id into the CSS', () => {
    const css = pageCss([
      { id: 'gnn', name: 'GNN', short: 'GNN', color: '#2563eb' },
      { id: 'user:x"]{}*{color:red', name: 'x', short: 'x', color: 'red;background:url(//evil)' },
    ]);
    expect(css).toContain('[data-papersift-match="gnn"]');
    expect(css).toContain('--papersift-c: #2563eb;');
    expect(css).not.toContain('url(');
    expect(css).not.toContain('"]{}*{color:red');
    expect(safeColor('#abc')).toBe('#abc');
    expect(safeColor('rgb(0,0,0)')).toBe('#475569');
  });
});
