import type { Context } from '../context.ts';
import { type LifecycleReport, runLifecycleJobs } from './lifecycle.ts';

export interface SchedulerOptions {
  /** a run failed; the scheduler goes on at the next interval */
  onError?: (err: unknown) => void;
  /** a run changed something */
  onRun?: (report: LifecycleReport) => void;
}

/**
 * Runs the lifecycle jobs in this process every JOBS_INTERVAL_MS (in `casebook serve` and in every
 * `casebook worker`). Any number of processes may run one: the jobs change each case by a conditional
 * update in its own transaction, so each change and each reminder happens once.
 */
export class JobScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wake: (() => void) | undefined;

  constructor(
    private readonly ctx: Context,
    private readonly options: SchedulerOptions = {},
  ) {}

  /** One run of every job (tests and `casebook worker --once`). */
  runOnce(): Promise<LifecycleReport> {
    return runLifecycleJobs(this.ctx);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      while (!this.stopped) {
        try {
          const report = await this.runOnce();
          if (Object.values(report).some((n) => n > 0)) this.options.onRun?.(report);
        } catch (err) {
          this.options.onError?.(err);
        }
        if (this.stopped) break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.ctx.config.jobsIntervalMs);
        });
      }
    };
    this.running = loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.running;
  }
}
