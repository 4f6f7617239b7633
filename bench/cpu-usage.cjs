// Preloaded (`node -r bench/cpu-usage.cjs …`) into each timed process: on exit it writes the process's own CPU time
// (user + system, all threads) to stderr, so bench/run.mjs can report a figure that other load on the machine
// inflates far less than wall time.
const { writeSync } = require('node:fs');
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeSync(2, `\n@@bench-cpu ${(user + system) / 1000}\n`);
});
