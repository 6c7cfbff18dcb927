import type { Lifecycle } from '../functions/rich-function.js';
import { createRuntimeContext, type RuntimeContext } from '../functions/runtime-context.js';
import type { OperatorSnapshot } from './operator-snapshot.js';
import { OneInputOperator } from './stream-operator.js';

/** One-input operator that drives a user function's lifecycle hooks. */
export abstract class UserFunctionOperator<IN, OUT> extends OneInputOperator<IN, OUT> {
  protected runtimeContext!: RuntimeContext;
  constructor(protected readonly lifecycle: Lifecycle | undefined) {
    super();
  }
  override async open(): Promise<void> {
    this.runtimeContext = createRuntimeContext(this.ctx);
    await this.lifecycle?.open?.(this.runtimeContext);
  }
  override async close(): Promise<void> {
    await super.close();
    await this.lifecycle?.close?.();
  }
  override snapshotState(checkpointId: number): OperatorSnapshot {
    this.lifecycle?.snapshotState?.(checkpointId);
    return super.snapshotState(checkpointId);
  }
  override async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await this.lifecycle?.notifyCheckpointComplete?.(checkpointId);
  }
}
