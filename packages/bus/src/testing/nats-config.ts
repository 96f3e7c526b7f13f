/**
 * Reads a NATS server config (its own format: `key: value`, `key value`, `key = value`,
 * `name { … }` blocks, `[ … ]` lists, `#` and `//` comments) into `dotted.path → value` for the
 * scalar settings. Enough to check settings such as `jetstream.sync_interval`; `nats-server -t`
 * remains the judge of whether a file is valid.
 */
export function readNatsConfig(text: string): ReadonlyMap<string, string> {
  const settings = new Map<string, string>();
  const path: string[] = [];
  let i = 0;
  const peek = () => text[i] ?? '';
  const skipTo = (stop: (c: string) => boolean) => {
    while (i < text.length && !stop(peek())) i++;
  };
  while (i < text.length) {
    const c = peek();
    if (/[\s,;]/.test(c)) {
      i++;
    } else if (c === '#' || text.startsWith('//', i)) {
      skipTo((ch) => ch === '\n');
    } else if (c === '}') {
      path.pop();
      i++;
    } else {
      const start = i;
      skipTo((ch) => !/[\w.-]/.test(ch));
      const key = text.slice(start, i).toLowerCase();
      if (key === '') throw new SyntaxError(`unexpected "${c}" at offset ${i}`);
      skipTo((ch) => !/[ \t]/.test(ch));
      if (peek() === ':' || peek() === '=') i++;
      skipTo((ch) => !/[ \t]/.test(ch));
      const value = readValue();
      if (value === '{') path.push(key);
      else if (value !== undefined) settings.set([...path, key].join('.'), value);
    }
  }
  return settings;

  /** The scalar at `i`, `{` for a block start, or undefined for a list. */
  function readValue(): string | undefined {
    const c = peek();
    if (c === '{') {
      i++;
      return '{';
    }
    if (c === '[') {
      let depth = 0;
      do {
        if (peek() === '[') depth++;
        if (peek() === ']') depth--;
        i++;
      } while (depth > 0 && i < text.length);
      return undefined;
    }
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      const value = text.slice(i + 1, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end + 1;
      return value;
    }
    const start = i;
    skipTo((ch) => /[\n,;}#]/.test(ch));
    return text.slice(start, i).trim();
  }
}
