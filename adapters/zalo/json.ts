/**
 * JSON.parse that keeps long integers exact. Zalo ids are 18-19 digit numbers, normally sent as
 * strings, but some payloads carry them bare (platforms.md §1.4.2) and Number() would round them
 * (2^53 ≈ 9.007e15) into another user's id. Integers of 16+ digits outside strings are quoted
 * before parsing; everything else parses as usual. Throws SyntaxError like JSON.parse.
 */
export function parseJsonKeepingIds(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

function quoteLongIntegers(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = ch === '-' ? i + 1 : i;
      while (j < text.length && text[j]! >= '0' && text[j]! <= '9') j++;
      const digitCount = j - (ch === '-' ? i + 1 : i);
      const next = text[j];
      const isInteger = next !== '.' && next !== 'e' && next !== 'E';
      if (digitCount >= 16 && isInteger) {
        out += `${text.slice(from, i)}"${text.slice(i, j)}"`;
        from = j;
      }
      i = j - 1;
    }
  }
  return out + text.slice(from);
}
