/**
 * Keeps only the most recent lines so long-running processes under test
 * cannot grow memory without bound, while failures still show recent output.
 */
export class LineRingBuffer {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 500) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) {
      this.lines.splice(0, this.lines.length - this.capacity);
    }
  }

  snapshot(): readonly string[] {
    return [...this.lines];
  }

  text(): string {
    return this.lines.join('\n');
  }
}
