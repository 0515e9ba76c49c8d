/** A report from a healthy cluster: required dependencies present, operands ready, Available. */
export function healthyReport(version: string, reportedAt: Date, acks: { command: string; id: string }[]): object {
  const at = reportedAt.toISOString();
  return {
    reportedAt: at,
    version,
    platform: { type: 'vanilla', kubeVersion: 'v1.31.2' },
    config: { workloadOwnershipProtection: false, subdomainEnabled: false, ingressClass: 'nginx' },
    conditions: [{ type: 'Available', status: 'True', reason: 'AllOperandsReady', message: 'all operands are ready', lastTransitionTime: at }],
    operands: { scheduler: { ready: true }, 'metrics-exporter': { ready: true } },
    dependencies: { required: { 'nvidia-gpu-operator': { available: true } }, optional: { prometheus: { available: true } } },
    ...(acks.length > 0 ? { acks } : {}),
  };
}
