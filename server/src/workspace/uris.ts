// URIs are the index's keys. Clients percent-encode paths differently (VS Code encodes `[` and `:` where Node
// does not), so every URI is normalised through the file path before it is used as a key.
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';

/** A `file:` URI of unreserved characters only is already what the round trip below would make of it. */
const CANONICAL = /^file:\/\/\/[A-Za-z0-9._~/-]*$/;

export function normalizeUri(uri: string): string {
  if (!uri.startsWith('file:') || CANONICAL.test(uri)) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function uriToPath(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(path.resolve(filePath)).href;
}

export function dirnameUri(uri: string): string {
  return pathToUri(path.dirname(uriToPath(uri)));
}

export function basename(uri: string): string {
  return path.basename(uriToPath(uri));
}
