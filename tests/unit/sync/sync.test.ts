import { describe, expect, it, vi } from 'vitest';
import type { PaperSiftDb } from '../../../lib/db/schema';
import { getSettings, setBuiltinTopic, setSiteEnabled } from '../../../lib/db/settings';
import {
  deleteUserTopic,
  listUserTopics,
  loadTopicState,
  putUserTopic,
  setMark,
} from '../../../lib/db/topics';
import { SyncService } from '../../../lib/sync/service';
import { freshDb, probeClassify, recordSeen, samplePapers } from '../db/fixtures';
import { MemoryStore, twoBrowsers } from './fake-sync';
import { heavyPapers, heavyUser } from './heavy';

// Two browsers of one user (two databases, two sync areas joined by a fake cloud): what one does shows in the other.

const papers = samplePapers();
const T0 = Date.UTC(2026, 7, 1);

function setup() {
  let t = T0;
  const clock = () => t;
  const { a, b, flush } = twoBrowsers(clock);
  const A = freshDb('a').db;
  const B = freshDb('b').db;
  const syncA = new SyncService(A, a, new MemoryStore(), { now: clock });
  const syncB = new SyncService(B, b, new MemoryStore(), { now: clock });
  return {
    A,
    B,
    a,
    b,
    syncA,
    syncB,
    flush,
    tick: (ms = 1_000) => {
      t += ms;
      return t;
    },
    /** Both run and exchange until nothing changes (each run after what the other wrote). */
    async settle() {
      for (let i = 0; i < 4; i++) {
        await syncA.run();
        flush();
        await syncB.run();
        flush();
      }
    },
  };
}

/** What the two browsers must agree on. */
async function synced(db: PaperSiftDb) {
  const s = await loadTopicState(db);
  return {
    builtin: s.builtin,
    topics: s.userTopics.map(({ examples: _e, ...t }) => t),
    marks: s.marks.map((m) => `${m.topicId} ${m.paperId} ${m.relevant} ${m.at}`).sort(),
    sites: (await getSettings(db)).sites,
  };
}

describe('sync across two browsers', () => {
  it('a topic added on A appears on B with its phrases and marks; settings and sites too', async () => {
    const { A, B, syncA, syncB, flush, tick } = setup();
    await recordSeen(A, papers.slice(0, 10), probeClassify, T0);
    await recordSeen(B, papers.slice(0, 2), probeClassify, T0);
    const topic = await putUserTopic(
      A,
      { name: 'Robotics', color: '#0e7490', phrases: ['robot arm', 'grasping', 'locomotion'] },
      tick(),
    );
    await setMark(A, topic.id, papers[1]?.id as string, true, tick());
    await setMark(A, topic.id, papers[7]?.id as string, false, tick());
    await setMark(A, 'gnn', papers[8]?.id as string, true, tick());
    await setBuiltinTopic(A, 'rl', { enabled: false, color: '#ff0000' });
    await setSiteEnabled(A, 'huggingface', false);
    expect((await syncA.run()).state).toBe('on');
    flush();
    const onB = await syncB.run();
    expect(onB).toMatchObject({ state: 'on', applied: 6 });
    expect(await synced(B)).toEqual(await synced(A));
    const [t] = await listUserTopics(B);
    expect(t).toMatchObject({
      id: topic.id,
      name: 'Robotics',
      phrases: ['robot arm', 'grasping', 'locomotion'],
    });
    // B had never seen paper 7: it now knows its title (the model learns from it) and its link.
    const state = await loadTopicState(B);
    expect(state.papers[papers[7]?.id as string]).toEqual({ title: papers[7]?.title });
    expect(await B.papers.get(papers[7]?.id as string)).toMatchObject({ url: papers[7]?.url, sites: [] });
  });

  it('concurrent edits merge: the later write of each entry wins; deletions win over older values', async () => {
    const { A, B, syncA, syncB, flush, tick, settle } = setup();
    await recordSeen(A, papers.slice(0, 10), probeClassify, T0);
    await recordSeen(B, papers.slice(0, 10), probeClassify, T0);
    const topic = await putUserTopic(A, { name: 'Robotics', color: '#0e7490', phrases: ['robot'] }, tick());
    await setMark(A, topic.id, papers[0]?.id as string, true, tick());
    await settle();
    // Offline from each other: A edits the phrases, marks paper 1 and removes the mark on paper 0; B, later,
    // edits the colour and marks paper 2; B also turns a site off, A turns it on again afterwards.
    await putUserTopic(
      A,
      { id: topic.id, name: 'Robotics', color: '#0e7490', phrases: ['robot', 'arm'] },
      tick(),
    );
    await setMark(A, topic.id, papers[1]?.id as string, true, tick());
    await A.marks.delete([topic.id, papers[0]?.id as string]);
    await syncA.run();
    await setSiteEnabled(B, 'arxiv', false);
    await syncB.run();
    tick();
    await putUserTopic(B, { id: topic.id, name: 'Robotics', color: '#123456', phrases: ['robot'] }, tick());
    await setMark(B, topic.id, papers[2]?.id as string, false, tick());
    await syncB.run();
    tick();
    await setSiteEnabled(A, 'arxiv', true);
    await syncA.run();
    flush();
    await settle();
    const a = await synced(A);
    expect(a).toEqual(await synced(B));
    expect(a.topics[0]).toMatchObject({ color: '#123456', phrases: ['robot'] });
    expect(a.marks.map((m) => m.split(' ').slice(1, 3).join(' '))).toEqual([
      `${papers[1]?.id} true`,
      `${papers[2]?.id} false`,
    ]);
    expect(a.sites).toEqual({ arxiv: { enabled: true } });
  });

  it('a topic created on both under one name becomes two topics, both still editable', async () => {
    const { A, B, tick, settle } = setup();
    const a = await putUserTopic(A, { name: 'Robotics', color: '#0e7490', phrases: ['robot'] }, tick());
    const b = await putUserTopic(B, { name: 'robotics', color: '#123456', phrases: ['arm'] }, tick());
    await settle();
    const names = (await listUserTopics(A)).map((t) => `${t.id === a.id ? 'a' : 'b'}:${t.name}`).sort();
    expect(names).toEqual(['a:Robotics', 'b:robotics (2)']);
    expect(await synced(A)).toEqual(await synced(B));
    await putUserTopic(
      B,
      { id: b.id, name: 'robotics (2)', color: '#123456', phrases: ['arm', 'gripper'] },
      tick(),
    );
  });

  it('a topic deleted on A goes on B with its marks, and B does not bring it back', async () => {
    const { A, B, syncA, syncB, flush, tick, settle } = setup();
    await recordSeen(A, papers.slice(0, 5), probeClassify, T0);
    const topic = await putUserTopic(A, { name: 'Robotics', color: '#0e7490', phrases: ['robot'] }, tick());
    await setMark(A, topic.id, papers[0]?.id as string, true, tick());
    await settle();
    expect((await synced(B)).marks).toHaveLength(1);
    tick();
    await deleteUserTopic(A, topic.id);
    await syncA.run();
    flush();
    await syncB.run();
    expect(await listUserTopics(B)).toEqual([]);
    expect((await synced(B)).marks).toEqual([]);
    await settle();
    expect(await listUserTopics(A)).toEqual([]);
  });

  it("another browser's change schedules a run; this browser's own writes coming back do not", async () => {
    const { A, a, b, syncA, syncB, flush, tick } = setup();
    const onA = vi.spyOn(syncA, 'schedule').mockImplementation(() => {});
    const onB = vi.spyOn(syncB, 'schedule').mockImplementation(() => {});
    a.listeners.push((c) => syncA.incoming(c));
    b.listeners.push((c) => syncB.incoming(c));
    await putUserTopic(A, { name: 'Robotics', color: '#0e7490', phrases: ['robot'] }, tick());
    await syncA.run();
    expect(onA).not.toHaveBeenCalled();
    flush();
    expect(onB).toHaveBeenCalledWith(1_000);
    b.listeners.push(() => {});
    b.receive({ set: { other: 1 } });
    expect(onB).toHaveBeenCalledTimes(1);
  });

  it('nothing changed: a run writes nothing (no echo between the browsers)', async () => {
    const { A, a, b, syncA, tick, settle } = setup();
    await putUserTopic(A, { name: 'Robotics', color: '#0e7490', phrases: ['robot'] }, tick());
    await settle();
    const writes = a.writes.length + b.writes.length;
    await settle();
    expect(a.writes.length + b.writes.length).toBe(writes);
    await syncA.run();
    expect(a.writes.length).toBe(writes - b.writes.length);
  });
});

