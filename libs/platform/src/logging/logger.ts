import pino, { type DestinationStream, type Logger } from 'pino';
import { currentCorrelationId } from './correlation';
import { REDACTED_PATHS } from './redacted-paths';

/**
 * JSON logs, one line per event, with the service name and the correlation id of the
 * request or job being handled. Credentials never reach a log line.
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
