/**
 * JSON for an inline `<script type="application/ld+json">`. HTML ends a script element at the
 * first `</script` whatever the JSON means, so `<` is written as `\u003c` (still the same JSON
 * string). `>` and `&` are escaped too, against `<!--` tricks and XHTML parsers, and U+2028/9
 * because older JavaScript engines treat them as line breaks inside strings.
 *
 * @example
 * scriptJson({ headline: '</script><script>alert(1)' })
 * // '{"headline":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
