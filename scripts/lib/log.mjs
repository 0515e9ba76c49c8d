// Progress output shared by the scripts in scripts/. Everything goes to stderr so
// that stdout stays free for machine-readable output (e.g. `infra.mjs up` prints
// KEY=value lines that callers may eval).

const useColor = process.stderr.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);

// A progress line that is still being rewritten in place must be terminated
// before anything else is printed, or the next message would be glued onto it.
let progressOpen = false;

function write(text) {
  if (progressOpen) {
    process.stderr.write('\n');
    progressOpen = false;
  }
  process.stderr.write(`${text}\n`);
}

export const step = (msg) => write(`${paint('36', '▸')} ${msg}`);
export const ok = (msg) => write(`${paint('32', '✔')} ${msg}`);
export const warn = (msg) => write(`${paint('33', '!')} ${msg}`);
export const fail = (msg) => write(`${paint('31', '✖')} ${msg}`);

/** Rewrites one status line in place on a terminal; silent when stderr is not a TTY. */
export function progress(msg) {
  if (!process.stderr.isTTY) return;
  const width = Math.max(20, (process.stderr.columns || 80) - 4);
  const line = msg.length > width ? `${msg.slice(0, width - 1)}…` : msg;
  process.stderr.write(`\r\x1b[2K  ${paint('2', line)}`);
  progressOpen = true;
}
