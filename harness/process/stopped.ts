import { readdir, readFile } from 'node:fs/promises';

/**
 * SIGSTOP is sent to a process, not done to it at once. The kernel hands it to one
 * thread; the others stop only once that thread has been scheduled and run its signal
 * handling. On a loaded machine that takes milliseconds, during which another thread
 * (a Python worker's HTTP call in a thread of its own) may read an answer written just
 * after the freeze, and act on it: seen on langgraph-py at load ~17, a step sent 7 ms
 * after its "frozen" worker got the previous step's answer, which the ledger then
 * believed unread (decision 0117). So a freeze is done only once every thread of every
 * process in the group shows as stopped (or gone) in /proc.
 */

/** How long a freeze may take to show: past it the group is reported still running. */
const CONFIRM_LIMIT_MS = 2000;
/** A freeze shows within a few ms on an idle machine, so look again soon; on a loaded one it can take hundreds, so back off rather than read /proc every ms. */
const FIRST_POLL_MS = 1;
const MAX_POLL_MS = 16;

/** `not-seen`: no /proc to look in (not Linux); `still-running`: not stopped within the limit. */
export type StopState = 'stopped' | 'gone' | 'not-seen' | 'still-running';

/** The fields after `comm` in /proc/<pid>/stat (comm may hold spaces and parentheses). */
function statFields(text: string): string[] {
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** The processes of a group: its leader, and any other process whose pgrp is the group. */
async function groupMembers(pgid: number): Promise<number[]> {
  const members = new Set([pgid]);
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === pgid) continue;
    const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (text && Number(statFields(text)[2]) === pgid) members.add(pid);
  }
  return [...members];
}

/** Whether every thread of the process is stopped or gone; undefined when the process is gone. */
async function allThreadsStopped(pid: number): Promise<boolean | undefined> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => undefined);
  if (!tasks) return undefined;
  for (const tid of tasks) {
    const text = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
    // T: stopped by a signal; t: traced; Z, X: exiting. A thread gone meanwhile is stopped enough.
    if (text && !'TtZX'.includes(statFields(text)[0] ?? '')) return false;
  }
  return true;
}

/**
 * Resolves once the process group `pgid`, just sent SIGSTOP, has stopped: every thread
 * of each of its processes; `not-seen` where /proc cannot say (not Linux),
 * `still-running` when the group does not stop within the limit (a thread stuck in
 * uninterruptible I/O).
 */
export async function untilStopped(pgid: number, limitMs = CONFIRM_LIMIT_MS): Promise<StopState> {
  if ((await readdir('/proc/self/task').catch(() => undefined)) === undefined) return 'not-seen';
  const members = await groupMembers(pgid);
  const deadline = Date.now() + limitMs;
  for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(pollMs * 2, MAX_POLL_MS)) {
    const states = await Promise.all(members.map(allThreadsStopped));
    if (states.every((s) => s === undefined)) return 'gone';
    if (states.every((s) => s !== false)) return 'stopped';
    if (Date.now() >= deadline) return 'still-running';
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
