// Memory of Chromium's process tree (browser, renderers, GPU and utility processes), read from
// /proc: Playwright does not say which processes belong to a browser it launched, but they are
// all descendants of this Node process whose command is chromium's.
//
// What is summed is each process's anonymous resident memory (RssAnon in /proc/<pid>/status):
// heaps and JavaScript, what grows when pages leak. Plain RSS would count the pages Chromium's
// processes share once per process; PSS (smaps_rollup) is exact but walks every mapping —
// hundreds of milliseconds for a few renderers with their huge address-space reservations.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

interface ProcEntry {
  pid: number;
  ppid: number;
  command: string;
}

function readProc(pid: number): ProcEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ..." — comm may contain spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const command = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    return { pid, ppid, command };
  } catch {
    return undefined;
  }
}

function processes(): ProcEntry[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map((name) => readProc(Number(name)))
      .filter((entry): entry is ProcEntry => entry !== undefined);
  } catch {
    return [];
  }
}

/** Pids of every chromium process descending from `rootPid` (default: this process). */
export function chromiumTreePids(rootPid = process.pid): number[] {
  const children = new Map<number, ProcEntry[]>();
  for (const entry of processes()) {
    const list = children.get(entry.ppid) ?? [];
    list.push(entry);
    children.set(entry.ppid, list);
  }
  const found: number[] = [];
  const stack = [...(children.get(rootPid) ?? [])];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (/chrom/i.test(entry.command)) found.push(entry.pid);
    stack.push(...(children.get(entry.pid) ?? []));
  }
  return found;
}

async function anonymousBytes(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^RssAnon:\s+(\d+) kB/m.exec(status) ?? /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Anonymous resident memory of this worker's Chromium processes, in bytes. */
export async function chromiumTreeMemory(rootPid = process.pid): Promise<number> {
  const sizes = await Promise.all(chromiumTreePids(rootPid).map(anonymousBytes));
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Process ids of the chromium browser processes started by `rootPid` (its direct children). */
export function chromiumChildPids(rootPid = process.pid): number[] {
  return processes()
    .filter((entry) => entry.ppid === rootPid && /chrom/i.test(entry.command))
    .map((entry) => entry.pid);
}
