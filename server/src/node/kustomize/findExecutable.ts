// Finds a program the way a shell would (each PATH entry in order, the first executable regular file), without
// spawning `which`: detection stays one process per probe and works where `which` is missing.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** The absolute path of `name` (a bare name searched on env.PATH, or a path with a separator), or undefined. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv): string | undefined {
  if (name === '') return undefined;
  const extensions = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)] : [''];
  if (isAbsolute(name) || name.includes('/') || (process.platform === 'win32' && name.includes('\\'))) {
    return firstExecutable(extensions.map((ext) => resolve(name + ext)));
  }
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const dir of dirs) {
    const found = firstExecutable(extensions.map((ext) => join(resolve(dir), name + ext)));
    if (found) return found;
  }
  return undefined;
}

function firstExecutable(candidates: readonly string[]): string | undefined {
  return candidates.find(isExecutableFile);
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
