/** How far ahead of the control plane's clock an agent's `reportedAt` is believed. */
export const MAX_AGENT_CLOCK_LEAD_MS = 30_000;

/**
 * The agent's `reportedAt` orders its reports (an older one never overwrites a newer one), but
 * a clock running ahead would make every later report look old until real time caught up; so a
 * time beyond the allowed lead counts as if sent at the edge of it.
 */
export function acceptedReportTime(reportedAt: Date, receivedAt: Date): Date {
  const latest = receivedAt.getTime() + MAX_AGENT_CLOCK_LEAD_MS;
  return reportedAt.getTime() > latest ? new Date(latest) : reportedAt;
}
