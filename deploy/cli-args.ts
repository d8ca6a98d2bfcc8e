/** Minimal `--name value` / `--process name=codes` parsing shared by the deploy generators. */
export function parseArgs(argv: string[]): { flags: Map<string, string>; processes: Record<string, string[]> } {
  const flags = new Map<string, string>();
  const processes: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`${a} needs a value`);
    if (a === '--process') {
      const [name, codes] = value.split('=');
      if (!name || !codes) throw new Error(`--process wants name=code,code (got ${value})`);
      processes[name] = codes
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
    } else {
      flags.set(a.slice(2), value);
    }
  }
  return { flags, processes };
}
