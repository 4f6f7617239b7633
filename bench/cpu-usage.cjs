// Preloaded (`node -r bench/cpu-usage.cjs …`) into each timed process: on exit it writes the process's own CPU time
// (user + system, all threads) to stderr, so bench/run.mjs can report a figure that other load on the machine
// inflates far less than wall time; and its peak RSS (VmHWM, or getrusage's maxRSS where /proc is missing), in kB.
const { readFileSync, writeSync } = require('node:fs');
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  let hwm;
  try {
    hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
  } catch {
    hwm = undefined;
  }
  if (!hwm) hwm = process.resourceUsage().maxRSS;
  writeSync(2, `\n@@bench-cpu ${(user + system) / 1000}\n@@bench-hwm ${hwm}\n`);
});
