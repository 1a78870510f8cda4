// CPU time of this Node process and of another process (the Neo4j JVM, from /proc/<pid>/stat): on a shared,
// loaded machine the CPU a step costs says more than its wall time.
import { readFileSync } from 'node:fs';

export interface CpuTime {
  /** performance.now(), ms. */
  wall: number;
  /** This process, user + system, ms. */
  node: number;
  /** The other process, user + system, ms (0 without /proc). */
  jvm: number;
}

/** A process's user + system CPU time in ms, from /proc/<pid>/stat (0 where there is no /proc). */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime in clock ticks of 1/100 s
  } catch {
    return 0; // no /proc here: that share is not measured
  }
}

export function cpuTime(jvmPid: number): CpuTime {
  const usage = process.cpuUsage();
  return { wall: performance.now(), node: (usage.user + usage.system) / 1000, jvm: processCpuMs(jvmPid) };
}

export const cpuSince = (from: CpuTime, to: CpuTime): CpuTime => ({
  wall: to.wall - from.wall,
  node: to.node - from.node,
  jvm: to.jvm - from.jvm,
});

export const fmtCpu = (c: CpuTime): string =>
  `wall ${(c.wall / 1000).toFixed(2)} s, Node CPU ${(c.node / 1000).toFixed(2)} s, Neo4j CPU ${(c.jvm / 1000).toFixed(2)} s`;
