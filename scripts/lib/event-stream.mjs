// Reading the lifecycle event stream from a terminal: tail from now, or replay from a time.
import { connect, DeliverPolicy, nanos } from 'nats';

export function parseSince(text) {
  const match = /^(\d+)(s|m|h|d)$/.exec(text ?? '');
  if (match) return new Date(Date.now() - Number(match[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[match[2]]);
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`--since takes a duration like 30m, 1h, 2d or an ISO time, not '${text}'`);
  return date;
}

/**
 * Prints events as they arrive (tail) or from `since` until caught up (replay), one line each,
 * in stream order. `onEvent` gets the envelope and the stream sequence.
 */
export async function readEvents({ natsUrl, stream, subjectRoot, subject, since, follow, onEvent, onProgress }) {
  const nc = await connect({ servers: natsUrl });
  try {
    const filter = `${subjectRoot}.evt.${subject ?? '>'}`;
    const opts = since ? { filterSubjects: filter, deliver_policy: DeliverPolicy.StartTime, opt_start_time: since.toISOString() } : { filterSubjects: filter, deliver_policy: DeliverPolicy.New };
    const consumer = await nc.jetstream().consumers.get(stream, opts);
    let seen = 0;
    for (;;) {
      const message = await consumer.next({ expires: 2_000 });
      if (!message) {
        if (!follow) break;
        continue;
      }
      seen++;
      onEvent(message.json(), message.seq);
      if (!follow && message.info.pending === 0) break;
      if (onProgress && seen % 500 === 0) onProgress(seen, message.info.pending);
    }
    return seen;
  } finally {
    await nc.close();
  }
}

export { nanos };
