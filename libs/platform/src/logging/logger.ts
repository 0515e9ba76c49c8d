import pino, { type Logger } from 'pino';
import { currentCorrelationId } from './correlation';

/**
 * JSON logs, one line per event, with the service name and the correlation id of the
 * request or job being handled. Credentials never reach a log line.
 */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
    redact: {
      paths: ['authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization', 'clientSecret', '*.clientSecret', 'token', '*.token', 'password', '*.password'],
      censor: '[redacted]',
    },
  });
}
