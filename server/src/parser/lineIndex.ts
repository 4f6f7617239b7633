// Offsets ↔ LSP positions for one file's text. The only place that turns offsets into line/character.
import type { Position, Range } from 'vscode-languageserver-types';

const LINE_BREAK = /\r\n?|\n/g;

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    // Line breaks as LSP counts them: `\n`, `\r\n` and a lone `\r` (an old Mac file, or a stray one).
    const starts = [0];
    for (const match of text.matchAll(LINE_BREAK)) starts.push(match.index! + match[0].length);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line]!;
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
    return this.text.slice(start, Math.max(start, next)).replace(/(?:\r\n?|\n)$/, '');
  }
}

const LONE_CR = /\r(?!\n)/g;

/**
 * The text with every lone `\r` made a `\n`, offsets unchanged: for readers that break lines at `\n` and `\r\n`
 * only (the `yaml` library, the header scan), while YAML and LSP also break at a lone `\r`.
 */
export function loneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(LONE_CR, '\n') : text;
}
