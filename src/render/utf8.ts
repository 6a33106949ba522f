/** Pages longer than this (in UTF-16 units) are encoded the ordinary way rather than growing the scratch space. */
const MAX_SCRATCH_CHARS = 1024 * 1024;

// Scratch space for encoding, grown to three bytes per unit of the longest page encoded so far.
let scratch = Buffer.allocUnsafeSlow(3 * 64 * 1024);

/**
 * A rendered page as UTF-8, in a buffer of its own (never a slice of a shared pool, so the page
 * cache can keep it without keeping anything else alive).
 *
 * `Buffer.from(text)` measures the string in a pass of its own before it encodes it; on a page
 * of mostly three-byte Chinese characters that pass costs about as much as the encoding. Here the
 * text is written into scratch space big enough for any text of its length (a UTF-16 unit never
 * takes more than three bytes) and the bytes copied out: about half the time per page.
 *
 * @example
 * utf8Bytes('焦點').length // 6
 */
export function utf8Bytes(text: string): Buffer {
  if (text.length > MAX_SCRATCH_CHARS) return Buffer.from(text, 'utf8');
  if (3 * text.length > scratch.length) scratch = Buffer.allocUnsafeSlow(3 * text.length);
  const length = scratch.write(text, 0, 'utf8');
  const bytes = Buffer.allocUnsafeSlow(length);
  scratch.copy(bytes, 0, 0, length);
  return bytes;
}
