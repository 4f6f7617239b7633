// An edit that deletes one key of a block map with its whole value: every line from the key's line to the end of
// the value's last line (a comment at the end of that line goes too). Keys in flow maps (`{a: 1, b: 2}`) or on a
// sequence dash (`- key: …`) share their line with other content, so no edit is offered for them.
import type { TextEdit } from 'vscode-languageserver-types';
import type { K8sObject } from '../../model/object';
import { locate } from '../../parser/locate';
import type { NodePath } from '../../parser/types';
import type { YamlFile } from '../../parser/yamlFile';

export function deleteKeyEdit(yaml: YamlFile, object: K8sObject, path: NodePath): TextEdit | undefined {
  const found = locate(object.source.document.doc, path, 'pair');
  if (!found?.exact) return undefined;
  const text = yaml.text;
  const base = object.source.segmentOffset;
  const keyStart = base + found.range.start;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  if (text.slice(lineStart, keyStart).trim() !== '') return undefined;
  // The value's range may run on over the newlines after it: back up to its last character, then take its line.
  let end = base + found.range.end;
  while (end > keyStart && /\s/.test(text[end - 1]!)) end--;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  return { range: yaml.lines.range(lineStart, lineEnd), newText: '' };
}
