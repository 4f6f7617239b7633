// Entry point VS Code's extension host loads as extensionTestsPath (bundled to dist/test/vscode/suite/index.js).
// Both runners use it: test/vscode/runCodeServer.mjs (code-server + Chromium) and test/vscode/runElectron.mjs.
// mocha stays external in the bundle and is resolved at run time from the repo's node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Written when GATEWAY_TLS_TEST_RESULTS is set, so the runner can print one closing count for all modes. */
interface Results {
  passes: number;
  failures: number;
  pending: number;
  failed: { title: string; error: string }[];
}

export function run(): Promise<void> {
  // Reporters print through Base.consoleLog with printf-style arguments ('%s', title). The extension host forwards
  // console output to the workbench without applying the format, so format it here.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => console.log(format(...args));

  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 90_000,
    // Everything the spec reporter prints goes through console.log, which the extension host forwards to the runner.
    reporter: 'spec',
  });
  const grep = process.env.GATEWAY_TLS_TEST_GREP;
  if (grep) mocha.grep(grep);

  const dir = __dirname;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(dir, file));
  }

  return new Promise((resolve, reject) => {
    const results: Results = { passes: 0, failures: 0, pending: 0, failed: [] };
    try {
      const runner = mocha.run((failures) => {
        writeResults(results);
        if (failures > 0) reject(new Error(`${failures} VS Code test(s) failed.`));
        else if (results.passes === 0) reject(new Error('No VS Code test ran.'));
        else resolve();
      });
      runner.on('pass', () => results.passes++);
      runner.on('pending', () => results.pending++);
      runner.on('fail', (test, err: Error) => {
        results.failures++;
        results.failed.push({ title: test.fullTitle(), error: String(err?.stack ?? err) });
      });
    } catch (err) {
      writeResults({ ...results, failures: results.failures + 1, failed: [{ title: 'loading the suite', error: String(err) }] });
      reject(err);
    }
  });
}

function writeResults(results: Results): void {
  const file = process.env.GATEWAY_TLS_TEST_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
}
