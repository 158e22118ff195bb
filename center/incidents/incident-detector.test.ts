/**
 * @module center/incidents/incident-detector.test
 */
import { expect, test } from 'vitest';
import { sampleLink } from '../state/testing/index.ts';
import { IncidentDetector, downstreamLinks } from './index.ts';

const T = Date.UTC(2026, 2, 2, 8, 0, 0);
const links = [
  { id: 'up', speedLimitKmh: 60, downstream: ['down'] },
  { id: 'down', speedLimitKmh: 60, downstream: [] },
];
const at = (i: number) => T + i * 30_000;
const state = (linkId: string, i: number, occupancyPct: number, speedKmh: number) =>
  sampleLink({ linkId, intervalStart: at(i), occupancyPct, speedKmh });

test('a blockage (full upstream, empty downstream) is detected after it persists, then cleared', () => {
  const d = new IncidentDetector(links);
  const events = [];
  for (let i = 0; i < 3; i++)
    events.push(...d.observe(state('down', i, 10, 50)), ...d.observe(state('up', i, 12, 50)));
  expect(events).toEqual([]);
  for (let i = 3; i < 6; i++)
    events.push(...d.observe(state('down', i, 4, 55)), ...d.observe(state('up', i, 45, 40)));
  expect(events).toEqual([
    expect.objectContaining({
      type: 'detected',
      linkId: 'up',
      startedAt: at(3),
      reason: 'occupancy-difference',
    }),
  ]);
  for (let i = 6; i < 10; i++)
    events.push(...d.observe(state('down', i, 10, 50)), ...d.observe(state('up', i, 12, 50)));
  expect(events.at(-1)).toMatchObject({ type: 'cleared', linkId: 'up' });
});

test('a sharp speed drop is detected; one slow interval is not', () => {
  const d = new IncidentDetector(links);
  for (let i = 0; i < 3; i++) d.observe(state('down', i, 10, 55));
  expect(d.observe(state('down', 3, 10, 10))).toEqual([]);
  expect(d.observe(state('down', 4, 12, 50))).toEqual([]);
  expect(d.observe(state('down', 5, 10, 12))).toEqual([]);
  expect(d.observe(state('down', 6, 10, 11))).toEqual([
    expect.objectContaining({ type: 'detected', reason: 'speed-drop' }),
  ]);
});

test('steady heavy but uniform traffic is not an incident', () => {
  const d = new IncidentDetector(links);
  const events = [];
  for (let i = 0; i < 10; i++)
    events.push(...d.observe(state('down', i, 35, 35)), ...d.observe(state('up', i, 38, 33)));
  expect(events).toEqual([]);
});

test('downstream links prefer the through movement', () => {
  const movements = [
    { fromLink: 'a', toLink: 'b', turn: 'left' },
    { fromLink: 'a', toLink: 'c', turn: 'through' },
  ];
  expect(downstreamLinks(movements, 'a')).toEqual(['c']);
  expect(downstreamLinks(movements, 'z')).toEqual([]);
});
