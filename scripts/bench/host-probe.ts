/**
 * A gauge of the host, not of the library: dependent loads over a 32 KB random cycle, which stays
 * in the core's L1 data cache and allocates nothing.
 *
 * On this shared virtual machine the triage slows by up to half for tens of seconds at a time while
 * the load average stays at 0, and work on the machine's other core does not cause it: most likely
 * another tenant shares the physical core's caches. Plain arithmetic does not notice (a
 * register-only loop keeps its rate); L1-resident loads do (measured on 2026-12-04, interleaved in
 * one process: this probe 0.63×, the triage 0.5×, the arithmetic 1.0×). So the bench runs this
 * probe before each throughput window and each latency burst and reports it beside the row: a row
 * whose probe reads well below the other rows' was measured in such an episode.
 */
/** The cycle's size: a core's whole L1 data cache on this host. */
export const PROBE_BYTES = 32 * 1024;
const LINE = 64;
const SLOTS_PER_LINE = LINE / Int32Array.BYTES_PER_ELEMENT;
const LOADS_PER_STEP = 1000;

/** One slot per cache line, chained in a random cycle (Sattolo), so that each load waits for the last. */
const chain = (): Int32Array => {
  const lines = PROBE_BYTES / LINE;
  const order = Int32Array.from({ length: lines }, (_, i) => i);
  // a fixed seed: every run of the bench walks the same cycle
  let seed = 1;
  const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = lines - 1; i > 0; i--) {
    const j = Math.floor(random() * i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const next = new Int32Array(lines * SLOTS_PER_LINE);
  for (let i = 0; i < lines; i++) next[order[i]! * SLOTS_PER_LINE] = order[(i + 1) % lines]! * SLOTS_PER_LINE;
  return next;
};

export interface HostProbe {
  /** Dependent loads per second over `ms` milliseconds of wall time. */
  loadsPerSecond(ms: number): number;
}

export const hostProbe = (now: () => number): HostProbe => {
  const next = chain();
  let at = 0;
  const step = (): void => {
    let p = at;
    for (let i = 0; i < LOADS_PER_STEP; i++) p = next[p]!;
    at = p;
  };
  step();
  return {
    loadsPerSecond(ms) {
      const start = now();
      const until = start + ms * 1000;
      let steps = 0;
      while (now() < until) {
        step();
        steps++;
      }
      return (steps * LOADS_PER_STEP) / ((now() - start) / 1e6);
    },
  };
};

export const formatProbe = (loadsPerSecond: number): string => `${(loadsPerSecond / 1e6).toFixed(0)} M/s`;
