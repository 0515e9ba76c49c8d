import { livenessCheckpointSlackMs, nextLivenessCheckpoint } from './liveness-checkpoint';

const TIMEOUT_MS = 60_000;
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 24, 12, 0, seconds));

describe('nextLivenessCheckpoint', () => {
  it('trails the liveness timeout by three quarters', () => {
    expect(livenessCheckpointSlackMs(60_000)).toBe(45_000);
    expect(livenessCheckpointSlackMs(1_500)).toBe(1_125);
  });

  it("starts at a cluster's first report", () => {
    expect(nextLivenessCheckpoint(null, at(10), TIMEOUT_MS)).toEqual(at(10));
  });

  it('stays where it is while it trails the last report by no more than the slack', () => {
    expect(nextLivenessCheckpoint(at(0), at(10), TIMEOUT_MS)).toEqual(at(0));
    expect(nextLivenessCheckpoint(at(0), at(45), TIMEOUT_MS)).toEqual(at(0));
  });

  it('moves to the last report once it trails by more than the slack', () => {
    expect(nextLivenessCheckpoint(at(0), at(46), TIMEOUT_MS)).toEqual(at(46));
  });

  it('never stays ahead of the last report, so a stale cluster is always a sweep candidate', () => {
    expect(nextLivenessCheckpoint(at(30), at(20), TIMEOUT_MS)).toEqual(at(20));
  });

  it('keeps a checkpoint no later than the liveness for any sequence of reports', () => {
    let checkpoint: Date | null = null;
    for (const seconds of [0, 3, 3, 7, 50, 51, 200, 201, 260]) {
      checkpoint = nextLivenessCheckpoint(checkpoint, at(seconds), TIMEOUT_MS);
      expect(checkpoint.getTime()).toBeLessThanOrEqual(at(seconds).getTime());
      expect(at(seconds).getTime() - checkpoint.getTime()).toBeLessThanOrEqual(livenessCheckpointSlackMs(TIMEOUT_MS));
    }
  });
});
