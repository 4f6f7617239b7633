// The README's first command: check the bundled examples (they are partly broken on purpose, so exit 1 is the
// expected outcome; 2 would be a real failure), then package the .vsix.
import { spawnSync } from 'node:child_process';

const check = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples'], { stdio: 'inherit' });
if (check.status !== 0 && check.status !== 1) process.exit(check.status ?? 2);
const pack = spawnSync('npm', ['run', 'package', '--silent'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(pack.status ?? 1);
