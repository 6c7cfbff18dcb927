/** Job states, as Flink names them. */
export type JobStatus =
  | 'CREATED'
  | 'RUNNING'
  | 'FAILING'
  | 'RESTARTING'
  | 'CANCELLING'
  | 'CANCELED'
  | 'FINISHED'
  | 'FAILED'
  | 'SUSPENDED';

export function isTerminal(s: JobStatus): boolean {
  return s === 'CANCELED' || s === 'FINISHED' || s === 'FAILED' || s === 'SUSPENDED';
}
