/** Whether a process with this pid exists and may be signalled by us (signal 0 sends nothing). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