describe('over quota', () => {
  it("a heavy user's marks do not all fit: the newest go, the rest stay on this device, and it says so", async () => {
    const { A, B, a, syncA, syncB, flush } = setup();
    const heavy = await heavyUser(A, { topics: 30, phrases: 50, marks: 5000, t0: T0 - 10 * 86_400_000 });
    // B has seen the same listings (a mark without its title waits for its paper, see below).
    await recordSeen(B, heavyPapers(5000), probeClassify, T0);
    const status = await syncA.run();
    expect(status.state).toBe('partial');
    expect(status.localOnly.topics).toBe(0);
    expect(status.localOnly.marks).toBeGreaterThan(0);
    expect(status.localOnly.marks).toBeLessThan(5000);
    expect(a.bytes()).toBe(status.bytes);
    expect(a.bytes()).toBeLessThanOrEqual(102_400);
    expect(await A.marks.count()).toBe(5000);
    flush();
    await syncB.run();
    const onB = await loadTopicState(B);
    expect(onB.userTopics).toHaveLength(30);
    expect(onB.userTopics.every((t) => t.phrases.length === 50)).toBe(true);
    const kept = 5000 - status.localOnly.marks;
    expect(onB.marks).toHaveLength(kept);
    // The newest marks: those of the last `kept` papers marked.
    expect(new Set(onB.marks.map((m) => m.paperId))).toEqual(new Set(heavy.paperIds.slice(-kept)));
  });
});

describe('marks without titles', () => {
  it('only the newest marks carry their title; an older one waits until this browser has seen its paper', async () => {
    const { A, B, syncA, syncB, flush } = setup();
    const heavy = await heavyUser(A, { topics: 1, phrases: 2, marks: 250, t0: T0 - 86_400_000 });
    await syncA.run();
    flush();
    await syncB.run();
    // The newest 200 arrive with their papers' titles; the 50 older ones need the papers.
    const newest = new Set(heavy.paperIds.slice(-200));
    expect(new Set((await loadTopicState(B)).marks.map((m) => m.paperId))).toEqual(newest);
    expect(await B.papers.get(heavy.paperIds[249] as string)).toMatchObject({
      title: expect.stringMatching(/\(249\)$/),
    });
    await recordSeen(B, heavyPapers(50), probeClassify, T0);
    await syncB.run();
    expect((await loadTopicState(B)).marks).toHaveLength(250);
  });
});
