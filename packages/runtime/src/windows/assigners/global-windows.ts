import type { Namespace } from '../../state/state.js';
import { type Trigger, type TriggerContext, TriggerResult } from '../triggers/trigger.js';
import { GlobalWindow } from '../window.js';
import type { WindowAssigner } from './window-assigner.js';

/** Namespace of the global window; a string so it never equals VOID_NAMESPACE (global state of functions). */
const GLOBAL_NS = 'global';
const ONE_WINDOW: readonly GlobalWindow[] = [GlobalWindow.INSTANCE];

/** The default trigger of GlobalWindows: never fires (a custom trigger, e.g. CountTrigger, must be set). */
export class NeverTrigger implements Trigger<unknown, GlobalWindow> {
  onElement(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  canMerge(): boolean {
    return true;
  }
  onMerge(): void {}
  clear(): void {}
  toString(): string {
    return 'NeverTrigger';
  }
}

/** Fires the global window once, at the end of input (Flink's GlobalWindows.createWithEndOfStreamTrigger). */
export class EndOfStreamTrigger implements Trigger<unknown, GlobalWindow> {
  onElement(_e: unknown, _t: number, w: GlobalWindow, ctx: TriggerContext): TriggerResult {
    ctx.registerEventTimeTimer(w.maxTimestamp());
    return TriggerResult.CONTINUE;
  }
  onEventTime(time: number, w: GlobalWindow): TriggerResult {
    return time === w.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }
  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  clear(): void {}
  toString(): string {
    return 'EndOfStreamTrigger';
  }
}

/** One window per key holding all its elements (Flink's GlobalWindows). */
export class GlobalWindows implements WindowAssigner<unknown, GlobalWindow> {
  private constructor(private readonly endOfStream: boolean) {}
  static create(): GlobalWindows {
    return new GlobalWindows(false);
  }
  static createWithEndOfStreamTrigger(): GlobalWindows {
    return new GlobalWindows(true);
  }
  assignWindows(): readonly GlobalWindow[] {
    return ONE_WINDOW;
  }
  getDefaultTrigger(): Trigger<unknown, GlobalWindow> {
    return this.endOfStream ? new EndOfStreamTrigger() : new NeverTrigger();
  }
  isEventTime(): boolean {
    return false;
  }
  namespaceOf(): Namespace {
    return GLOBAL_NS;
  }
  windowOf(): GlobalWindow {
    return GlobalWindow.INSTANCE;
  }
  toString(): string {
    return 'GlobalWindows';
  }
}
